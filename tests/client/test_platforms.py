"""Instatus, Better Stack, status.io, Google, Slack and AWS parsed field by field.

Fixtures are real captures or documented examples (see tests/fixtures/README.md);
the ``*_written.json`` ones follow the documented shapes where no capture exists.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
import json
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.parsers.common import any_time, epoch_time
from custom_components.status_tracker.client.platforms.aws import parse_aws
from custom_components.status_tracker.client.platforms.betterstack import parse_betterstack
from custom_components.status_tracker.client.platforms.google import parse_google
from custom_components.status_tracker.client.platforms.instatus import parse_instatus
from custom_components.status_tracker.client.platforms.slack import parse_slack
from custom_components.status_tracker.client.platforms.statusio import parse_statusio
from tests.status_page_server import fixture

JSON = "application/json"
GITLAB = "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _load(name: str) -> Any:
    return json.loads(fixture(name))


# --- Instatus ---------------------------------------------------------------------------------


def test_instatus_docs_example_js_dates_and_url_ids() -> None:
    snap = sniff_document(fixture("instatus_summary_json_docs_example.json"), JSON)
    assert snap.source is SourceKind.INSTATUS
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "https://instat.us",
        "Instatus",
        "https://instat.us",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "HASISSUES")
    assert snap.components == ()
    (incident,) = snap.incidents
    # No id in the document: the last part of the incident's URL stands in.
    assert incident.id == "cl4a8n3070721qtmzvts760c4"
    assert incident.name == "We're facing an issue with our API"
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "INVESTIGATING")
    assert (incident.impact, incident.impact_raw) == (Impact.CRITICAL, "MAJOROUTAGE")
    assert incident.url == "https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4"
    # From the JavaScript Date text "Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated …)".
    assert incident.created_at == datetime(2022, 6, 11, 18, 55, 50, tzinfo=UTC)
    assert incident.started_at == incident.created_at
    assert incident.resolved_at is None
    assert not incident.is_maintenance
    (update,) = incident.updates
    assert (update.id, update.status, update.status_raw) == (
        "investigating",
        IncidentStatus.INVESTIGATING,
        "INVESTIGATING",
    )
    assert update.display_at == incident.created_at
    (window,) = snap.maintenances
    assert window.id == "cl4a8nlv50918qtmzdlw60ivu"
    assert window.name == "Database maintenance"
    assert window.is_maintenance
    assert (window.status, window.status_raw) == (IncidentStatus.SCHEDULED, "NOTSTARTEDYET")
    assert window.impact is Impact.MAINTENANCE
    assert window.scheduled_for == datetime(2022, 6, 11, 18, 55, 54, tzinfo=UTC)
    assert window.scheduled_until == datetime(2022, 6, 11, 19, 55, 54, tzinfo=UTC)  # "60" min
    assert window.started_at is None
    assert window.updates[0].id == "notstartedyet"


def _instatus_v3(status: str, maintenance_status: str | None = None) -> dict[str, Any]:
    """A v3 summary as captured live: ISO times, ids, empty arrays left out."""
    body: dict[str, Any] = {
        "page": {"name": "Zed", "url": "https://status.zed.dev/", "status": "HASISSUES"},
        "activeIncidents": [
            {
                "id": "cm1abc",
                "name": "Collaboration degraded",
                "started": "2026-09-14T08:00:00.000Z",
                "updatedAt": "2026-09-14T08:30:00.000Z",
                "status": status,
                "impact": "PARTIALOUTAGE",
                "url": "https://status.zed.dev/incident/cm1abc",
            }
        ],
        "components": [
            {"id": "c1", "name": "API", "status": "OPERATIONAL"},
            {
                "id": "g1",
                "name": "Collaboration",
                "children": [
                    {"id": "c2", "name": "Calls", "status": "MAJOROUTAGE"},
                    {"id": "c3", "name": "Chat", "status": "MINOROUTAGE"},
                ],
            },
        ],
    }
    if maintenance_status:
        body["activeMaintenances"] = [
            {
                "id": "mt1",
                "name": "DB upgrade",
                "start": "2026-09-14T09:00:00.000Z",
                "duration": "30",
                "status": maintenance_status,
            }
        ]
    return body


def test_instatus_v3_components_groups_and_worst_status() -> None:
    snap = parse_instatus(_json(_instatus_v3("IDENTIFIED")))
    assert snap.page.url == "https://status.zed.dev"
    # HASISSUES is only "something": the worst component says how bad.
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "HASISSUES")
    assert [(c.id, c.name, c.status, c.status_raw, c.group_id) for c in snap.components] == [
        ("c1", "API", ComponentStatus.OPERATIONAL, "OPERATIONAL", None),
        ("c2", "Calls", ComponentStatus.MAJOR_OUTAGE, "MAJOROUTAGE", "g1"),
        ("c3", "Chat", ComponentStatus.PARTIAL_OUTAGE, "MINOROUTAGE", "g1"),
    ]
    (group,) = snap.groups
    assert (group.id, group.name, group.component_ids) == ("g1", "Collaboration", ("c2", "c3"))
    (incident,) = snap.incidents
    assert incident.id == "cm1abc"
    assert (incident.impact, incident.impact_raw) == (Impact.MAJOR, "PARTIALOUTAGE")
    assert incident.updated_at == datetime(2026, 9, 14, 8, 30, tzinfo=UTC)
    assert incident.updates[0].display_at == datetime(2026, 9, 14, 8, 30, tzinfo=UTC)
    assert snap.maintenances == ()  # the omitted array reads as empty


def test_instatus_each_status_is_one_new_update() -> None:
    first = parse_instatus(_json(_instatus_v3("INVESTIGATING", "NOTSTARTEDYET")))
    seen = detect_changes(None, first).seen
    later = parse_instatus(_json(_instatus_v3("MONITORING", "INPROGRESS")))
    changes = detect_changes(seen, later)
    assert sorted(new.key for new in changes.new_updates) == [
        ("cm1abc", "monitoring"),
        ("mt1", "inprogress"),
    ]
    window = later.maintenances[0]
    assert (window.status, window.started_at) == (
        IncidentStatus.IN_PROGRESS,
        datetime(2026, 9, 14, 9, 0, tzinfo=UTC),
    )
    assert window.scheduled_until == datetime(2026, 9, 14, 9, 30, tzinfo=UTC)
    assert detect_changes(changes.seen, later).new_updates == ()


def test_instatus_unknown_words_keep_raw() -> None:
    body = _instatus_v3("PANICKING")
    body["page"]["status"] = "UP"
    body["activeIncidents"][0]["impact"] = "COSMIC"
    body["components"] = [{"name": "Only a name", "status": "ON_FIRE"}]
    snap = parse_instatus(_json(body))
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "UP")
    incident = snap.incidents[0]
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "PANICKING")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "COSMIC")
    component = snap.components[0]
    assert (component.id, component.status, component.status_raw) == (
        "Only a name",
        ComponentStatus.UNKNOWN,
        "ON_FIRE",
    )


# --- Better Stack -----------------------------------------------------------------------------


def test_betterstack_resolved_report_with_null_ends_at() -> None:
    snap = sniff_document(
        fixture("betterstack_index_json_trimmed_live_2026-09.json"),
        JSON,
        "https://status.betterstack.com/index.json",
    )
    assert snap.source is SourceKind.BETTERSTACK
    assert (snap.page.id, snap.page.name, snap.page.url, snap.page.time_zone) == (
        "133002",
        "Better Stack",
        "https://status.betterstack.com",
        "UTC",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "operational")
    (component,) = snap.components
    assert (component.id, component.name, component.status, component.group_id) == (
        "4018902",
        "Better Stack",
        ComponentStatus.OPERATIONAL,
        "104771",
    )
    (group,) = snap.groups
    assert (group.id, group.name, group.component_ids) == ("104771", "Better Stack", ("4018902",))
    (report,) = snap.incidents
    assert report.id == "1050825"
    assert report.name == "Delayed data processing in the Europe region"
    # ends_at is null although the report is resolved: aggregate_state decides.
    assert (report.status, report.status_raw) == (IncidentStatus.RESOLVED, "resolved")
    assert not report.is_active
    assert report.resolved_at == datetime(2026, 9, 4, 19, 53, tzinfo=UTC)
    assert report.started_at == datetime(2026, 9, 4, 13, 50, tzinfo=UTC)
    assert report.impact is Impact.MINOR  # the worst state any post named: degraded
    assert report.url == "https://status.betterstack.com/incidents/1050825"
    (update,) = report.updates
    assert update.id == "5709883"
    assert update.body.startswith("Processing of new data in the Europe region")
    assert (update.status, update.status_raw) == (IncidentStatus.INVESTIGATING, "degraded")
    (affected,) = update.affected_components
    assert (affected.id, affected.name, affected.new_status, affected.new_status_raw) == (
        "4188758",
        "",  # not among the trimmed resources
        ComponentStatus.DEGRADED_PERFORMANCE,
        "degraded",
    )


def test_betterstack_active_report_maintenance_and_sections() -> None:
    snap = parse_betterstack(
        fixture("betterstack_index_json_active_report_and_maintenance_written.json")
    )
    assert (snap.page.id, snap.page.name, snap.page.url, snap.page.time_zone) == (
        "204417",
        "Acme Cloud",
        "https://status.acme.example",  # custom_domain
        "Europe/Berlin",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "degraded")
    assert [(c.name, c.status, c.group_id, c.position) for c in snap.components] == [
        ("API", ComponentStatus.DEGRADED_PERFORMANCE, "31001", 0),
        ("Dashboard", ComponentStatus.UNDER_MAINTENANCE, "31001", 1),
        ("Marketing site", ComponentStatus.OPERATIONAL, "31002", 0),
    ]
    assert snap.components[0].description == "Public REST API"
    assert [(g.name, g.component_ids) for g in snap.groups] == [
        ("Platform", ("880101", "880102")),
        ("Websites", ("880103",)),
    ]
    assert [i.id for i in snap.incidents] == ["2200301", "2200190"]  # newest first
    active, resolved = snap.incidents
    assert (active.status, active.status_raw, active.impact) == (
        IncidentStatus.INVESTIGATING,
        "degraded",
        Impact.MINOR,
    )
    assert active.is_active
    assert active.components == ("API",)
    # Relationships list the posts newest first; the timeline is oldest first.
    assert [u.id for u in active.updates] == ["9100501", "9100502"]
    assert active.updated_at == datetime(2026, 9, 14, 12, 40, tzinfo=UTC)
    assert resolved.impact is Impact.CRITICAL  # it was "downtime" before it resolved
    assert [(u.status, u.status_raw) for u in resolved.updates] == [
        (IncidentStatus.INVESTIGATING, "downtime"),
        (IncidentStatus.RESOLVED, "resolved"),
    ]
    assert resolved.resolved_at == datetime(2026, 9, 12, 7, 58, tzinfo=UTC)
    (window,) = snap.maintenances
    assert window.is_maintenance
    assert (window.status, window.status_raw, window.impact) == (
        IncidentStatus.IN_PROGRESS,
        "maintenance",
        Impact.MAINTENANCE,
    )
    assert (window.scheduled_for, window.scheduled_until) == (
        datetime(2026, 9, 14, 11, 0, tzinfo=UTC),
        datetime(2026, 9, 14, 14, 0, tzinfo=UTC),
    )
    assert window.updates[0].status is IncidentStatus.IN_PROGRESS


def test_betterstack_downtime_everywhere_is_a_major_outage() -> None:
    body = _load("betterstack_index_json_trimmed_live_2026-09.json")
    body["data"]["attributes"]["aggregate_state"] = "downtime"
    body["included"][1]["attributes"]["status"] = "downtime"
    snap = parse_betterstack(_json(body))
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "downtime")
    assert snap.page.url == ""  # neither a domain nor the document's URL is known


# --- status.io --------------------------------------------------------------------------------


def test_statusio_gitlab_numeric_codes() -> None:
    snap = sniff_document(
        fixture("gitlab_statusio_public_status_maintenance_2020.json"), JSON, GITLAB
    )
    assert snap.source is SourceKind.STATUSIO
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "5b36dc6502d06804c08349f7",
        "",
        GITLAB,
    )
    assert snap.page.updated_at == datetime(2020, 9, 5, 9, 45, 32, 537000, tzinfo=UTC)
    assert (snap.status, snap.status_raw, snap.description) == (
        PageStatus.MAINTENANCE,
        "200",
        "Planned Maintenance",
    )
    assert len(snap.components) == 15
    website = snap.components[0]
    assert (website.id, website.name, website.status, website.status_raw, website.position) == (
        "5b36dc6502d06804c0834a07",
        "Website",
        ComponentStatus.OPERATIONAL,
        "100",
        1,
    )
    (incident,) = snap.incidents
    assert incident.id == "5f52b8074ef75804bc7d2c3e"
    assert incident.name == "500 Error - User Notification Settings"  # trailing space gone
    assert (incident.status, incident.status_raw) == (IncidentStatus.IDENTIFIED, "200")
    assert (incident.impact, incident.impact_raw) == (Impact.MAJOR, "400")
    assert incident.created_at == datetime(2020, 9, 4, 21, 56, tzinfo=UTC)
    assert incident.components == ("Website",)
    assert incident.is_active
    assert [u.id for u in incident.updates] == [
        "2020-09-04T21:56:00.000Z",
        "2020-09-05T09:23:23.591Z",
    ]
    first = incident.updates[0]
    assert first.body.startswith("The notification settings page is returning an error")
    assert "\r" not in first.body
    assert "\n\nNotification settings can still be adjusted" in first.body
    (window,) = snap.maintenances
    assert window.id == "5f4e8b7f2250a004bc3453da"
    assert (window.status, window.status_raw, window.impact) == (
        IncidentStatus.IN_PROGRESS,
        "active",
        Impact.MAINTENANCE,
    )
    assert window.scheduled_for == datetime(2020, 9, 2, 17, 55, tzinfo=UTC)
    assert window.scheduled_until == datetime(2020, 9, 7, 17, 55, tzinfo=UTC)
    assert window.components == ("dashboards.gitlab.com",)
    # The first post came before the planned start: it announced the work.
    assert [(u.status, u.status_raw) for u in window.updates] == [
        (IncidentStatus.SCHEDULED, "100"),
        (IncidentStatus.IN_PROGRESS, "200"),
    ]


@pytest.mark.parametrize(
    ("code", "page", "component"),
    [
        (100, PageStatus.OPERATIONAL, ComponentStatus.OPERATIONAL),
        (300, PageStatus.DEGRADED, ComponentStatus.DEGRADED_PERFORMANCE),
        (400, PageStatus.PARTIAL_OUTAGE, ComponentStatus.PARTIAL_OUTAGE),
        (500, PageStatus.MAJOR_OUTAGE, ComponentStatus.MAJOR_OUTAGE),
        (600, PageStatus.DEGRADED, ComponentStatus.DEGRADED_PERFORMANCE),
        ("500", PageStatus.MAJOR_OUTAGE, ComponentStatus.MAJOR_OUTAGE),
        (700, PageStatus.UNKNOWN, ComponentStatus.UNKNOWN),
    ],
)
def test_statusio_codes(code: object, page: PageStatus, component: ComponentStatus) -> None:
    body = _load("gitlab_statusio_public_status_maintenance_2020.json")
    body["result"]["status_overall"]["status_code"] = code
    body["result"]["status"][0]["status_code"] = code
    snap = parse_statusio(_json(body))
    assert (snap.status, snap.status_raw) == (page, str(code))
    assert (snap.components[0].status, snap.components[0].status_raw) == (component, str(code))
    assert snap.page.id == ""  # no URL given


# --- Google -----------------------------------------------------------------------------------


def test_google_real_resolved_incident_from_workspace_url() -> None:
    snap = sniff_document(
        fixture("google_cloud_incidents_bigquery_resolved_2023-03_from_checkmk_test.json"),
        JSON,
        "https://www.google.com/appsstatus/dashboard/incidents.json",
    )
    assert snap.source is SourceKind.GOOGLE
    assert (snap.page.name, snap.page.url) == (
        "Google Workspace",
        "https://www.google.com/appsstatus/dashboard",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")
    (incident,) = snap.incidents
    assert incident.id == "rZvZvSKVdDHyWh4dZJ8D"
    assert incident.name == "Retry errors for Google BigQuery in europe-north1"
    assert (incident.status, incident.status_raw) == (
        IncidentStatus.RESOLVED,
        "SERVICE_INFORMATION",
    )
    assert (incident.impact, incident.impact_raw) == (Impact.MINOR, "SERVICE_INFORMATION")
    assert incident.started_at == datetime(2023, 3, 10, 14, 9, 43, tzinfo=UTC)
    assert incident.created_at == datetime(2023, 3, 10, 14, 26, 24, tzinfo=UTC)
    assert incident.resolved_at == datetime(2023, 3, 10, 14, 54, 50, tzinfo=UTC)
    assert incident.updated_at == datetime(2023, 3, 10, 14, 54, 50, tzinfo=UTC)
    assert incident.components == ("Google BigQuery",)
    assert incident.url == (
        "https://www.google.com/appsstatus/dashboard/incidents/rZvZvSKVdDHyWh4dZJ8D"
    )
    (update,) = incident.updates
    assert update.id == "2023-03-10T14:26:17+00:00"
    assert (update.status, update.status_raw) == (
        IncidentStatus.INVESTIGATING,
        "SERVICE_INFORMATION",
    )
    assert update.body.startswith("Summary: Retry errors for Google BigQuery in europe-north1\n")
    assert update.body.endswith("Workaround: Retry requests")


def test_google_open_incidents_have_no_end() -> None:
    snap = parse_google(
        fixture("google_cloud_incidents_open_and_resolved_written.json"),
        "https://status.cloud.google.com/incidents.json",
    )
    assert (snap.page.name, snap.page.url) == ("Google Cloud", "https://status.cloud.google.com")
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "SERVICE_OUTAGE")
    outage, build, sql = snap.incidents
    # "end" missing and "end": "" both mean open.
    assert [i.is_active for i in snap.incidents] == [True, True, False]
    assert (outage.status, outage.status_raw) == (IncidentStatus.INVESTIGATING, "SERVICE_OUTAGE")
    assert (outage.impact, outage.impact_raw) == (Impact.CRITICAL, "SERVICE_OUTAGE")
    assert outage.components == ("Google Compute Engine", "Google Cloud Storage")
    assert outage.resolved_at is None
    assert outage.url == "https://status.cloud.google.com/incidents/kM3vY7fQp2XbN9wRtU4e"
    assert [u.id for u in outage.updates] == [
        "2026-09-14T08:31:05+00:00",
        "2026-09-14T10:02:40+00:00",
    ]
    assert outage.updates[-1].body.startswith("**Summary:** Multiple products")
    assert (build.status, build.impact, build.resolved_at) == (
        IncidentStatus.INVESTIGATING,
        Impact.MINOR,
        None,
    )
    assert (sql.status, sql.status_raw, sql.impact) == (
        IncidentStatus.RESOLVED,
        "AVAILABLE",
        Impact.MAJOR,
    )
    assert [(u.status, u.status_raw) for u in sql.updates] == [
        (IncidentStatus.INVESTIGATING, "SERVICE_DISRUPTION"),
        (IncidentStatus.INVESTIGATING, "SERVICE_DISRUPTION"),
        (IncidentStatus.RESOLVED, "AVAILABLE"),
    ]
    assert sql.resolved_at == datetime(2026, 9, 10, 5, 47, tzinfo=UTC)


def test_google_without_url_has_no_links_and_a_new_update_is_one_event() -> None:
    rows = _load("google_cloud_incidents_open_and_resolved_written.json")
    before = parse_google(_json(rows))
    assert before.page.url == ""
    assert all(i.url is None for i in before.incidents)  # "incidents/…" is relative
    seen = detect_changes(None, before).seen
    newer = copy.deepcopy(rows)
    newer[0]["end"] = "2026-09-14T11:20:00+00:00"
    newer[0]["updates"].insert(
        0, {"created": "2026-09-14T11:21:00+00:00", "text": "Resolved.", "status": "AVAILABLE"}
    )
    newer[0]["updates"][1]["text"] = "edited text does not re-fire"
    after = parse_google(_json(newer))
    (new,) = detect_changes(seen, after).new_updates
    assert new.key == ("kM3vY7fQp2XbN9wRtU4e", "2026-09-14T11:21:00+00:00")
    assert new.is_resolution
    assert after.status is PageStatus.DEGRADED  # only the Cloud Build notice is left open


def test_google_keeps_open_incidents_and_the_newest_window() -> None:
    template = _load("google_cloud_incidents_open_and_resolved_written.json")[2]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    rows = []
    window = 50  # "the 50 most recently changed" (README, Supported formats)
    for n in range(window + 20):
        row = copy.deepcopy(template)
        when = (start + timedelta(days=n)).isoformat()
        row.update(id=f"inc{n}", created=when, modified=when, begin=when, end=when)
        rows.append(row)
    rows[0]["end"] = None  # the oldest is still open
    snap = parse_google(_json(rows))
    ids = [i.id for i in snap.incidents]
    assert len(ids) == window + 1
    assert ids[0] == f"inc{window + 19}"
    assert "inc0" in ids
    assert "inc1" not in ids


def test_google_severity_when_no_status_impact() -> None:
    row = _load("google_cloud_incidents_open_and_resolved_written.json")[1]
    del row["status_impact"]
    row["severity"] = "high"
    (incident,) = parse_google(_json([row])).incidents
    assert (incident.impact, incident.impact_raw) == (Impact.CRITICAL, "high")


# --- Slack ------------------------------------------------------------------------------------


def test_slack_current_int_ids_and_local_offsets() -> None:
    snap = sniff_document(fixture("slack_current_active_incident_2020.json"), JSON)
    assert snap.source is SourceKind.SLACK
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "slack-status.com",
        "Slack",
        "https://slack-status.com",
    )
    assert snap.page.updated_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "active")
    assert [i.id for i in snap.incidents] == ["878", "879"]  # ints in this capture
    incident = snap.incidents[0]
    assert incident.name == "We are investigating an issue with notification settings"
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "active")
    assert (incident.impact, incident.impact_raw) == (Impact.MINOR, "incident")
    assert incident.url == "https://status.slack.com/2020-07/ea58a170d343b2ad"
    assert incident.components == ("Notifications",)
    assert incident.created_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)  # -07:00
    assert not incident.is_maintenance
    (note,) = incident.updates
    # Notes have no id: the key is (incident id, date_created as sent).
    assert note.id == "2020-07-30T15:12:34-07:00"
    assert note.display_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)
    assert note.body.startswith("Some users might notice that their notifications settings")
    assert snap.incidents[1].components == ("Apps/Integrations/APIs",)


def test_slack_history_outage_notes_and_maintenance() -> None:
    snap = parse_slack(fixture("slack_history_resolved_outage_and_maintenance_written.json"))
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")
    (outage,) = snap.incidents
    assert (outage.id, outage.status, outage.impact, outage.impact_raw) == (
        "1342",
        IncidentStatus.RESOLVED,
        Impact.CRITICAL,
        "outage",
    )
    assert outage.components == ("Files", "Messaging")
    assert outage.resolved_at == datetime(2026, 9, 15, 18, 48, 30, tzinfo=UTC)
    assert [(u.id, u.status) for u in outage.updates] == [
        ("2026-09-15T09:02:11-07:00", IncidentStatus.INVESTIGATING),
        ("2026-09-15T10:15:02-07:00", IncidentStatus.INVESTIGATING),
        ("2026-09-15T11:48:30-07:00", IncidentStatus.RESOLVED),
    ]
    assert outage.updates[1].body == (
        "We've identified the cause and are rolling out a fix.\n\n"
        "Uploads may still fail intermittently while the fix is deployed."
    )
    assert outage.updates[2].body == (
        "File uploads are working normally again for all affected users.\n\n"
        "We're sorry for the disruption."
    )
    (window,) = snap.maintenances
    assert (window.id, window.is_maintenance, window.impact) == ("1338", True, Impact.MAINTENANCE)
    assert (window.status, window.status_raw) == (IncidentStatus.COMPLETED, "completed")
    assert [u.status for u in window.updates] == [
        IncidentStatus.SCHEDULED,
        IncidentStatus.COMPLETED,
    ]


def test_slack_new_note_is_one_new_update() -> None:
    body = _load("slack_current_active_incident_2020.json")
    seen = detect_changes(None, parse_slack(_json(body))).seen
    body["active_incidents"][0]["notes"].insert(
        0, {"date_created": "2020-07-30T16:00:00-07:00", "body": "Fixed.<br>Thanks!"}
    )
    body["active_incidents"][0]["status"] = "resolved"
    body["active_incidents"][0]["type"] = "outage"
    snap = parse_slack(_json(body))
    (new,) = detect_changes(seen, snap).new_updates
    assert new.key == ("878", "2020-07-30T16:00:00-07:00")
    assert (new.update.status, new.update.body) == (IncidentStatus.RESOLVED, "Fixed.\nThanks!")
    assert new.previous_status is IncidentStatus.INVESTIGATING
    assert snap.status is PageStatus.DEGRADED  # incident 879 is still open


def test_slack_all_clear() -> None:
    body = {"status": "ok", "date_created": "2026-09-14T00:00:00-07:00", "active_incidents": []}
    snap = parse_slack(_json(body))
    assert (snap.status, snap.status_raw, snap.incidents) == (PageStatus.OPERATIONAL, "ok", ())


# --- AWS --------------------------------------------------------------------------------------


def test_aws_resolved_event_epoch_strings_in_utf16() -> None:
    body = fixture("aws_health_public_currentevents_2023-03_from_stts_comment.json")
    snap = sniff_document(body.decode().encode("utf-16"), "application/json; charset=utf-16")
    assert snap.source is SourceKind.AWS
    assert (snap.page.id, snap.page.name) == ("aws", "AWS Health Dashboard")
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")
    (event,) = snap.incidents
    assert event.id == "internetconnectivity-us-west-2@1678726651"
    assert event.name == "Internet Connectivity in the US-WEST-2 Region"  # "[RESOLVED] " gone
    assert (event.status, event.status_raw) == (IncidentStatus.RESOLVED, "0")
    assert (event.impact, event.impact_raw) == (Impact.MINOR, "1")  # impacted max "1"
    assert event.created_at == datetime(2023, 3, 13, 16, 57, tzinfo=UTC)  # the log's first time
    assert event.resolved_at == datetime(2023, 3, 13, 17, 11, 16, tzinfo=UTC)  # end_time
    assert event.components == (
        "AWS Internet Connectivity",
        "Amazon Elastic Load Balancing",
        "AWS NAT Gateway",
        "Amazon Elastic Compute Cloud",
    )
    (entry,) = event.updates
    assert (entry.id, entry.status, entry.status_raw) == (
        "1678726620",
        IncidentStatus.RESOLVED,
        "1",
    )
    assert entry.body.startswith("Between 8:25 AM and 9:16 AM PDT")


def test_aws_open_events_mixed_types() -> None:
    snap = parse_aws(fixture("aws_currentevents_two_open_events_utf16_written.json"))
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "2")
    lam, ec2 = snap.incidents
    assert lam.id == "lambda-us-east-1@1789383600"
    assert (lam.status, lam.status_raw, lam.impact) == (
        IncidentStatus.INVESTIGATING,
        "2",
        Impact.MAJOR,
    )
    assert lam.is_active
    assert lam.components == ("AWS Lambda", "Amazon API Gateway")
    assert [(u.id, u.status_raw) for u in lam.updates] == [("1789383540", "1"), ("1789385400", "2")]
    assert lam.resolved_at is None
    assert (ec2.status_raw, ec2.impact, ec2.name) == ("1", Impact.MINOR, "Instance launch delays")
    assert ec2.created_at == datetime(2026, 9, 13, 10, 59, tzinfo=UTC)


def test_aws_disruption_and_empty_array() -> None:
    rows = json.loads(fixture("aws_currentevents_two_open_events_utf16_written.json"))
    rows[0]["status"] = 3
    assert parse_aws(_json(rows)).status is PageStatus.PARTIAL_OUTAGE
    quiet = sniff_document("[]".encode("utf-16"), "application/json; charset=utf-16")
    assert (quiet.source, quiet.status, quiet.incidents) == (
        SourceKind.AWS,
        PageStatus.OPERATIONAL,
        (),
    )


# --- Shared pieces ----------------------------------------------------------------------------


def test_times() -> None:
    assert any_time("Sat Jun 11 2022 18:55:50 GMT+0200 (Central European Summer Time)") == (
        datetime(2022, 6, 11, 16, 55, 50, tzinfo=UTC)
    )
    assert any_time("2026-09-14T08:00:00.000Z") == datetime(2026, 9, 14, 8, tzinfo=UTC)
    assert any_time(1_789_383_600_000) == datetime(2026, 9, 14, 11, tzinfo=UTC)  # milliseconds
    assert epoch_time("1678726651") == datetime(2023, 3, 13, 16, 57, 31, tzinfo=UTC)
    assert epoch_time(True) is None
    assert epoch_time("9" * 40) is None
    assert any_time("Sat Jun 99 2022 18:55:50 GMT+0000") is None
    assert any_time(None) is None
    local = datetime(2020, 7, 30, 15, 12, 34, tzinfo=timezone(timedelta(hours=-7)))
    assert any_time("2020-07-30T15:12:34-07:00") == local


def test_same_second_updates_get_distinct_ids() -> None:
    body = _load("slack_current_active_incident_2020.json")
    notes = body["active_incidents"][0]["notes"]
    notes.append(dict(notes[0], body="second post, same second"))
    (incident, _) = parse_slack(_json(body)).incidents
    assert [u.id for u in incident.updates] == [
        "2020-07-30T15:12:34-07:00",
        "2020-07-30T15:12:34-07:00#2",
    ]


@pytest.mark.parametrize(
    "parse",
    [parse_instatus, parse_betterstack, parse_statusio, parse_google, parse_slack, parse_aws],
)
@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"null", b"42", b'"text"', b"{}", b'{"page": null}', b'[{"x": 1}]', b"[" * 100_000],
)
def test_each_parser_refuses_what_is_not_its_document(parse: Any, body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        parse(body)


@pytest.mark.parametrize(
    "body",
    [
        b'[{"x": 1}]',
        b'[1, 2, "three"]',
        b'{"result": {"status_overall": null}}',
        b'{"data": {"type": "something_else"}}',
        b"\xff\xfe\x00\xd8",  # UTF-16 BOM, then a lone surrogate
        b"\x00\x00\x00",
    ],
)
def test_unknown_json_shapes_are_content_errors(body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        sniff_document(body, JSON)


_FIXTURES = [
    "instatus_summary_json_docs_example.json",
    "betterstack_index_json_trimmed_live_2026-09.json",
    "betterstack_index_json_active_report_and_maintenance_written.json",
    "gitlab_statusio_public_status_maintenance_2020.json",
    "google_cloud_incidents_open_and_resolved_written.json",
    "google_cloud_incidents_bigquery_resolved_2023-03_from_checkmk_test.json",
    "slack_current_active_incident_2020.json",
    "slack_history_resolved_outage_and_maintenance_written.json",
    "aws_health_public_currentevents_2023-03_from_stts_comment.json",
    "aws_currentevents_two_open_events_utf16_written.json",
]
_ODD_VALUES: list[Any] = [
    None,
    -1,
    1.5,
    10**30,
    True,
    "",
    "x",
    "9" * 40,
    "\u00b2",
    [],
    {},
    {"a": [1]},
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        found.extend(_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize("name", _FIXTURES)
def test_any_value_swapped_for_a_wrong_type_parses_or_is_a_content_error(name: str) -> None:
    """Every value of every fixture replaced in turn: never anything but our error."""
    data = json.loads(fixture(name))
    parsed = 0
    for path in _paths(data)[1:]:
        for odd in _ODD_VALUES:
            mutated = copy.deepcopy(data)
            node = mutated
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = odd
            try:
                snap = sniff_document(_json(mutated), JSON, "https://example.com/incidents.json")
            except StatusPageContentError:
                continue
            parsed += 1
            # What parses is usable: diffed against itself, nothing is new.
            assert detect_changes(detect_changes(None, snap).seen, snap).new_updates == ()
    # Most single swaps leave a readable document (a refusal of everything would pass above).
    assert parsed > len(_paths(data)) * len(_ODD_VALUES) // 2
