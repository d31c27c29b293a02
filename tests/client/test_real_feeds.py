"""Feeds from other generators read right: state, names, text (issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime
import json

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.parsers.feed import parse_generic_feed, read_feed
from tests.status_page_server import fixture


def test_newest_body_label_wins_over_scheduled_in_the_title() -> None:
    # The real entry: title "Codespaces Scheduled Maintenance", newest post "Completed".
    feed = read_feed(fixture("github_history_2025-07-08_with_maintenance.atom"))
    (maintenance,) = [i for i in parse_generic_feed(feed) if i.id.endswith("/25303483")]
    assert maintenance.name == "Codespaces Scheduled Maintenance"
    assert maintenance.status is IncidentStatus.COMPLETED
    assert maintenance.status_raw == "completed"
    assert maintenance.is_maintenance
    assert maintenance.resolved_at == datetime(2025, 5, 31, 4, 30, 21, tzinfo=UTC)


def test_statuspage_stamps_with_a_year() -> None:
    snap = sniff_document(fixture("statuspage_history_year_stamps_written.atom"))
    assert snap.source is SourceKind.STATUSPAGE_FEED
    assert snap.page.name == "GitHub"
    actions, codespaces = snap.incidents
    assert actions.id == "y2k26abcd123"
    assert actions.status is IncidentStatus.IDENTIFIED
    assert [(u.status_raw, u.display_at) for u in actions.updates] == [
        ("Investigating", datetime(2025, 12, 31, 23, 50, tzinfo=UTC)),
        ("Identified", datetime(2026, 1, 5, 9, 10, tzinfo=UTC)),
    ]
    assert codespaces.status is IncidentStatus.COMPLETED
    assert [(u.status_raw, u.display_at) for u in codespaces.updates] == [
        ("Scheduled", datetime(2025, 5, 13, 6, 45, tzinfo=UTC)),
        ("In progress", datetime(2025, 5, 29, 21, 30, tzinfo=UTC)),
        ("Completed", datetime(2025, 5, 31, 4, 30, tzinfo=UTC)),
    ]
    assert codespaces.updates[0].body == (
        "Codespaces will be undergoing global maintenance from May 29, 2025 21:30 UTC"
        " to May 31, 2025 4:30 UTC."
    )
    assert snap.status is PageStatus.DEGRADED


def test_statuspage_like_feed_without_readable_posts_falls_back() -> None:
    snap = sniff_document(fixture("statuspage_history_unreadable_stamps_written.rss"))
    assert snap.page.name == "Acme Cloud"
    errors, upgrade = snap.incidents
    assert (errors.id, errors.name) == ("k3v9q2m1x8zt", "Elevated API error rates")
    assert errors.status is IncidentStatus.MONITORING
    assert errors.is_active
    assert errors.updates[0].body.startswith("03/03/2026 10:20\nMonitoring - A fix has been")
    assert (upgrade.name, upgrade.status) == (
        "Scheduled database upgrade",
        IncidentStatus.COMPLETED,
    )
    assert snap.status is PageStatus.DEGRADED


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("GitHub Incident History", "GitHub"),
        ("GitHub Status - Incident History", "GitHub"),
        ("Amazon Web Services Service Status", "Amazon Web Services"),
        ("Acme Status", "Acme"),
        ("Acme Status Page", "Acme"),
        ("Status", "Status"),
        ("Statusphere", "Statusphere"),
        ("- Status", "- Status"),
    ],
)
def test_feed_title_names_the_page(title: str, name: str) -> None:
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        "<link>https://status.acme.test/</link></channel></rss>"
    )
    assert sniff_document(feed.encode()).page.name == name


def test_entities_escaped_twice_never_reach_the_user() -> None:
    snap = sniff_document(fixture("incidentio_feed_double_escaped_entities_written.rss"))
    assert snap.page.name == "Tools & Co"
    (incident,) = snap.incidents
    assert incident.name == "Login & SSO errors\u2026"
    (update,) = incident.updates
    assert update.body == "Logins fail for some users \u2014 we're rolling back."
    (component,) = update.affected_components
    assert component.name == "Auth & SSO"
    assert component.new_status is ComponentStatus.PARTIAL_OUTAGE
    assert incident.components == ("Auth & SSO",)


def test_entities_in_json_names_are_decoded() -> None:
    data = json.loads(fixture("github_summary_3_unresolved_incidents_2026-02-09.json"))
    data["page"]["name"] = "Git&amp;Hub"
    data["components"][0]["name"] = "Git&nbsp;Operations &amp;amp; more"
    snap = sniff_document(json.dumps(data).encode())
    assert snap.page.name == "Git&Hub"
    assert snap.components[0].name == "Git Operations & more"


def test_aws_all_rss_titles_map_to_statuses() -> None:
    snap = sniff_document(fixture("aws_all_rss_2021-12-27_from_grafana_infinity_test.rss"))
    assert snap.source is SourceKind.AWS_FEED  # its own platform, read so on every poll
    assert snap.page.name == "Amazon Web Services"
    connectivity, directory = snap.incidents
    assert connectivity.name == "Internet connectivity"
    assert connectivity.status is IncidentStatus.RESOLVED
    assert connectivity.updates[0].status_raw == "Informational message"
    assert connectivity.components == ("internetconnectivity-ap-south-1",)
    assert directory.name == (
        "Increased Error Rates with Directory Services AD Connector or Managed AD"
    )
    assert directory.status is IncidentStatus.RESOLVED
    assert directory.resolved_at == datetime(2021, 12, 23, 1, 57, 40, tzinfo=UTC)
    assert snap.status is PageStatus.OPERATIONAL


def test_aws_service_rss_posts_of_one_event_are_one_incident() -> None:
    snap = sniff_document(fixture("aws_ec2_ap_northeast_1_rss_2019-09_from_readme.rss"))
    assert snap.page.name == "Amazon Elastic Compute Cloud (Tokyo)"
    assert len(snap.incidents) == 6
    overheating = snap.incidents[0]
    assert overheating.name == "インスタンスの接続性について | Instance Availability"
    assert [u.status_raw for u in overheating.updates] == [
        "Informational message",
        "Informational message",
        "Service degradation",
        "Service degradation",
        "Service degradation",
        "Informational message",
        "Service is operating normally",
    ]
    assert overheating.updates[0].status is IncidentStatus.INVESTIGATING
    assert overheating.updates[0].body == (
        "We are investigating connectivity issues affecting some instances in a single"
        " Availability Zone in the AP-NORTHEAST-1 Region."
    )
    assert overheating.status is IncidentStatus.RESOLVED
    assert overheating.impact is Impact.MAJOR
    assert all(i.status is IncidentStatus.RESOLVED for i in snap.incidents)
    assert snap.status is PageStatus.OPERATIONAL


def test_aws_open_events_degrade_the_page() -> None:
    snap = sniff_document(fixture("aws_all_rss_open_events_written.rss"))
    by_name = {(i.components, i.name): i for i in snap.incidents}
    disruption = by_name[("multipleservices-me-central-1",), "Increased Error Rates"]
    assert [u.status_raw for u in disruption.updates] == [
        "Informational message",
        "Service disruption",
    ]
    assert (disruption.status, disruption.impact) == (IncidentStatus.INVESTIGATING, Impact.CRITICAL)
    latency = by_name[("ec2-us-east-1",), "Increased Latencies"]
    assert (latency.status, latency.impact) == (IncidentStatus.INVESTIGATING, Impact.MAJOR)
    billing = by_name[("billingconsole",), "Delayed Cost Explorer data"]
    assert (billing.status, billing.impact) == (IncidentStatus.INVESTIGATING, Impact.MINOR)
    assert snap.status is PageStatus.PARTIAL_OUTAGE


def test_aws_rss_titles_without_known_state_words() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel>
    <title>Amazon Web Services Service Status</title><link>https://status.aws.amazon.com/</link>
    <item><title>[RESOLVED] Elevated error rates</title>
    <pubDate>Tue, 28 Mar 2023 16:52:00 PDT</pubDate>
    <guid>https://status.aws.amazon.com/#s3-us-east-1_1680047520</guid></item>
    <item><title>Ode to Unit Testing</title><pubDate>Tue, 28 Mar 2023 16:50:00 PDT</pubDate>
    <guid>https://status.aws.amazon.com/#lambda-us-east-1_1680047400</guid></item>
    </channel></rss>"""
    resolved, unknown = sniff_document(feed).incidents
    assert (resolved.name, resolved.status) == ("Elevated error rates", IncidentStatus.RESOLVED)
    assert (unknown.name, unknown.status) == ("Ode to Unit Testing", IncidentStatus.UNKNOWN)


def test_aws_markup_escaped_inside_cdata_reads_as_text() -> None:
    snap = sniff_document(fixture("aws_ec2_ap_northeast_1_rss_2019-09_from_readme.rss"))
    body = next(
        u.body
        for i in snap.incidents
        for u in i.updates
        if u.id == "http://status.aws.amazon.com/#ec2-ap-northeast-1_1566559115"
    )
    # The payload reads: ...next steps.&lt;br&gt;&lt;br&gt;Additional details are available
    # &lt;a href="https://aws.amazon.com/message/56489/"&gt;here&lt;/a&gt;.
    assert "<" not in body
    assert body.endswith(
        "next steps.\n\nAdditional details are available here. If you have additional"
        " questions, please contact AWS Support."
    )
    assert "詳細は こちら をご参照ください。" in body


def test_aws_text_with_a_less_than_sign_is_not_markup() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel>
    <title>Amazon Web Services Service Status</title><link>https://status.aws.amazon.com/</link>
    <item><title>Service is operating normally: Latency</title>
    <pubDate>Tue, 28 Mar 2023 16:52:00 PDT</pubDate>
    <guid>https://status.aws.amazon.com/#s3-us-east-1_1680047520</guid>
    <description><![CDATA[Back to &lt;5 ms for 1&lt;b&lt;3; &lt;bucket&gt; unaffected.]]>
    </description></item>
    </channel></rss>"""
    (incident,) = sniff_document(feed).incidents
    assert incident.updates[0].body == "Back to <5 ms for 1<b<3; <bucket> unaffected."
