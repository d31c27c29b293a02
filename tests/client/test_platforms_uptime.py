"""UptimeRobot and Uptime Kuma public pages: parsed, detected on a loopback page, polled."""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import Any

import aiohttp
import pytest

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

JSON = "application/json"
ROBOT = "https://stats.uptimerobot.com/AbC123xyz"
LIST = "https://stats.uptimerobot.com/api/getMonitorList/AbC123xyz?page=1"
KUMA = "https://kuma.example.org/status/demo"


def _load(name: str) -> Any:
    return json.loads(fixture(name))


def _parse(kind: str, name: str, url: str) -> Any:
    return platform_for(kind).parse(fixture(name), JSON, url)


# --- UptimeRobot ------------------------------------------------------------------------------


def test_uptimerobot_bluesky_monitors_and_announcements() -> None:
    monitors = _parse("uptimerobot", "uptimerobot_monitor_list_bsky_2025-04-24_trimmed.json", LIST)
    feed = _parse("uptimerobot", "uptimerobot_event_feed_bsky_2025-04-24.json", LIST)
    snap = merge_parts([monitors, feed])
    assert (snap.source, snap.page.url) == (SourceKind.UPTIMEROBOT, ROBOT)
    assert [(c.id, c.name, c.status, c.status_raw) for c in snap.components] == [
        ("796288296", "agaric.us-west.host.bsky.network", ComponentStatus.OPERATIONAL, "success"),
        ("795277183", "api.events.bsky.app", ComponentStatus.UNKNOWN, "black"),
        ("796789653", "gifs.bsky.app", ComponentStatus.OPERATIONAL, "success"),
    ]
    newest, oldest = snap.incidents
    assert (oldest.name, oldest.status, oldest.impact, oldest.created_at) == (
        "Major PDS Networking Problems",
        IncidentStatus.UPDATE,
        Impact.MINOR,
        datetime(2025, 4, 24, 22, 55, tzinfo=UTC),
    )
    assert newest.id == "1745537880-Update on PDS Downtime"
    assert newest.updates[0].body.startswith("We have identified a likely root cause")


def test_uptimerobot_counts_give_the_page_state() -> None:
    snap = _parse("uptimerobot", "uptimerobot_monitor_list_mixed_states_2025-03.json", LIST)
    assert (snap.status, snap.status_raw, snap.description) == (
        PageStatus.PARTIAL_OUTAGE,
        "2 down, 4 up",
        "2 monitors down",
    )
    states = {c.name: c.status for c in snap.components}
    assert states["GWC - Lovett"] is ComponentStatus.MAJOR_OUTAGE
    assert states["GWC - Kings Beach"] is ComponentStatus.UNKNOWN
    single = _parse("uptimerobot", "uptimerobot_single_monitor_page_2025-03.json", LIST)
    assert [c.status for c in single.components] == [ComponentStatus.OPERATIONAL]
    assert single.status is PageStatus.OPERATIONAL


@pytest.mark.parametrize(
    ("url", "document", "page"),
    [
        (ROBOT, LIST, ROBOT),
        (LIST, LIST, ROBOT),
        ("https://stats.uptimerobot.com/api/getEventFeed/AbC123xyz", LIST, ROBOT),
        (
            "https://status.bsky.app/api/getMonitorList/Xy9",
            "https://status.bsky.app/api/getMonitorList/Xy9?page=1",
            "https://status.bsky.app",
        ),
        (KUMA, "https://kuma.example.org/api/status-page/heartbeat/demo", KUMA),
        ("https://kuma.example.org/api/status-page/demo", None, KUMA),
    ],
)
def test_token_and_slug_addresses(url: str, document: str | None, page: str) -> None:
    if document is not None:
        assert known_document(url) == document
    assert page_base(document or url) == page


def test_an_address_without_token_or_slug_is_polled_as_it_is() -> None:
    # Not made-up document addresses under it (they would answer 404: "page gone").
    bare = "https://status.example.com"
    assert platform_for(SourceKind.UPTIMEROBOT).documents(bare) == (bare,)
    assert platform_for(SourceKind.UPTIMEKUMA).documents(bare) == (bare,)


async def test_uptimerobot_detected_and_polled(status_page: StatusPageServer) -> None:
    feed = _load("uptimerobot_event_feed_bsky_2025-04-24.json")
    status_page.set(
        "/api/getMonitorList/Tok1",
        fixture("uptimerobot_monitor_list_bsky_2025-04-24_trimmed.json"),
    )
    status_page.set("/api/getEventFeed/Tok1", feed)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/api/getMonitorList/Tok1")
        assert found.source.kind is SourceKind.UPTIMEROBOT
        assert found.source.page_url == status_page.url
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        feed["results"].insert(0, {**feed["results"][0], "ts": 1745540000, "title": "Resolved"})
        status_page.set("/api/getEventFeed/Tok1", feed)
        result = await tracker.poll()
        assert [(n.incident.id, n.is_new_incident) for n in result.new_updates] == [
            ("1745540000-Resolved", True)
        ]
        assert (await tracker.poll()).new_updates == ()


# --- Uptime Kuma ------------------------------------------------------------------------------


def _kuma() -> Any:
    beats = _parse("uptimekuma", "uptimekuma_heartbeat_1x_2026-06-22_trimmed.json", KUMA)
    page = _parse("uptimekuma", "uptimekuma_status_page_1x_2026-06_anonymised.json", KUMA)
    return merge_parts([beats, page])


def test_uptimekuma_beats_named_by_the_page() -> None:
    snap = _kuma()
    assert (snap.source, snap.page.name, snap.page.url) == (
        SourceKind.UPTIMEKUMA,
        "Example mirrors status",
        KUMA,
    )
    assert (snap.status, snap.status_raw) == (PageStatus.PARTIAL_OUTAGE, "partial_outage")
    by_id = {c.id: c for c in snap.components}
    assert (by_id["7"].name, by_id["7"].status, by_id["7"].status_raw) == (
        "Site 7",
        ComponentStatus.OPERATIONAL,
        "up",
    )
    assert (by_id["53"].status, by_id["53"].group_id) == (ComponentStatus.MAJOR_OUTAGE, "6")
    # A trailing newline in a group name is not part of it.
    assert [g.name for g in snap.groups][:2] == ["Group 5", "Group 6"]
    (incident,) = snap.incidents
    assert (incident.id, incident.status, incident.impact, incident.impact_raw) == (
        "22",
        IncidentStatus.INVESTIGATING,
        Impact.MINOR,
        "warning",
    )
    assert incident.updates[0].id == "2026-01-05 14:45:42"
    assert snap.maintenances == ()


async def test_uptimekuma_detected_and_an_edit_is_one_update(
    status_page: StatusPageServer,
) -> None:
    page = _load("uptimekuma_status_page_1x_2026-06_anonymised.json")
    status_page.set(
        "/api/status-page/heartbeat/demo",
        fixture("uptimekuma_heartbeat_1x_2026-06-22_trimmed.json"),
    )
    status_page.set("/api/status-page/demo", page)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/status/demo")
        assert found.source.kind is SourceKind.UPTIMEKUMA
        assert found.source.page_url == status_page.url + "/status/demo"
        assert found.snapshot.page.name == "Example mirrors status"
        tracker = PageTracker(session, found.source)
        first = await tracker.poll()
        assert first.new_updates == ()
        assert len(first.snapshot.components) == 19
        page["incident"]["lastUpdatedDate"] = "2026-06-22 05:00:00"
        status_page.set("/api/status-page/demo", page)
        result = await tracker.poll()
        assert [(n.incident.id, n.update.id) for n in result.new_updates] == [
            ("22", "2026-06-22 05:00:00")
        ]
        assert (await tracker.poll()).new_updates == ()


def test_uptimekuma_2x_incidents_maintenance_and_beat_states() -> None:
    page = _load("uptimekuma_status_page_1x_2026-06_anonymised.json")
    old = page.pop("incident")
    page["incidents"] = [{**old, "pin": True, "active": False, "style": "danger"}]
    page["maintenanceList"] = [
        {
            "id": 3,
            "title": "Upgrade",
            "status": "under-maintenance",
            "timeslotList": [
                {"startDate": "2026-06-22 04:00:00", "endDate": "2026-06-22 05:00:00"}
            ],
        }
    ]
    snap = platform_for("uptimekuma").build(page, KUMA)
    (incident,) = snap.incidents
    assert (incident.status, incident.impact) == (IncidentStatus.RESOLVED, Impact.MAJOR)
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.status) == ("maintenance-3", IncidentStatus.IN_PROGRESS)
    beats = {"heartbeatList": {"1": [{"status": 2}, 0], "2": [{"status": 3}], "3": []}}
    states = platform_for("uptimekuma").build(beats, KUMA)
    assert [(c.id, c.status) for c in states.components] == [
        ("1", ComponentStatus.DEGRADED_PERFORMANCE),
        ("2", ComponentStatus.UNDER_MAINTENANCE),
    ]
    assert states.status is PageStatus.DEGRADED
