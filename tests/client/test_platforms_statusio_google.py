"""status.io and Google Cloud parsed field by field."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.google import parse_google
from custom_components.status_tracker.client.platforms.statusio import parse_statusio
from tests.status_page_server import fixture, fixture_json, json_bytes

JSON = "application/json"
GITLAB = "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"


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
    read = parse_statusio(fixture("gitlab_statusio_public_status_maintenance_2020.json"), GITLAB)
    assert (read.page.id, read.page.url) == ("5b36dc6502d06804c08349f7", GITLAB)  # from the URL
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
    body = fixture_json("gitlab_statusio_public_status_maintenance_2020.json")
    body["result"]["status_overall"]["status_code"] = code
    body["result"]["status"][0]["status_code"] = code
    snap = parse_statusio(json_bytes(body))
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
    rows = fixture_json("google_cloud_incidents_open_and_resolved_written.json")
    before = parse_google(json_bytes(rows))
    assert before.page.url == ""
    assert all(i.url is None for i in before.incidents)  # "incidents/…" is relative
    seen = detect_changes(None, before).seen
    newer = copy.deepcopy(rows)
    newer[0]["end"] = "2026-09-14T11:20:00+00:00"
    newer[0]["updates"].insert(
        0, {"created": "2026-09-14T11:21:00+00:00", "text": "Resolved.", "status": "AVAILABLE"}
    )
    newer[0]["updates"][1]["text"] = "edited text does not re-fire"
    after = parse_google(json_bytes(newer))
    (new,) = detect_changes(seen, after).new_updates
    assert new.key == ("kM3vY7fQp2XbN9wRtU4e", "2026-09-14T11:21:00+00:00")
    assert new.is_resolution
    assert after.status is PageStatus.DEGRADED  # only the Cloud Build notice is left open


def test_google_keeps_open_incidents_and_the_newest_window() -> None:
    template = fixture_json("google_cloud_incidents_open_and_resolved_written.json")[2]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    rows = []
    window = 50  # "the 50 most recently changed" (README, Supported formats)
    for n in range(window + 20):
        row = copy.deepcopy(template)
        when = (start + timedelta(days=n)).isoformat()
        row.update(id=f"inc{n}", created=when, modified=when, begin=when, end=when)
        rows.append(row)
    rows[0]["end"] = None  # the oldest is still open
    snap = parse_google(json_bytes(rows))
    ids = [i.id for i in snap.incidents]
    assert len(ids) == window + 1
    assert ids[0] == f"inc{window + 19}"
    assert "inc0" in ids
    assert "inc1" not in ids


def test_google_severity_when_no_status_impact() -> None:
    row = fixture_json("google_cloud_incidents_open_and_resolved_written.json")[1]
    del row["status_impact"]
    row["severity"] = "high"
    (incident,) = parse_google(json_bytes([row])).incidents
    assert (incident.impact, incident.impact_raw) == (Impact.CRITICAL, "high")
