"""Maintenance windows read from small hand-made documents: Uptime Kuma and Cachet schedules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from custom_components.status_tracker.client import (
    Impact,
    Incident,
    IncidentStatus,
    Snapshot,
    detect_changes,
)
from custom_components.status_tracker.client.platforms import platform_for

KUMA = "https://kuma.example.org/status/demo"
CACHET = "https://status.example.org/api/v1/schedules"
START = "2026-06-22 04:00:00"


def _at(hour: int, day: int = 22) -> datetime:
    return datetime(2026, 6, day, hour, tzinfo=UTC)


def _kuma(*maintenances: dict[str, Any]) -> Snapshot:
    page = {"config": {"title": "Demo"}, "publicGroupList": [], "maintenanceList": [*maintenances]}
    return platform_for("uptimekuma").build(page, KUMA)


def _window(start: str = START, **row: Any) -> dict[str, Any]:
    slot = {"startDate": start, "endDate": "2026-06-22 05:00:00"}
    return {"id": 3, "timeslotList": [slot], **row}


# --- Uptime Kuma ------------------------------------------------------------------------------


def test_uptimekuma_maintenance_under_way() -> None:
    row = _window(
        title="Database upgrade",
        description="<p>A short <b>downtime</b>.</p>",
        status="under-maintenance",
    )
    (maintenance,) = _kuma(row).maintenances
    assert (maintenance.id, maintenance.name, maintenance.is_maintenance) == (
        "maintenance-3",
        "Database upgrade",
        True,
    )
    assert (maintenance.status, maintenance.status_raw) == (
        IncidentStatus.IN_PROGRESS,
        "under-maintenance",
    )
    # The page rates no impact: a maintenance is one, with no word of the page's own.
    assert (maintenance.impact, maintenance.impact_raw) == (Impact.MAINTENANCE, "")
    # Times carry no zone: read as UTC. Under way since the slot's start, until its end.
    assert (maintenance.created_at, maintenance.started_at) == (_at(4), _at(4))
    assert (maintenance.scheduled_for, maintenance.scheduled_until) == (_at(4), _at(5))
    (update,) = maintenance.updates
    assert (update.status, update.status_raw, update.body) == (
        IncidentStatus.IN_PROGRESS,
        "under-maintenance",
        "A short downtime.",
    )
    assert (update.created_at, update.display_at) == (_at(4), _at(4))


def test_uptimekuma_maintenance_states() -> None:
    snap = _kuma(
        _window(id=1, status="scheduled"),
        _window(id=2, status="ended"),
        _window(id=3, status="inactive"),
        _window(id=4),
    )
    assert [(m.name, m.status, m.status_raw, m.started_at) for m in snap.maintenances] == [
        # Named by their id when they have no title; only one under way has started.
        ("1", IncidentStatus.SCHEDULED, "scheduled", None),
        ("2", IncidentStatus.COMPLETED, "ended", None),
        ("3", IncidentStatus.UNKNOWN, "inactive", None),
        ("4", IncidentStatus.UNKNOWN, "unknown", None),
    ]


def test_uptimekuma_maintenance_without_an_id_or_a_readable_slot_start_is_left_out() -> None:
    snap = _kuma(
        _window(id=None, title="No id"),
        _window(id=5, start="not a date", title="Unreadable start"),
        _window(id=6, title="Kept"),
    )
    assert [m.name for m in snap.maintenances] == ["Kept"]


def _manual(**row: Any) -> dict[str, Any]:
    """A switched-on manual maintenance as 2.x ``toPublicJSON`` gives it: no slot."""
    return {
        "id": 9,
        "title": "Network work",
        "description": "Switched on by hand.",
        "strategy": "manual",
        "active": True,
        "dateRange": [None],
        "weekdays": [],
        "daysOfMonth": [],
        "timeslotList": [],
        "cron": "",
        "timezone": "UTC",
        "timezoneOffset": "+00:00",
        "status": "under-maintenance",
        **row,
    }


def test_uptimekuma_manual_maintenance_is_in_progress_since_the_page_was_read() -> None:
    before = datetime.now(UTC)
    (maintenance,) = _kuma(_manual()).maintenances
    after = datetime.now(UTC)
    assert (maintenance.id, maintenance.name) == ("maintenance-9", "Network work")
    assert (maintenance.status, maintenance.status_raw) == (
        IncidentStatus.IN_PROGRESS,
        "under-maintenance",
    )
    # The page gives no start (it shows "Manual"): on since we read the page; no window.
    assert before <= maintenance.created_at <= after
    assert maintenance.started_at == maintenance.created_at
    assert (maintenance.scheduled_for, maintenance.scheduled_until) == (None, None)
    (update,) = maintenance.updates
    assert (update.id, update.status, update.body) == (
        "under-maintenance",
        IncidentStatus.IN_PROGRESS,
        "Switched on by hand.",
    )
    assert update.created_at == update.display_at == maintenance.created_at
    # A start date left over in dateRange is not its start; a row with no slot list is read alike.
    (stale,) = _kuma(_manual(dateRange=["2020-01-01 00:00:00"])).maintenances
    assert stale.created_at >= after
    (bare,) = _kuma({"id": 2, "status": "under-maintenance"}).maintenances
    assert (bare.name, bare.status) == ("2", IncidentStatus.IN_PROGRESS)


def test_uptimekuma_manual_maintenance_read_again_is_no_news() -> None:
    # Read at two times: the same one update, so nothing fires again.
    assert _new_updates(_kuma(_manual()), _kuma(_manual())) == []


def _new_updates(before: Snapshot, after: Snapshot) -> list[tuple[str, IncidentStatus]]:
    seen = detect_changes(None, before).seen
    return [(n.incident.id, n.update.status) for n in detect_changes(seen, after).new_updates]


def test_uptimekuma_maintenance_next_slot_or_new_state_is_a_new_update() -> None:
    first = _kuma(_window(status="scheduled"))
    assert _new_updates(first, _kuma(_window(status="scheduled"))) == []
    # A recurring maintenance's next slot (same state, a later start) is news.
    later = _kuma(_window(start="2026-06-29 04:00:00", status="scheduled"))
    assert _new_updates(first, later) == [("maintenance-3", IncidentStatus.SCHEDULED)]
    started = _kuma(_window(status="under-maintenance"))
    assert _new_updates(first, started) == [("maintenance-3", IncidentStatus.IN_PROGRESS)]


# --- Cachet schedules -------------------------------------------------------------------------


def _schedules(*rows: dict[str, Any]) -> tuple[Incident, ...]:
    document = {"meta": {"pagination": {"total": len(rows)}}, "data": [*rows]}
    return platform_for("cachet").build(document, CACHET).maintenances


def _schedule(schedule_id: object, **row: Any) -> dict[str, Any]:
    return {
        "id": schedule_id,
        "name": f"Schedule {schedule_id}",
        "message": "Planned work",
        "scheduled_at": "2026-07-01 02:00:00",
        "completed_at": "2026-07-01 03:00:00",
        **row,
    }


def test_cachet_upcoming_schedule_has_neither_started_nor_ended() -> None:
    (upcoming,) = _schedules(_schedule(1, status=0))
    assert (upcoming.status, upcoming.started_at, upcoming.resolved_at) == (
        IncidentStatus.SCHEDULED,
        None,
        None,
    )
    # ``completed_at`` is the planned end.
    assert (upcoming.scheduled_for, upcoming.scheduled_until) == (
        datetime(2026, 7, 1, 2, tzinfo=UTC),
        datetime(2026, 7, 1, 3, tzinfo=UTC),
    )
    (complete,) = _schedules(_schedule(2, status=2))
    assert (complete.status, complete.resolved_at) == (
        IncidentStatus.COMPLETED,
        datetime(2026, 7, 1, 3, tzinfo=UTC),
    )


def test_cachet_schedule_of_another_or_no_status_is_unknown() -> None:
    other, missing, worded = _schedules(
        _schedule(1, status=7), _schedule(2), _schedule(3, status="soon")
    )
    assert [(s.status, s.status_raw) for s in (other, missing, worded)] == [
        (IncidentStatus.UNKNOWN, "7"),
        (IncidentStatus.UNKNOWN, ""),
        (IncidentStatus.UNKNOWN, "soon"),
    ]
    # Not known to be complete: not resolved, though a planned end is given.
    assert [s.resolved_at for s in (other, missing, worded)] == [None, None, None]


def test_cachet_schedule_without_a_start_or_an_id_is_left_out() -> None:
    kept = _schedules(
        _schedule(1, status=0, scheduled_at=None),
        _schedule(2, status=0, scheduled_at="soon"),
        _schedule(None, status=0),
        _schedule(4, status=0),
    )
    assert [s.id for s in kept] == ["schedule-4"]
