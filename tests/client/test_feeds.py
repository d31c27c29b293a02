"""Statuspage and incident.io feeds, and generic feeds, parsed from real payloads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms import platform_for
from tests.status_page_server import fixture


def test_statuspage_atom_every_update_of_the_timeline() -> None:
    snap = sniff_document(
        fixture("github_history_2026-08-22_spaced_markup.atom"), "application/xml"
    )
    assert snap.source is SourceKind.STATUSPAGE_FEED
    assert (snap.page.name, snap.page.url) == ("GitHub", "https://www.githubstatus.com")
    assert len(snap.incidents) == 25
    incident = snap.incidents[0]
    # The id is the JSON code from the link, not the Atom entry's numeric id.
    assert incident.id == "bhbcjn4n3jzp"
    assert incident.name == "Intermittent failures creating agent tasks"
    assert incident.url == "https://www.githubstatus.com/incidents/bhbcjn4n3jzp"
    assert incident.status is IncidentStatus.RESOLVED
    assert incident.resolved_at == datetime(2026, 8, 21, 0, 37, tzinfo=UTC)
    assert len(incident.updates) == 12
    first, last = incident.updates[0], incident.updates[-1]
    assert (first.status_raw, first.display_at) == (
        "Investigating",
        datetime(2026, 8, 20, 14, 43, tzinfo=UTC),
    )
    assert first.id == "investigating@20260820T1443Z"
    assert last.body.startswith("This incident has been resolved. Thank you")
    # "Update" posts keep the status the incident had.
    assert incident.updates[1].status_raw == "Update"
    assert incident.updates[1].status is IncidentStatus.INVESTIGATING
    assert len({u.id for i in snap.incidents for u in i.updates}) == sum(
        len(i.updates) for i in snap.incidents
    )
    assert snap.status is PageStatus.OPERATIONAL


def test_statuspage_atom_tight_markup_and_maintenance() -> None:
    snap = sniff_document(
        fixture("github_history_2025-07-08_with_maintenance.atom"), "application/xml"
    )
    maintenance = next(i for i in snap.incidents if i.id == "nwjwwhj118sf")
    assert maintenance.is_maintenance
    assert maintenance.impact is Impact.MAINTENANCE
    assert [u.status for u in maintenance.updates] == [
        IncidentStatus.SCHEDULED,
        IncidentStatus.IN_PROGRESS,
        IncidentStatus.COMPLETED,
    ]
    assert maintenance.updates[0].display_at == datetime(2025, 5, 29, 21, 1, tzinfo=UTC)


def test_statuspage_post_with_paragraphs_of_its_own_keeps_them() -> None:
    # The real "Resolved" post wraps its text in <p> paragraphs inside the post's own <p>.
    snap = sniff_document(
        fixture("github_history_2025-07-08_with_maintenance.atom"), "application/xml"
    )
    incident = next(i for i in snap.incidents if i.id == "j46wj670px33")
    resolved = incident.updates[-1]
    assert (resolved.status_raw, resolved.display_at) == (
        "Resolved",
        datetime(2025, 6, 12, 21, 7, tzinfo=UTC),
    )
    paragraphs = resolved.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("On June 12, 2025, between 17:55 UTC and 21:07 UTC")
    assert paragraphs[1] == (
        "We mitigated the incident by temporarily disabling the affected provider endpoints"
        " to reduce user impact."
    )
    assert paragraphs[2].endswith("mitigation of issues like this one in the future.")
    assert len(incident.updates) == 9


def test_statuspage_postmortem_after_resolution_keeps_the_resolved_time() -> None:
    snap = sniff_document(fixture("parse_history_2014.rss"), "application/xml")
    incident = next(i for i in snap.incidents if i.id == "p9hy357zjvb3")
    assert [u.status_raw for u in incident.updates] == ["Investigating", "Resolved", "Postmortem"]
    assert incident.status is IncidentStatus.POSTMORTEM
    # "Dec 24, 11:21 PST" (Resolved), not "Dec 26, 10:22 PST" (the postmortem written later).
    assert incident.resolved_at == datetime(2013, 12, 24, 19, 21, tzinfo=UTC)


def test_statuspage_rss_2014_without_var_and_local_zone() -> None:
    snap = sniff_document(fixture("parse_history_2014.rss"), "application/xml")
    assert snap.page.name == "Parse"
    incident = snap.incidents[0]
    assert incident.id == "lzf7mjchpy20"
    assert [u.status for u in incident.updates] == [
        IncidentStatus.INVESTIGATING,
        IncidentStatus.IDENTIFIED,
        IncidentStatus.RESOLVED,
    ]
    # "Jan  1, 08:17 PST" -> 16:17 UTC, year taken from the item's pubDate.
    assert incident.updates[0].display_at == datetime(2014, 1, 1, 16, 17, tzinfo=UTC)
    analytics = snap.incidents[1]
    assert "We're working to restore" in analytics.updates[1].body  # &apos; decoded
    postmortem = next(i for i in snap.incidents if i.status is IncidentStatus.POSTMORTEM)
    assert postmortem.updates[-1].body.startswith("# Summary")


def test_december_posts_in_a_january_entry_belong_to_the_year_before() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>X Status</title>
    <link>https://status.x.test</link><item><title>Outage</title>
    <link>https://status.x.test/incidents/abc123</link>
    <pubDate>Thu, 02 Jan 2026 01:00:00 +0000</pubDate>
    <description>
    &lt;p&gt;&lt;small&gt;Jan  2, 01:00 UTC&lt;/small&gt;&lt;br&gt;
    &lt;strong&gt;Resolved&lt;/strong&gt; - ok&lt;/p&gt;
    &lt;p&gt;&lt;small&gt;Dec 31, 23:00 UTC&lt;/small&gt;&lt;br&gt;
    &lt;strong&gt;Investigating&lt;/strong&gt; - hm&lt;/p&gt;</description>
    </item></channel></rss>"""
    (incident,) = sniff_document(feed, "application/xml").incidents
    assert [u.display_at for u in incident.updates] == [
        datetime(2025, 12, 31, 23, 0, tzinfo=UTC),
        datetime(2026, 1, 2, 1, 0, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    "name",
    ["openai_incidentio_feed_2026-02_trimmed.atom", "openai_incidentio_feed_2026-01_trimmed.rss"],
)
def test_incidentio_feed_latest_state(name: str) -> None:
    snap = sniff_document(fixture(name), "application/xml")
    assert snap.source is SourceKind.INCIDENTIO_FEED
    assert snap.page.name == "OpenAI"
    incident = snap.incidents[0]
    assert len(incident.id) == 26  # the ULID, out of the //incidents/ link
    assert incident.url is not None
    assert "//incidents" not in incident.url
    assert incident.status is IncidentStatus.RESOLVED
    (update,) = incident.updates
    assert update.body == "All impacted services have now fully recovered."
    (component,) = update.affected_components
    assert component.new_status is ComponentStatus.OPERATIONAL
    assert incident.components == (component.name,)


def test_generic_feed_one_incident_per_entry() -> None:
    feed = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Acme</title>
    <link href="https://acme.test/"/>
    <entry><id>urn:1</id><title>[Investigating] Login errors</title>
    <updated>2026-03-01T10:00:00Z</updated>
    <content type="html">&lt;b&gt;Logins&lt;/b&gt; fail</content></entry>
    <entry><id>urn:2</id><title>Blog post</title><updated>2026-02-01T10:00:00Z</updated></entry>
    </feed>"""
    snap = sniff_document(feed, "application/xml")
    assert snap.source is SourceKind.FEED
    assert [i.id for i in snap.incidents] == ["urn:1", "urn:2"]
    assert snap.incidents[0].status is IncidentStatus.INVESTIGATING
    assert snap.incidents[0].updates[0].body == "Logins fail"
    assert snap.incidents[1].status is IncidentStatus.UNKNOWN
    assert snap.status is PageStatus.DEGRADED


def test_an_rss_items_update_is_still_keyed_by_its_pubdate_with_an_atom_updated() -> None:
    """Ids may never change under stored state (an old update would fire again): an RSS
    item's update stays keyed and dated by its pubDate when a .NET feed adds a10:updated."""
    feed = b"""<?xml version="1.0"?><rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom">
    <channel><title>Acme</title><link>https://acme.test/</link>
    <item><guid>urn:1</guid><title>Login errors</title><description>Logins fail</description>
    <pubDate>Thu, 06 Aug 2026 03:10:00 GMT</pubDate><a10:updated>2026-08-06T05:00:00Z</a10:updated>
    </item></channel></rss>"""
    (incident,) = sniff_document(feed, "application/xml").incidents
    posted = datetime(2026, 8, 6, 3, 10, tzinfo=UTC)
    assert [(u.id, u.display_at) for u in incident.updates] == [(posted.isoformat(), posted)]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "text/html"),
        (b"<!DOCTYPE html><html></html>", "application/json"),
        (b"<?xml version='1.0'?><rss><channel><item>", "application/rss+xml"),
        (b"<?xml version='1.0'?><nope/>", "application/xml"),
        (b"plain words", "text/plain"),
        (
            (
                b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                b'"&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>'
            ),
            "application/xml",
        ),
        (
            (
                b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<rss><channel><title>&x;</title></channel></rss>"
            ),
            "application/xml",
        ),
    ],
)
def test_bad_documents_are_content_errors(body: bytes, content_type: str) -> None:
    with pytest.raises(StatusPageContentError):
        sniff_document(body, content_type)


def test_a_feed_platform_reads_its_feed_and_refuses_an_html_page() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Acme status</title>
    <link>https://acme.test/</link><item><guid>n1</guid><title>Investigating - Slow logins</title>
    <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"""
    platform = platform_for(SourceKind.FEED)
    snap = platform.parse(feed, "application/rss+xml; charset=utf-8")
    assert [(i.id, i.name) for i in snap.incidents] == [("n1", "Investigating - Slow logins")]
    with pytest.raises(StatusPageContentError) as err:
        platform.parse(b"<html><body>Maintenance</body></html>", "text/html; charset=utf-8")
    assert str(err.value) == (
        "Expected JSON or a feed, got an HTML page (text/html; charset=utf-8)"
    )
    with pytest.raises(StatusPageContentError) as err:
        platform.parse(b"\n  <!DOCTYPE html><html></html>", "application/rss+xml")
    assert str(err.value) == "Expected JSON or a feed, got an HTML page"
