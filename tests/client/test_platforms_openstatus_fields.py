"""OpenStatus' ``/feed/json`` document field by field, from small hand-made documents.

The fixture (written from OpenStatus' route, see tests/fixtures/README.md) holds one of
each thing; these documents, shaped as the module docstring describes (``{title,
description, status, updatedAt, monitors, pageComponents, pageComponentGroups,
maintenances, statusReports}``), fill the gaps: component descriptions and orders, the
deprecated monitors-only page, reports without a status or updates, closed reports,
maintenances named by a title or started at the document's time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    Snapshot,
)
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.platforms.registry import platform_for

OPEN = "https://example.openstatus.dev"
FEED = OPEN + "/feed/json"
BUILT = "2026-08-20T10:00:00.000Z"  # the document's updatedAt: when the server built it


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 8, 20, hour, minute, tzinfo=UTC)


def _page(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Example Status",
        "status": "operational",
        "updatedAt": BUILT,
        "pageComponents": [],
        "pageComponentGroups": [],
        "maintenances": [],
        "statusReports": [],
    } | fields


def _build(data: Any, url: str | None = FEED) -> Snapshot:
    return platform_for("openstatus").build(data, url)


# --- the page ---------------------------------------------------------------------------------


def test_openstatus_refuses_other_documents() -> None:
    # The reason is what the log shows when a page's document is not OpenStatus' feed.
    with pytest.raises(StatusPageContentError, match=r"^Not an OpenStatus feed/json document$"):
        _build({"title": "No arrays"})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Docstring: unknown is also what a private page answers; no status reads the same.
        ({"status": "unknown"}, (PageStatus.UNKNOWN, "unknown")),
        ({"status": None}, (PageStatus.UNKNOWN, "unknown")),
        ({"status": "under_maintenance"}, (PageStatus.MAINTENANCE, "under_maintenance")),
    ],
)
def test_openstatus_page_state(fields: dict[str, Any], expected: tuple[PageStatus, str]) -> None:
    snap = _build(_page(**fields))
    assert (snap.status, snap.status_raw) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://status.acme.test/", "https://status.acme.test"),  # no trailing slash
        ("https://status.acme.BOX/feed/json", "https://status.acme.BOX"),
        (FEED + "?ref=/feed/json", OPEN),  # cut at the first /feed/json
        (None, ""),  # no address: none is made up
    ],
)
def test_openstatus_page_address(url: str | None, expected: str) -> None:
    page = _build(_page(), url).page
    assert (page.id, page.url) == (expected, expected)


# --- components -------------------------------------------------------------------------------


def test_openstatus_component_fields() -> None:
    data = _page(
        monitors=[{"id": 101, "name": "API", "status": "degraded"}],
        pageComponents=[
            {
                "id": 1,
                "name": "API",
                "description": "Public REST API",
                "monitorId": 101,
                "order": 5,
                "groupId": 10,
            },
            {"name": "No id", "order": 6},  # no id: not a component
            # Component ids are not monitor ids: no monitorId, no monitor's state.
            {"id": 101, "name": "Static"},
        ],
        # A component without a group joins none.
        pageComponentGroups=[{"id": 10, "name": "Core"}, {"id": 11, "name": "Edge"}],
    )
    snap = _build(data)
    assert [
        (c.id, c.name, c.status, c.status_raw, c.group_id, c.description, c.position)
        for c in snap.components
    ] == [
        ("1", "API", ComponentStatus.DEGRADED_PERFORMANCE, "degraded", "10", "Public REST API", 5),
        # No order: the row's place in the list (the third row).
        ("101", "Static", ComponentStatus.OPERATIONAL, "operational", None, None, 3),
    ]
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [
        ("10", "Core", ("1",)),
        ("11", "Edge", ()),
    ]


def test_openstatus_monitors_only_page() -> None:
    # Docstring: monitors are deprecated; a page listing only them reads them as components.
    data = _page(monitors=[{"id": 101, "name": "API", "status": "degraded"}])
    del data["pageComponents"]
    snap = _build(data)
    assert [(c.id, c.name, c.status, c.status_raw, c.position) for c in snap.components] == [
        ("101", "API", ComponentStatus.DEGRADED_PERFORMANCE, "degraded", 1)
    ]


# --- maintenances -----------------------------------------------------------------------------


def test_openstatus_maintenance_starting_at_the_document_time() -> None:
    # A window starting at the document's time is under way; no name: its title; no
    # updatedAt: its update is keyed by its start.
    row = {"id": 3, "title": "Network work", "from": BUILT, "to": "2026-08-20T11:00:00.000Z"}
    row["pageComponents"] = [1]
    snap = _build(_page(pageComponents=[{"id": 1, "name": "API"}], maintenances=[row]))
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.name, maintenance.status, maintenance.status_raw) == (
        "maintenance-3",
        "Network work",
        IncidentStatus.IN_PROGRESS,
        "in_progress",
    )
    assert (maintenance.created_at, maintenance.started_at, maintenance.resolved_at) == (
        _at(10),
        _at(10),
        None,
    )
    assert [(u.id, u.created_at) for u in maintenance.updates] == [
        (f"in_progress-{BUILT}", _at(10))
    ]
    # Without a monitor, the component it names is under maintenance.
    assert [(c.status, c.status_raw) for c in snap.components] == [
        (ComponentStatus.UNDER_MAINTENANCE, "under_maintenance")
    ]


# --- status reports ---------------------------------------------------------------------------


def _post(post_id: int | None, status: str | None, minute: int | None, **more: Any) -> Any:
    when = None if minute is None else f"2026-08-20T09:{minute:02d}:00.000Z"
    return {"id": post_id, "status": status, "message": "Words", "date": when} | more


def test_openstatus_report_fields() -> None:
    reports = [
        {
            "id": 1,
            "title": "Outage",
            "status": "resolved",
            "statusReportUpdates": [
                _post(None, "investigating", 1),  # no id: not a post
                _post(9, "investigating", None),  # no date: not a post
                _post(12, "resolved", 20),
                _post(10, "investigating", 0, updatedAt="2026-08-20T09:30:00.000Z"),
                _post(11, "identified", 10),
            ],
        },
        # The report's own word first, then its last post's.
        {"id": 2, "status": "monitoring", "statusReportUpdates": [_post(20, "identified", 5)]},
        {"id": 3, "statusReportUpdates": [_post(30, "identified", 5)]},
        # A post without a word is an update.
        {"id": 4, "statusReportUpdates": [_post(40, None, 5)]},
        # No word and no post: investigating, since the report's updatedAt.
        {"id": 5, "updatedAt": "2026-08-20T08:00:00.000Z"},
        {"title": "No id", "statusReportUpdates": [_post(60, "investigating", 5)]},
        {"id": 7, "title": "No time"},
    ]
    snap = _build(_page(statusReports=reports))
    assert [
        (i.id, i.status, i.status_raw, i.impact, i.created_at, i.resolved_at)
        for i in snap.incidents
    ] == [
        ("1", IncidentStatus.RESOLVED, "resolved", Impact.NONE, _at(9), _at(9, 20)),
        ("2", IncidentStatus.MONITORING, "monitoring", Impact.MINOR, _at(9, 5), None),
        ("3", IncidentStatus.IDENTIFIED, "identified", Impact.MINOR, _at(9, 5), None),
        ("4", IncidentStatus.INVESTIGATING, "", Impact.MINOR, _at(9, 5), None),
        ("5", IncidentStatus.INVESTIGATING, "", Impact.MINOR, _at(8), None),
    ]
    first, _, _, fourth, _ = snap.incidents
    # Oldest first; a post edited later keeps its date and says when it was edited.
    assert [(u.id, u.status, u.created_at, u.display_at) for u in first.updates] == [
        ("10", IncidentStatus.INVESTIGATING, _at(9, 30), _at(9)),
        ("11", IncidentStatus.IDENTIFIED, _at(9, 10), _at(9, 10)),
        ("12", IncidentStatus.RESOLVED, _at(9, 20), _at(9, 20)),
    ]
    assert [(u.id, u.status, u.status_raw) for u in fourth.updates] == [
        ("40", IncidentStatus.UPDATE, "")
    ]
