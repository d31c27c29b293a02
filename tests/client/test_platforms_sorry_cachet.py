"""Sorry™ and Cachet: parsed from their documents, detected on a loopback page, polled."""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import Any

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
from custom_components.status_tracker.client.detect import page_base, sniff_document
from custom_components.status_tracker.client.platforms.registry import platform_for
from custom_components.status_tracker.client.window import merge_parts
from tests.status_page_server import StatusPageServer, fixture

JSON = "application/json"
SORRY = "https://status.st-andrews.ac.uk"


def _load(name: str) -> Any:
    return json.loads(fixture(name))


def _parse(kind: str, name: str, url: str) -> Any:
    return platform_for(kind).parse(fixture(name), JSON, url)


# --- Sorry™ -----------------------------------------------------------------------------------


def test_sorry_status_components_and_notices_merged() -> None:
    parts = [
        _parse(
            "sorry", "sorry_api_v1_status_st_andrews_doc_example.json", SORRY + "/api/v1/status"
        ),
        _parse("sorry", "sorry_api_v1_components_nested_doc_example.json", SORRY + "/api/v1/x"),
        _parse("sorry", "sorry_api_v1_notices_st_andrews_doc_example.json", SORRY + "/api/v1/x"),
    ]
    snap = merge_parts(parts)
    assert snap.source is SourceKind.SORRY
    assert (snap.page.name, snap.page.url) == ("University of St Andrews service status", SORRY)
    assert (snap.status, snap.status_raw, snap.description) == (
        PageStatus.OPERATIONAL,
        "operational",
        "All systems are go!",
    )
    assert [(c.id, c.name, c.group_id) for c in snap.components] == [
        ("1", "Example Component", None),
        ("2", "Sub-Component", "1"),
    ]
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [
        ("1", "Example Component", ("2",))
    ]
    (incident,) = snap.incidents
    assert (incident.id, incident.name, incident.status, incident.impact) == (
        "1",
        "Current Incident",
        IncidentStatus.INVESTIGATING,
        Impact.MINOR,
    )
    assert incident.url == "https://status.st-andrews.ac.uk/notices/xxx-current-incident"
    (update,) = incident.updates
    # No update id in the public API: the update's own created_at text is its key.
    assert (update.id, update.body) == (
        "2023-01-01T00:00:00.000Z",
        "We are currently investigating an issue with our service.",
    )
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.status, maintenance.impact) == (
        "2",
        IncidentStatus.SCHEDULED,
        Impact.MAINTENANCE,
    )
    assert maintenance.scheduled_until == datetime(2023, 1, 1, 1, 0, tzinfo=UTC)


def test_sorry_component_states_and_notice_vocabulary() -> None:
    data = _load("sorry_api_v1_notice_detail_st_andrews_doc_example.json")
    data["notice"]["state"] = "recovering"
    data["notice"]["components"][0]["state"] = "degraded"
    snap = platform_for("sorry").build(data, SORRY + "/api/v1/notices/1")
    (incident,) = snap.incidents
    assert (incident.status, incident.status_raw, incident.impact) == (
        IncidentStatus.MONITORING,
        "recovering",
        Impact.MAJOR,
    )
    assert incident.components == ("Example Component",)
    rows = _load("sorry_api_v1_components_st_andrews_2025-01.json")
    rows["components"][0]["state"] = "partially-degraded"
    (component,) = platform_for("sorry").build(rows, None).components
    assert (component.id, component.status, component.status_raw, component.position) == (
        "50772",
        ComponentStatus.DEGRADED_PERFORMANCE,
        "partially-degraded",
        1,
    )


async def test_sorry_detected_from_its_page_and_polled(status_page: StatusPageServer) -> None:
    status = _load("sorry_api_v1_status_st_andrews_doc_example.json")
    status["page"]["url"] = status_page.url
    notices = _load("sorry_api_v1_notices_st_andrews_doc_example.json")
    status_page.set("/api/v1/status", status)
    status_page.set(
        "/api/v1/components", fixture("sorry_api_v1_components_nested_doc_example.json")
    )
    status_page.set("/api/v1/notices", notices)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.SORRY
        assert found.source.page_url == status_page.url
        assert found.source.endpoints[0] == status_page.url + "/api/v1/status"
        assert page_base(status_page.url + "/api/v1/notices") == status_page.url
        tracker = PageTracker(session, found.source)
        first = await tracker.poll()
        assert first.new_updates == ()
        assert len(first.snapshot.components) == 2
        notices["notices"][0]["latest_update"] = {
            "state": "identified",
            "content": "Found it.",
            "created_at": "2023-01-01T00:10:00.000Z",
        }
        notices["notices"][0]["state"] = "identified"
        status_page.set("/api/v1/notices", notices)
        result = await tracker.poll()
        assert [(n.incident.id, n.update.id, n.update.status) for n in result.new_updates] == [
            ("1", "2023-01-01T00:10:00.000Z", IncidentStatus.IDENTIFIED)
        ]
        assert (await tracker.poll()).new_updates == ()


# --- Cachet -----------------------------------------------------------------------------------


def test_cachet2_yoti_components_groups_incidents_schedules() -> None:
    base = "https://status.yoti.com"
    parts = [
        _parse("cachet", "cachet2_components_yoti_2020-10_extracted.json", base + "/api/v1/c"),
        _parse("cachet", "cachet2_incidents_from_go_client_test.json", base + "/api/v1/i"),
        _parse("cachet", "cachet2_component_groups_from_go_client_test.json", base + "/api/v1/g"),
        _parse("cachet", "cachet2_schedules_from_go_client_test.json", base + "/api/v1/s"),
    ]
    snap = merge_parts(parts)
    assert (snap.source, snap.page.url, snap.status) == (
        SourceKind.CACHET,
        base,
        PageStatus.OPERATIONAL,
    )
    assert [(c.id, c.name, c.group_id) for c in snap.components][:3] == [
        ("1", "Yoti Website", "1"),
        ("2", "Yoti Age Scan", "1"),
        ("3", "Yoti App", "1"),
    ]
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [
        ("1", "Websites", ("1", "2", "3", "6", "5", "4"))
    ]
    (incident,) = snap.incidents
    assert (incident.id, incident.status, incident.status_raw, incident.impact) == (
        "1",
        IncidentStatus.IDENTIFIED,
        "2",
        Impact.MINOR,
    )
    assert [(u.id, u.status, u.body) for u in incident.updates] == [
        ("message", IncidentStatus.INVESTIGATING, "Incident Message"),
        ("1", IncidentStatus.IDENTIFIED, "Incident Update #1"),
    ]
    (schedule,) = snap.maintenances
    assert (schedule.id, schedule.status, schedule.scheduled_for) == (
        "schedule-1",
        IncidentStatus.COMPLETED,
        datetime(2015, 8, 1, 12, 30, tzinfo=UTC),
    )


def test_cachet2_status_as_string_and_worst_component() -> None:
    data = _load("cachet2_components_status_as_string_from_perl_client_test.json")
    (component,) = platform_for("cachet").build(data, None).components
    assert (component.status, component.status_raw) == (ComponentStatus.OPERATIONAL, "1")
    data["data"][0]["status"] = "4"
    snap = platform_for("cachet").build(data, None)
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "major_outage")


def test_cachet3_written_components() -> None:
    data = _load("cachet3_components_written_from_source.json")
    snap = sniff_document(json.dumps(data).encode(), "application/vnd.api+json")
    assert snap.source is SourceKind.CACHET
    (component,) = snap.components
    assert (component.id, component.name, component.status, component.status_raw) == (
        "1",
        "API",
        ComponentStatus.OPERATIONAL,
        "1",
    )


async def test_cachet2_detected_and_polled(status_page: StatusPageServer) -> None:
    incidents = _load("cachet2_incidents_from_go_client_test.json")
    status_page.set("/api/v1/components", fixture("cachet2_components_yoti_2020-10_extracted.json"))
    status_page.set("/api/v1/incidents", incidents)
    status_page.set(
        "/api/v1/components/groups", fixture("cachet2_component_groups_from_go_client_test.json")
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.CACHET
        assert found.source.page_url == status_page.url
        tracker = PageTracker(session, found.source)
        first = await tracker.poll()
        assert first.new_updates == ()
        assert first.snapshot.groups[0].name == "Websites"
        incidents["data"][0]["updates"].append(
            {"id": 2, "status": 4, "message": "Fixed.", "created_at": "2015-08-01 13:00:00"}
        )
        incidents["data"][0]["latest_status"] = 4
        status_page.set("/api/v1/incidents", incidents)
        result = await tracker.poll()
        assert [(n.update.id, n.update.status) for n in result.new_updates] == [
            ("2", IncidentStatus.RESOLVED)
        ]
        assert (await tracker.poll()).new_updates == ()
