"""Instatus and Better Stack pages parsed field by field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.betterstack import parse_betterstack
from custom_components.status_tracker.client.platforms.instatus import parse_instatus
from tests.status_page_server import fixture, fixture_json, json_bytes

JSON = "application/json"


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
            {"id": "c1", "name": "API", "status": "OPERATIONAL", "description": "REST", "order": 7},
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
    snap = parse_instatus(json_bytes(_instatus_v3("IDENTIFIED")))
    assert snap.page.url == "https://status.zed.dev"
    # HASISSUES is only "something": the worst component says how bad.
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "HASISSUES")
    assert [(c.id, c.name, c.status, c.status_raw, c.group_id) for c in snap.components] == [
        ("c1", "API", ComponentStatus.OPERATIONAL, "OPERATIONAL", None),
        ("c2", "Calls", ComponentStatus.MAJOR_OUTAGE, "MAJOROUTAGE", "g1"),
        ("c3", "Chat", ComponentStatus.PARTIAL_OUTAGE, "MINOROUTAGE", "g1"),
    ]
    # ``order`` is the place on the page, else the place in the list (in its group).
    assert [(c.description, c.position) for c in snap.components] == [
        ("REST", 7),
        (None, 1),
        (None, 2),
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
    first = parse_instatus(json_bytes(_instatus_v3("INVESTIGATING", "NOTSTARTEDYET")))
    seen = detect_changes(None, first).seen
    later = parse_instatus(json_bytes(_instatus_v3("MONITORING", "INPROGRESS")))
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
    body["components"] = [{"name": "Only a name", "status": "ON_FIRE"}, {"name": "No status"}]
    snap = parse_instatus(json_bytes(body))
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "UP")
    incident = snap.incidents[0]
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "PANICKING")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "COSMIC")
    assert [(c.id, c.status, c.status_raw) for c in snap.components] == [
        ("Only a name", ComponentStatus.UNKNOWN, "ON_FIRE"),
        ("No status", ComponentStatus.UNKNOWN, "unknown"),  # no word sent
    ]


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
    body = fixture_json("betterstack_index_json_trimmed_live_2026-09.json")
    body["data"]["attributes"]["aggregate_state"] = "downtime"
    body["included"][1]["attributes"]["status"] = "downtime"
    snap = parse_betterstack(json_bytes(body))
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "downtime")
    assert snap.page.url == ""  # neither a domain nor the document's URL is known
    read = parse_betterstack(json_bytes(body), "https://status.acme.example/index.json")
    assert read.page.url == "https://status.acme.example"  # the URL it was read from says
