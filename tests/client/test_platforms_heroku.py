"""Heroku ``current-status``: small hand-made documents shaped as the real API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import (
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    PageStatus,
)
from custom_components.status_tracker.client.platforms.heroku import heroku_snapshot, is_heroku

_SYSTEMS = [{"system": "Apps", "status": "green"}]


def _at(minute: int) -> str:
    return f"2024-05-01T10:{minute:02d}:00Z"


def _when(minute: int) -> datetime:
    return datetime(2024, 5, 1, 10, minute, tzinfo=UTC)


def _incidents(*rows: dict[str, Any]) -> tuple[Incident, ...]:
    return heroku_snapshot({"status": _SYSTEMS, "incidents": list(rows)}).incidents


def _maintenances(*rows: dict[str, Any]) -> tuple[Incident, ...]:
    document = {"status": _SYSTEMS, "incidents": [], "scheduled": list(rows)}
    return heroku_snapshot(document).maintenances


def _update(
    uid: int | None, minute: int, kind: str | None = "update", **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {"created_at": _at(minute), "contents": "text", **extra}
    if uid is not None:
        row["id"] = uid
    if kind is not None:
        row["update_type"] = kind
    return row


def test_heroku_needs_system_rows() -> None:
    document = {"status": [{"name": "Apps", "status": "green"}], "incidents": []}
    assert not is_heroku(document)
    with pytest.raises(StatusPageContentError) as error:
        heroku_snapshot(document)
    assert str(error.value).startswith("Not a Heroku current-status document")


def test_heroku_without_named_systems_is_unknown() -> None:
    snap = heroku_snapshot({"status": [{"system": ""}], "incidents": []})
    assert (snap.components, snap.status, snap.status_raw) == ((), PageStatus.UNKNOWN, "")


def test_heroku_system_without_colour() -> None:
    snap = heroku_snapshot({"status": [{"system": "Apps"}], "incidents": []})
    (apps,) = snap.components
    assert (apps.status, apps.status_raw) == (ComponentStatus.UNKNOWN, "")
    assert snap.status_raw == ""


def test_heroku_created_falls_back_to_the_oldest_update() -> None:
    undated = {"id": 1, "updates": [_update(12, 30), _update(11, 20), _update(10, 10)]}
    dated = {"id": 2, "created_at": _at(5), "updates": [_update(20, 15)]}
    first, second = _incidents(undated, dated)
    assert (first.id, first.created_at, first.started_at) == ("1", _when(10), _when(10))
    assert (second.id, second.created_at) == ("2", _when(5))
    # No updated_at: the newest update's time.
    assert first.updated_at == _when(30)


def test_heroku_item_without_id_or_time_is_dropped() -> None:
    assert _incidents({"created_at": _at(1), "title": "no id"}, {"id": 3}) == ()


def test_heroku_bare_incident() -> None:
    (incident,) = _incidents({"id": 4, "created_at": _at(1)})
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "")
    assert (incident.updated_at, incident.resolved_at) == (None, None)
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "")


def test_heroku_state_is_trusted_over_the_resolved_flag() -> None:
    lagging = {
        "id": 5,
        "created_at": _at(1),
        "state": "resolved",
        "resolved": False,
        "resolved_at": _at(40),
        "updates": [_update(51, 20)],
    }
    still_open = {"id": 6, "created_at": _at(1), "state": "open", "resolved": True}
    (done, ongoing) = _incidents(lagging, still_open)
    assert (done.status, done.status_raw) == (IncidentStatus.RESOLVED, "resolved")
    assert done.resolved_at == _when(40)
    assert (ongoing.status, ongoing.resolved_at) == (IncidentStatus.INVESTIGATING, None)


def test_heroku_resolved_flag_without_state() -> None:
    flagged = {"id": 7, "created_at": _at(1), "resolved": True, "updates": [_update(71, 20)]}
    unflagged = {"id": 8, "created_at": _at(1), "resolved": False, "updates": [_update(81, 20)]}
    (done, ongoing) = _incidents(flagged, unflagged)
    assert done.status is IncidentStatus.RESOLVED
    assert done.resolved_at == _when(20)
    assert ongoing.status is IncidentStatus.INVESTIGATING


def test_heroku_latest_update_sets_the_status() -> None:
    watching = {
        "id": 9,
        "created_at": _at(1),
        "state": "open",
        "updates": [_update(91, 5, "monitoring")],
    }
    closed = {
        "id": 10,
        "created_at": _at(1),
        "state": "open",
        "updates": [_update(101, 5, "resolved")],
    }
    (monitoring, resolved) = _incidents(watching, closed)
    assert monitoring.status is IncidentStatus.MONITORING
    assert resolved.status is IncidentStatus.RESOLVED


def test_heroku_maintenance_states() -> None:
    upcoming = {"id": 11, "created_at": _at(1), "state": "upcoming"}
    under_way = {"id": 12, "created_at": _at(1), "updates": [_update(121, 5, "maintenance")]}
    finished = {"id": 13, "created_at": _at(1), "updates": [_update(131, 5, "resolved")]}
    (scheduled, running, done) = _maintenances(upcoming, under_way, finished)
    assert scheduled.status is IncidentStatus.SCHEDULED
    assert running.status is IncidentStatus.IN_PROGRESS
    assert done.status is IncidentStatus.COMPLETED
    assert {m.impact for m in (scheduled, running, done)} == {Impact.MAINTENANCE}


def test_heroku_impact_is_the_worst_colour_of_item_and_updates() -> None:
    rows = [
        {"id": 20, "created_at": _at(1), "status_prod": "red", "status_dev": "green"},
        {"id": 21, "created_at": _at(1), "status_prod": "green", "status_dev": "yellow"},
        {
            "id": 22,
            "created_at": _at(1),
            "updates": [_update(1, 5, status_prod="red", status_dev="green")],
        },
        {
            "id": 23,
            "created_at": _at(1),
            "updates": [_update(2, 5, status_prod="green", status_dev="yellow")],
        },
    ]
    impacts = [(i.id, i.impact) for i in _incidents(*rows)]
    assert impacts == [
        ("20", Impact.CRITICAL),
        ("21", Impact.MINOR),
        ("22", Impact.CRITICAL),
        ("23", Impact.MINOR),
    ]


def test_heroku_raw_impact_is_the_word_of_the_worst_colour() -> None:
    rows = [
        # The item says yellow, a later update red: red is the impact, and its word.
        {
            "id": 24,
            "created_at": _at(1),
            "status_prod": "yellow",
            "status_dev": "green",
            "updates": [_update(3, 5, status_prod="red", status_dev="yellow")],
        },
        # Green first, then maintenance's blue: blue is worse than green.
        {
            "id": 25,
            "created_at": _at(1),
            "updates": [_update(4, 5, status_prod="green", status_dev="blue")],
        },
    ]
    assert [(i.id, i.impact, i.impact_raw) for i in _incidents(*rows)] == [
        ("24", Impact.CRITICAL, "red"),
        ("25", Impact.MAINTENANCE, "blue"),
    ]
    # A maintenance is one whatever its colours; its raw impact is their worst word.
    (maintenance,) = _maintenances(
        {"id": 26, "created_at": _at(1), "status_prod": "green", "status_dev": "blue"}
    )
    assert (maintenance.impact, maintenance.impact_raw) == (Impact.MAINTENANCE, "blue")


def test_heroku_updates_are_ordered_by_time() -> None:
    # Sent newest first; id 10 is newer than id 9, so text order would swap them.
    (incident,) = _incidents(
        {"id": 30, "created_at": _at(1), "updates": [_update(10, 20), _update(9, 10)]}
    )
    assert [u.id for u in incident.updates] == ["9", "10"]


def test_heroku_update_without_id_or_type() -> None:
    same_time = [
        _update(None, 10, None, contents="later"),
        _update(None, 10, "issue", contents="first"),
    ]
    (incident,) = _incidents({"id": 31, "created_at": _at(1), "updates": same_time})
    assert [(u.id, u.status_raw) for u in incident.updates] == [
        (_at(10), ""),
        (f"{_at(10)}#2", "issue"),
    ]
