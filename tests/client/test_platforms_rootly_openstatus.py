"""Rootly and OpenStatus: parsed, detected on a loopback page, polled."""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import TYPE_CHECKING, Any

import aiohttp

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    PageTracker,
    SourceKind,
    detect_source,
)
from custom_components.status_tracker.client.detect import known_document, page_base
from custom_components.status_tracker.client.platforms.registry import platform_for
from custom_components.status_tracker.client.window import merge_parts
from tests.status_page_server import StatusPageServer, fixture

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory

JSON = "application/json"
ROOTLY = "https://status.example.com"
STATUS = ROOTLY + "/api/v1/status.json"
INCIDENTS = ROOTLY + "/api/v1/incidents.json"
OPEN = "https://example.openstatus.dev"
FEED = OPEN + "/feed/json"


def _load(name: str) -> Any:
    return json.loads(fixture(name))


def _parse(kind: str, name: str, url: str) -> Any:
    return platform_for(kind).parse(fixture(name), JSON, url)


# --- Rootly -----------------------------------------------------------------------------------


def test_rootly_status_and_active_incidents() -> None:
    status = _parse("rootly", "rootly_api_v1_status_json_doc_example.json", STATUS)
    assert (status.source, status.page.name, status.page.url, status.page.time_zone) == (
        SourceKind.ROOTLY,
        "Acme Status",
        ROOTLY,
        "America/Los_Angeles",
    )
    assert (status.status, status.status_raw, status.description) == (
        PageStatus.OPERATIONAL,
        "none",
        "All Systems Operational",
    )
    active = _parse("rootly", "rootly_api_v1_incidents_json_doc_example_closed.json", INCIDENTS)
    (incident,) = active.incidents
    # No id in the example: the incident's own page is its identity.
    assert (incident.id, incident.name, incident.status, incident.status_raw) == (
        "https://status.example.com/incidents/abc123",
        "API Degradation",
        IncidentStatus.INVESTIGATING,
        "started",
    )
    assert (incident.impact, incident.impact_raw, incident.started_at) == (
        Impact.MINOR,
        "minor",
        datetime(2026, 3, 19, 10, 30, tzinfo=UTC),
    )
    assert [(u.id, u.status, u.body) for u in incident.updates] == [
        (
            "2026-03-19T10:35:00Z",
            IncidentStatus.INVESTIGATING,
            "We are investigating reports of elevated API latency.",
        )
    ]
    # Read first (a given incidents.json), the incidents give the state.
    assert (active.status, active.status_raw) == (PageStatus.DEGRADED, "minor")
    merged = merge_parts([status, active])
    assert (merged.status, len(merged.incidents)) == (PageStatus.OPERATIONAL, 1)


def test_rootly_lifecycle_words() -> None:
    data = _load("rootly_api_v1_incidents_json_doc_example_closed.json")
    row = data["incidents"][0]
    data["incidents"] = [
        {**row, "status": "mitigated", "incident_updates": [], "url": "a"},
        {**row, "status": "resolved", "resolved_at": "2026-03-19T11:00:00Z", "url": "b"},
        {**row, "status": "in_progress", "impact": "none", "url": "c"},
        {**row, "status": "started", "impact": "High", "url": None, "id": None},
        {"id": 9, "name": "No word", "started_at": "2026-03-19T09:00:00Z"},
    ]
    snap = platform_for("rootly").build(data, INCIDENTS)
    assert [(i.id, i.status, i.impact) for i in snap.incidents] == [
        ("a", IncidentStatus.MONITORING, Impact.MINOR),
        ("b", IncidentStatus.RESOLVED, Impact.MINOR),
        ("API Degradation@2026-03-19T10:30:00+00:00", IncidentStatus.INVESTIGATING, Impact.MAJOR),
        ("9", IncidentStatus.INVESTIGATING, Impact.UNKNOWN),
    ]
    assert snap.incidents[1].resolved_at == datetime(2026, 3, 19, 11, tzinfo=UTC)
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.status, maintenance.impact) == (
        "c",
        IncidentStatus.IN_PROGRESS,
        Impact.MAINTENANCE,
    )


def test_rootly_recognised_by_its_v1_address_only() -> None:
    recognise = platform_for("rootly").recognise
    data = _load("rootly_api_v1_status_json_doc_example.json")
    assert recognise(data, STATUS)
    assert not recognise(data, ROOTLY + "/api/v2/status.json")
    # Statuspage's status document names its page's id.
    assert not recognise(_load("github_status_2026-08-22.json"), STATUS)
    assert known_document(INCIDENTS) == INCIDENTS
    assert page_base(INCIDENTS) == ROOTLY


async def test_rootly_detected_and_polled(status_page: StatusPageServer) -> None:
    active = _load("rootly_api_v1_incidents_json_doc_example_closed.json")
    status_page.set("/api/v1/status.json", fixture("rootly_api_v1_status_json_doc_example.json"))
    status_page.set("/api/v1/incidents.json", active)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.ROOTLY
        assert found.source.page_url == status_page.url
        assert found.source.endpoints == (
            status_page.url + "/api/v1/status.json",
            status_page.url + "/api/v1/incidents.json?per_page=100",
        )
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        updates = active["incidents"][0]["incident_updates"]
        updates.insert(
            0, {"body": "Fixed.", "status": "identified", "created_at": "2026-03-19T10:50:00Z"}
        )
        status_page.set("/api/v1/incidents.json", active)
        result = await tracker.poll()
        assert [(n.update.id, n.update.status) for n in result.new_updates] == [
            ("2026-03-19T10:50:00Z", IncidentStatus.IDENTIFIED)
        ]
        assert result.snapshot.incidents[0].status is IncidentStatus.IDENTIFIED
        assert (await tracker.poll()).new_updates == ()


async def test_rootly_incidents_address_stays_first(status_page: StatusPageServer) -> None:
    status_page.set("/api/v1/status.json", fixture("rootly_api_v1_status_json_doc_example.json"))
    status_page.set(
        "/api/v1/incidents.json", fixture("rootly_api_v1_incidents_json_doc_example_closed.json")
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/api/v1/incidents.json")
    assert found.source.endpoints == (
        status_page.url + "/api/v1/incidents.json",
        status_page.url + "/api/v1/status.json",
    )
    assert found.snapshot.status is PageStatus.DEGRADED


# --- OpenStatus -------------------------------------------------------------------------------


def test_openstatus_feed_json() -> None:
    snap = _parse("openstatus", "openstatus_feed_json_written_from_source.json", FEED)
    assert (snap.source, snap.page.name, snap.page.url, snap.description) == (
        SourceKind.OPENSTATUS,
        "Example Status",
        OPEN,
        "Status of Example services",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "degraded_performance")
    assert [(c.id, c.name, c.status, c.status_raw, c.group_id) for c in snap.components] == [
        ("1", "API", ComponentStatus.DEGRADED_PERFORMANCE, "degraded", "10")
    ]
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [("10", "Core", ("1",))]
    (report,) = snap.incidents
    assert (report.id, report.status, report.impact, report.components) == (
        "55",
        IncidentStatus.INVESTIGATING,
        Impact.MINOR,
        ("API",),
    )
    assert [(u.id, u.body) for u in report.updates] == [("900", "We are looking into it")]
    # At the document's time (2026-08-20T10:00Z) the window (2026-08-21 02:00-03:00) is ahead.
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.status, maintenance.updates[0].id) == (
        "maintenance-7",
        IncidentStatus.SCHEDULED,
        "scheduled-2026-08-19T12:00:00.000Z",
    )
    assert maintenance.updates[0].created_at == datetime(2026, 8, 19, 12, tzinfo=UTC)


def test_openstatus_items_name_the_page_components() -> None:
    # Report 55 and maintenance 7 list "pageComponents": [1], the component named "API".
    data = _load("openstatus_feed_json_written_from_source.json")
    data["pageComponents"].append({"id": 2, "name": "Web", "monitorId": None, "order": 2})
    data["maintenances"][0]["pageComponents"] = [2, 1, 404]  # 404: no such component
    snap = platform_for("openstatus").build(data, FEED)
    assert snap.incidents[0].components == ("API",)
    assert snap.maintenances[0].components == ("Web", "API")
    # The component whose report is open still reads degraded without its monitor.
    del data["monitors"]
    snap = platform_for("openstatus").build(data, FEED)
    assert [(c.name, c.status) for c in snap.components] == [
        ("API", ComponentStatus.DEGRADED_PERFORMANCE),
        ("Web", ComponentStatus.OPERATIONAL),
    ]


def test_openstatus_window_state_at_the_document_time(freezer: FrozenDateTimeFactory) -> None:
    # The document's updatedAt is the server's clock when it built the document.
    data = _load("openstatus_feed_json_written_from_source.json")
    for clock in ("2026-08-20T10:00:00Z", "2030-01-01T00:00:00Z"):  # whatever our clock says
        freezer.move_to(clock)
        (maintenance,) = platform_for("openstatus").build(data, FEED).maintenances
        assert maintenance.status is IncidentStatus.SCHEDULED
    data["updatedAt"] = "2026-08-21T02:30:00.000Z"
    (maintenance,) = platform_for("openstatus").build(data, FEED).maintenances
    assert maintenance.status is IncidentStatus.IN_PROGRESS
    data["updatedAt"] = "2026-08-21T03:00:00.000Z"
    (maintenance,) = platform_for("openstatus").build(data, FEED).maintenances
    assert (maintenance.status, maintenance.resolved_at) == (
        IncidentStatus.COMPLETED,
        datetime(2026, 8, 21, 3, tzinfo=UTC),
    )
    # A document without its time: our clock (still 2030) decides.
    del data["updatedAt"]
    (maintenance,) = platform_for("openstatus").build(data, FEED).maintenances
    assert maintenance.status is IncidentStatus.COMPLETED


def test_openstatus_states_derived_without_monitors() -> None:
    data = _load("openstatus_feed_json_written_from_source.json")
    del data["monitors"]
    data["pageComponents"].append({"id": 2, "name": "Web", "order": 2})
    data["maintenances"][0] |= {"from": "2099-01-01T00:00:00Z", "to": "2099-01-01T01:00:00Z"}
    snap = platform_for("openstatus").build(data, FEED)
    assert [(c.id, c.status, c.status_raw) for c in snap.components] == [
        ("1", ComponentStatus.DEGRADED_PERFORMANCE, "degraded_performance"),
        ("2", ComponentStatus.OPERATIONAL, "operational"),
    ]
    assert snap.maintenances[0].status is IncidentStatus.SCHEDULED
    assert snap.maintenances[0].updates[0].id == "scheduled-2026-08-19T12:00:00.000Z"
    data["maintenances"][0]["from"] = "2026-01-01T00:00:00Z"
    under_way = platform_for("openstatus").build(data, FEED)
    assert [(c.id, c.status) for c in under_way.components][:1] == [
        ("1", ComponentStatus.UNDER_MAINTENANCE)
    ]
    assert under_way.maintenances[0].updates[0].id == "in_progress-2026-08-19T12:00:00.000Z"


def test_openstatus_addresses() -> None:
    assert known_document(OPEN) == FEED
    assert known_document(FEED) == FEED
    assert known_document("https://api.openstatus.dev/public/status/example") == FEED
    assert page_base("https://api.openstatus.dev/public/status/example") == OPEN
    assert known_document("https://www.openstatus.dev") is None
    assert page_base("https://status.acme.test/feed/json") == "https://status.acme.test"
    # A JSON Feed at the same path is not a page.
    assert not platform_for("openstatus").recognise({"version": "x", "items": []}, FEED)


async def test_openstatus_detected_and_polled(status_page: StatusPageServer) -> None:
    data = _load("openstatus_feed_json_written_from_source.json")
    status_page.set("/feed/json", data)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.OPENSTATUS
        assert (found.source.page_url, found.source.endpoints) == (
            status_page.url,
            (status_page.url + "/feed/json",),
        )
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        report = data["statusReports"][0]
        report["status"] = "resolved"
        report["statusReportUpdates"].append(
            {"id": 901, "status": "resolved", "message": "Fixed", "date": "2026-08-20T10:20:00Z"}
        )
        status_page.set("/feed/json", data)
        result = await tracker.poll()
        assert [(n.incident.id, n.update.id, n.is_resolution) for n in result.new_updates] == [
            ("55", "901", True)
        ]
        assert (await tracker.poll()).new_updates == ()
