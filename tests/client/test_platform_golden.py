"""Every real (or documented) payload in tests/fixtures, read by its platform, field by field.

The other platform tests state the promises one by one (statuses, impacts, times, links); this
file pins the whole reading of each payload, so a change to any field a user sees (a title, an
update's text, a component's group, a maintenance window) shows up as a snapshot diff to review.
Each snapshot was read against its payload when it was written (tests/fixtures/README.md names
every payload's source). After a deliberate change: ``pytest --snapshot-update`` on this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from custom_components.status_tracker.client.platforms.registry import platform_for
from custom_components.status_tracker.client.serialize import to_data
from tests.status_page_server import fixture

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

JSON = "application/json"
ATOM = "application/atom+xml"
RSS = "application/rss+xml"
SUMMARY = "https://www.githubstatus.com/api/v2/summary.json"
HISTORY = "https://www.githubstatus.com/history.atom"
OPENAI = "https://status.openai.com/feed.rss"
AWS_FEED = "https://status.aws.amazon.com/rss/all.rss"
GATUS = "https://status.example.org"
SORRY = "https://status.st-andrews.ac.uk/api/v1/x"
CACHET = "https://status.yoti.com/api/v1/c"
ROBOT = "https://stats.uptimerobot.com/api/getMonitorList/AbC123xyz?page=1"
KUMA = "https://kuma.example.org/status/demo"

# (payload, platform, address it was fetched from, content type)
CASES: list[tuple[str, str, str, str]] = [
    ("github_summary_3_unresolved_incidents_2026-02-09.json", "statuspage", SUMMARY, JSON),
    ("github_summary_all_operational_2026-08-22.json", "statuspage", SUMMARY, JSON),
    ("github_summary_nbsp_br_in_body_2026-08-07.json", "statuspage", SUMMARY, JSON),
    ("github_summary_scheduled_maintenance_html_body_2021-08-12.json", "statuspage", SUMMARY, JSON),
    ("twilio_summary_groups_incidents_maintenances_2020.json", "statuspage", SUMMARY, JSON),
    ("cloudamqp_summary_in_progress_maintenance_nonascii_2020.json", "statuspage", SUMMARY, JSON),
    ("renku_summary_empty_incidents_scheduled_maintenance_2021.json", "statuspage", SUMMARY, JSON),
    ("emma_incidents_2019_extracted.json", "statuspage", SUMMARY, JSON),
    ("github_history_2025-07-08_with_maintenance.atom", "statuspage_feed", HISTORY, ATOM),
    ("github_history_2026-08-22_spaced_markup.atom", "statuspage_feed", HISTORY, ATOM),
    ("statuspage_history_year_stamps_written.atom", "statuspage_feed", HISTORY, ATOM),
    ("statuspage_history_unreadable_stamps_written.rss", "statuspage_feed", HISTORY, RSS),
    ("openai_incidentio_feed_2026-01_trimmed.rss", "incidentio_feed", OPENAI, RSS),
    ("openai_incidentio_feed_2026-02_trimmed.atom", "incidentio_feed", OPENAI, ATOM),
    ("incidentio_feed_double_escaped_entities_written.rss", "incidentio_feed", OPENAI, RSS),
    ("parse_history_2014.rss", "feed", "https://status.parse.com/history.rss", RSS),
    ("parse_history_2014.rss", "statuspage_feed", "https://status.parse.com/history.rss", RSS),
    ("aws_all_rss_2021-12-27_from_grafana_infinity_test.rss", "aws_feed", AWS_FEED, RSS),
    ("aws_ec2_ap_northeast_1_rss_2019-09_from_readme.rss", "aws_feed", AWS_FEED, RSS),
    ("aws_all_rss_open_events_written.rss", "aws_feed", AWS_FEED, RSS),
    (
        "aws_health_public_currentevents_2023-03_from_stts_comment.json",
        "aws",
        "https://health.aws.amazon.com/public/currentevents",
        JSON,
    ),
    (
        "aws_currentevents_two_open_events_utf16_written.json",
        "aws",
        "https://health.aws.amazon.com/public/currentevents",
        JSON,
    ),
    (
        "azure_status_feed_two_events_written.rss",
        "azure",
        "https://azure.status.microsoft/en-us/status/feed/",
        RSS,
    ),
    (
        "azure_status_feed_empty_2026-08.rss",
        "azure",
        "https://azure.status.microsoft/en-us/status/feed/",
        RSS,
    ),
    ("hund_state_feed_written.atom", "hund", "https://status.example.com/state_feed/feed", ATOM),
    (
        "instatus_summary_json_docs_example.json",
        "instatus",
        "https://status.example.com/summary.json",
        JSON,
    ),
    (
        "betterstack_index_json_trimmed_live_2026-09.json",
        "betterstack",
        "https://status.example.com/index.json",
        JSON,
    ),
    (
        "betterstack_index_json_active_report_and_maintenance_written.json",
        "betterstack",
        "https://status.example.com/index.json",
        JSON,
    ),
    (
        "gitlab_statusio_public_status_maintenance_2020.json",
        "statusio",
        "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7",
        JSON,
    ),
    (
        "google_cloud_incidents_bigquery_resolved_2023-03_from_checkmk_test.json",
        "google",
        "https://status.cloud.google.com/incidents.json",
        JSON,
    ),
    (
        "google_cloud_incidents_open_and_resolved_written.json",
        "google",
        "https://status.cloud.google.com/incidents.json",
        JSON,
    ),
    (
        "slack_current_active_incident_2020.json",
        "slack",
        "https://slack-status.com/api/v2.0.0/current",
        JSON,
    ),
    (
        "slack_history_resolved_outage_and_maintenance_written.json",
        "slack",
        "https://slack-status.com/api/v2.0.0/history",
        JSON,
    ),
    ("sorry_api_v1_components_st_andrews_2025-01.json", "sorry", SORRY, JSON),
    ("sorry_api_v1_components_nested_doc_example.json", "sorry", SORRY, JSON),
    ("sorry_api_v1_notices_st_andrews_doc_example.json", "sorry", SORRY, JSON),
    ("sorry_api_v1_notice_detail_st_andrews_doc_example.json", "sorry", SORRY, JSON),
    ("sorry_api_v1_status_st_andrews_doc_example.json", "sorry", SORRY, JSON),
    ("cachet2_components_yoti_2020-10_extracted.json", "cachet", CACHET, JSON),
    ("cachet2_components_status_as_string_from_perl_client_test.json", "cachet", CACHET, JSON),
    ("cachet3_components_written_from_source.json", "cachet", CACHET, JSON),
    ("cachet2_incidents_from_go_client_test.json", "cachet", CACHET, JSON),
    ("cachet2_component_groups_from_go_client_test.json", "cachet", CACHET, JSON),
    ("cachet2_schedules_from_go_client_test.json", "cachet", CACHET, JSON),
    ("uptimerobot_monitor_list_bsky_2025-04-24_trimmed.json", "uptimerobot", ROBOT, JSON),
    ("uptimerobot_event_feed_bsky_2025-04-24.json", "uptimerobot", ROBOT, JSON),
    ("uptimerobot_monitor_list_mixed_states_2025-03.json", "uptimerobot", ROBOT, JSON),
    ("uptimerobot_single_monitor_page_2025-03.json", "uptimerobot", ROBOT, JSON),
    ("uptimekuma_heartbeat_1x_2026-06-22_trimmed.json", "uptimekuma", KUMA, JSON),
    ("uptimekuma_status_page_1x_2026-06_anonymised.json", "uptimekuma", KUMA, JSON),
    (
        "heroku_current_status_open_incident_2019.json",
        "heroku",
        "https://status.heroku.com/api/v4/current-status",
        JSON,
    ),
    (
        "heroku_current_status_completed_maintenance_2020-11.json",
        "heroku",
        "https://status.heroku.com/api/v4/current-status",
        JSON,
    ),
    (
        "heroku_current_status_upcoming_maintenance_2026-07_trimmed_quote.json",
        "heroku",
        "https://status.heroku.com/api/v4/current-status",
        JSON,
    ),
    (
        "apple_developer_system_status_jsonp_ongoing_outage_test_mock.js",
        "apple",
        "https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js",
        "text/javascript",
    ),
    (
        "apple_developer_system_status_resolved_issue_2020-02_extracted.json",
        "apple",
        "https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js",
        JSON,
    ),
    (
        "azure_devops_health_all_healthy_7.1_doc_example.json",
        "azure_devops",
        "https://status.dev.azure.com/_apis/status/health?api-version=7.1-preview.1",
        JSON,
    ),
    (
        "salesforce_instances_status_preview_minor_incident_2020-07_trimmed.json",
        "salesforce",
        "https://api.status.salesforce.com/v1/instances/status/preview",
        JSON,
    ),
    (
        "statuspal_exoscale_summary_performance_incident_2025-07.json",
        "statuspal",
        "https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary",
        JSON,
    ),
    (
        "statuspal_exoscale_summary_emergency_maintenance_2025-10.json",
        "statuspal",
        "https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary",
        JSON,
    ),
    (
        "statuspal_ascentlogistics_summary_two_major_incidents_2023-04.json",
        "statuspal",
        "https://statuspal.io/api/v2/status_pages/ascentlogistics/summary",
        JSON,
    ),
    (
        "gatus_endpoints_statuses_success_then_failure_server_test.json",
        "gatus",
        GATUS + "/api/v1/endpoints/statuses?page=1&pageSize=1",
        JSON,
    ),
    (
        "gatus_endpoints_statuses_no_results_server_test.json",
        "gatus",
        GATUS + "/api/v1/endpoints/statuses?page=1&pageSize=1",
        JSON,
    ),
    ("gatus_config_announcements_written.json", "gatus", GATUS + "/api/v1/config", JSON),
    ("gatus_config_no_announcements_server_test.json", "gatus", GATUS + "/api/v1/config", JSON),
    (
        "hyperping_status_json_docs_example.json",
        "hyperping",
        "https://meta.hyperping.app/status.json",
        JSON,
    ),
    (
        "hyperping_api_v1_host_status_json_blog_example_closed.json",
        "hyperping",
        "https://api.hyperping.io/v1/demo.hyperping.io/status.json",
        JSON,
    ),
    (
        "rootly_api_v1_status_json_doc_example.json",
        "rootly",
        "https://status.example.net/api/v1/status.json",
        JSON,
    ),
    (
        "rootly_api_v1_incidents_json_doc_example_closed.json",
        "rootly",
        "https://status.example.net/api/v1/incidents.json",
        JSON,
    ),
    (
        "openstatus_feed_json_written_from_source.json",
        "openstatus",
        "https://status.openstatus.dev/feed/json",
        JSON,
    ),
]


def _ids(cases: list[tuple[str, str, str, str]]) -> list[str]:
    """The payload's name; a payload read again by another platform gets that platform's name."""
    ids: list[str] = []
    seen: set[str] = set()
    for name, kind, _, _ in cases:
        ids.append(f"{name}-{kind}" if name in seen else name)
        seen.add(name)
    return ids


def _reading(name: str, kind: str, url: str, content_type: str) -> Any:
    return to_data(platform_for(kind).parse(fixture(name), content_type, url))


@pytest.mark.parametrize(("name", "kind", "url", "content_type"), CASES, ids=_ids(CASES))
def test_payload_reads_as_recorded(
    name: str, kind: str, url: str, content_type: str, snapshot: SnapshotAssertion
) -> None:
    reading = _reading(name, kind, url, content_type)
    assert reading["source"] == kind
    assert reading == snapshot
