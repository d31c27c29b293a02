"""Gatus and Hyperping: parsed, detected on a loopback page, polled."""

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
from custom_components.status_tracker.client.models import ComponentGroup
from custom_components.status_tracker.client.platforms.registry import platform_for
from tests.status_page_server import StatusPageServer, fixture

JSON = "application/json"
GATUS = "https://status.example.org"
STATUSES = GATUS + "/api/v1/endpoints/statuses?page=1&pageSize=1"


def _load(name: str) -> Any:
    return json.loads(fixture(name))


def _parse(kind: str, name: str, url: str) -> Any:
    return platform_for(kind).parse(fixture(name), JSON, url)


# --- Gatus ------------------------------------------------------------------------------------


def test_gatus_endpoint_state_is_its_newest_result() -> None:
    snap = _parse(
        "gatus", "gatus_endpoints_statuses_success_then_failure_server_test.json", STATUSES
    )
    assert (snap.source, snap.page.id, snap.page.name, snap.page.url) == (
        SourceKind.GATUS,
        GATUS,
        "status.example.org",
        GATUS,
    )
    # Oldest result first: the failure after the success is the state now.
    assert [(c.id, c.name, c.status, c.status_raw, c.group_id) for c in snap.components] == [
        ("group_name", "name", ComponentStatus.MAJOR_OUTAGE, "unhealthy", "group")
    ]
    assert snap.groups == (ComponentGroup(id="group", name="group", component_ids=("group_name",)),)
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "major_outage")
    assert snap.incidents == ()


def test_gatus_page_state_from_every_endpoint() -> None:
    data = _load("gatus_endpoints_statuses_success_then_failure_server_test.json")
    healthy = {**data[0], "key": "core_api", "name": "api", "results": data[0]["results"][:1]}
    snap = platform_for("gatus").build([*data, healthy], STATUSES)
    assert (snap.status, [c.status_raw for c in snap.components]) == (
        PageStatus.PARTIAL_OUTAGE,
        ["unhealthy", "healthy"],
    )
    empty = _parse("gatus", "gatus_endpoints_statuses_no_results_server_test.json", STATUSES)
    assert [(c.status, c.status_raw) for c in empty.components] == [(ComponentStatus.UNKNOWN, "")]
    assert empty.status is PageStatus.UNKNOWN


def test_gatus_announcements_are_incidents_keyed_by_time() -> None:
    none = _parse(
        "gatus", "gatus_config_no_announcements_server_test.json", GATUS + "/api/v1/config"
    )
    assert (none.incidents, none.status) == ((), PageStatus.UNKNOWN)
    snap = _parse("gatus", "gatus_config_announcements_written.json", GATUS + "/api/v1/config")
    outage, news = snap.incidents
    assert (outage.id, outage.name, outage.status, outage.impact, outage.impact_raw) == (
        "2026-11-30T09:15:00Z",
        "Database cluster unreachable",
        IncidentStatus.INVESTIGATING,
        Impact.MAJOR,
        "outage",
    )
    assert outage.updates[0].body == (
        "Database cluster unreachable\nWe are failing over to the standby."
    )
    assert outage.created_at == datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    assert (news.status, news.status_raw, news.impact) == (
        IncidentStatus.RESOLVED,
        "archived",
        Impact.NONE,
    )


def test_gatus_addresses() -> None:
    assert known_document(GATUS + "/api/v1/endpoints/statuses") == STATUSES
    assert page_base(STATUSES) == GATUS
    assert page_base(GATUS + "/api/v1/config") == GATUS
    assert platform_for("gatus").documents(STATUSES) == (STATUSES, GATUS + "/api/v1/config")


def test_gatus_is_not_any_array() -> None:
    recognise = platform_for("gatus").recognise
    assert not recognise([], STATUSES)
    assert not recognise([{"key": "a", "name": "a"}], STATUSES)
    assert recognise(_load("gatus_endpoints_statuses_no_results_server_test.json"), STATUSES)


async def test_gatus_detected_and_polled(status_page: StatusPageServer) -> None:
    config = _load("gatus_config_no_announcements_server_test.json")
    status_page.set(
        "/api/v1/endpoints/statuses",
        fixture("gatus_endpoints_statuses_success_then_failure_server_test.json"),
    )
    status_page.set("/api/v1/config", config)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.GATUS
        assert found.source.page_url == status_page.url
        assert found.source.endpoints == (
            status_page.url + "/api/v1/endpoints/statuses?page=1&pageSize=1",
            status_page.url + "/api/v1/config",
        )
        assert status_page.requests("/api/v1/endpoints/statuses")[0].status == 200
        tracker = PageTracker(session, found.source)
        first = await tracker.poll()
        assert (first.new_updates, first.snapshot.status) == ((), PageStatus.MAJOR_OUTAGE)
        config["announcements"] = _load("gatus_config_announcements_written.json")["announcements"][
            :1
        ]
        status_page.set("/api/v1/config", config)
        result = await tracker.poll()
        assert [(n.incident.id, n.update.id, n.is_new_incident) for n in result.new_updates] == [
            ("2026-11-30T09:15:00Z", "2026-11-30T09:15:00Z", True)
        ]
        assert (await tracker.poll()).new_updates == ()


# --- Hyperping --------------------------------------------------------------------------------


def test_hyperping_docs_example_is_a_state() -> None:
    url = "https://meta.hyperping.app/status.json"
    snap = _parse("hyperping", "hyperping_status_json_docs_example.json", url)
    assert (snap.source, snap.page.name, snap.page.url) == (
        SourceKind.HYPERPING,
        "meta.hyperping.app",
        "https://meta.hyperping.app",
    )
    assert (snap.status, snap.status_raw, snap.description) == (PageStatus.OPERATIONAL, "up", "")
    assert (snap.components, snap.incidents, snap.maintenances) == ((), (), ())


def test_hyperping_older_api_lists_services() -> None:
    url = "https://api.hyperping.io/v1/demo.hyperping.io/status.json"
    snap = _parse("hyperping", "hyperping_api_v1_host_status_json_blog_example_closed.json", url)
    assert (snap.page.name, snap.page.url, snap.description) == (
        "Hyperping",
        "http://demo.hyperping.io",
        "All Systems Operational",
    )
    assert [(c.id, c.name, c.status, c.status_raw) for c in snap.components] == [
        ("https://hyperping.io", "Hyperping Landing", ComponentStatus.OPERATIONAL, "up"),
        ("https://app.hyperping.io", "Dashboard", ComponentStatus.OPERATIONAL, "up"),
    ]
    assert page_base(url) == "https://demo.hyperping.io"


@pytest.mark.parametrize(
    ("indicator", "status"),
    [
        ("incident", PageStatus.PARTIAL_OUTAGE),
        ("partialoutage", PageStatus.PARTIAL_OUTAGE),
        ("outage", PageStatus.MAJOR_OUTAGE),
        ("down", PageStatus.MAJOR_OUTAGE),
        ("maintenance", PageStatus.MAINTENANCE),
    ],
)
def test_hyperping_indicators(indicator: str, status: PageStatus) -> None:
    snap = platform_for("hyperping").build({"indicator": indicator, "uptime": "99.9%"}, None)
    assert (snap.status, snap.status_raw) == (status, indicator)


def test_hyperping_recognised_strictly() -> None:
    recognise = platform_for("hyperping").recognise
    assert not recognise({"indicator": "none", "uptime": "1%"}, "")  # not a Hyperping word
    assert not recognise({"indicator": "up"}, "")
    assert not recognise(_load("github_status_2026-08-22.json"), "")
    assert known_document("https://meta.hyperping.app") == "https://meta.hyperping.app/status.json"
    assert known_document("https://www.hyperping.com") is None


async def test_hyperping_detected_and_polled(status_page: StatusPageServer) -> None:
    status_page.set("/status.json", fixture("hyperping_status_json_docs_example.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.HYPERPING
        assert (found.source.page_url, found.source.endpoints) == (
            status_page.url,
            (status_page.url + "/status.json",),
        )
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        status_page.set("/status.json", {"indicator": "incident", "uptime": "99.9%"})
        result = await tracker.poll()
        # A state only: it changes, and there is no update to report.
        assert (result.snapshot.status, result.new_updates) == (PageStatus.PARTIAL_OUTAGE, ())
