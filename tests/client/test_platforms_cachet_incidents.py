"""Cachet 2.x/3.x incidents and their updates, read from small hand-made rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import Impact, Incident, IncidentStatus
from custom_components.status_tracker.client.platforms.cachet import cachet_snapshot

V1 = "https://status.example.org/api/v1/incidents"
T0 = "2024-05-01 10:00:00"
T1 = "2024-05-01 11:00:00"
T2 = "2024-05-01 12:00:00"


def _at(text: str) -> datetime:
    """Times carry no zone: read as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _all(document: dict[str, Any]) -> tuple[Incident, ...]:
    snap = cachet_snapshot(document, V1)
    return (*snap.incidents, *snap.maintenances)


def _one(**row: Any) -> Incident:
    (incident,) = _all({"data": [{"id": 7, "visible": 1, "name": "Down", **row}]})
    return incident


@pytest.mark.parametrize("key", ["occurred_at", "occurred", "created_at", "created"])
def test_cachet_incident_opened_at_its_first_date(key: str) -> None:
    incident = _one(status=1, **{key: T0})
    assert (incident.created_at, incident.started_at) == (_at(T0), _at(T0))


def test_cachet_incident_occurrence_comes_before_its_creation() -> None:
    incident = _one(status=1, occurred_at=T0, created_at=T1)
    assert incident.created_at == _at(T0)


def test_cachet_3x_dates_are_objects() -> None:
    incident = _one(
        status={"value": 1, "human": "Investigating"},
        occurred={"string": T0, "human": "an hour ago"},
        updated={"string": T1, "human": "now"},
    )
    assert (incident.created_at, incident.updated_at) == (_at(T0), _at(T1))


@pytest.mark.parametrize(
    "row",
    [
        {"status": 1},
        {"status": 1, "occurred_at": "soon"},
        {"status": 1, "id": None, "created_at": T0},
    ],
)
def test_cachet_incident_without_id_or_date_is_left_out(row: dict[str, Any]) -> None:
    assert _all({"data": [{"visible": 1, "name": "Down", "id": 7, **row}]}) == ()


@pytest.mark.parametrize(
    ("row", "status", "raw"),
    [
        ({"status": 2}, IncidentStatus.IDENTIFIED, "2"),
        ({"status": "3"}, IncidentStatus.MONITORING, "3"),
        # 2.x: the latest update's status is the incident's.
        ({"status": 1, "latest_status": 4}, IncidentStatus.RESOLVED, "4"),
        ({"status": 0, "latest_status": 2}, IncidentStatus.IDENTIFIED, "2"),
        ({"status": 7}, IncidentStatus.UNKNOWN, "7"),
        ({}, IncidentStatus.UNKNOWN, ""),
        ({"status": "fixed"}, IncidentStatus.UNKNOWN, "fixed"),
        # 3.x (rows with a guid): 0 is "reported", before any update.
        ({"guid": "a-b", "status": {"value": 0}}, IncidentStatus.INVESTIGATING, "0"),
        ({"guid": "a-b", "status": {"value": 2}}, IncidentStatus.IDENTIFIED, "2"),
        ({"status": 1, "is_resolved": True}, IncidentStatus.RESOLVED, "1"),
        ({"status": 1, "is_resolved": 1}, IncidentStatus.INVESTIGATING, "1"),
    ],
)
def test_cachet_incident_status(row: dict[str, Any], status: IncidentStatus, raw: str) -> None:
    incident = _one(created_at=T0, **row)
    assert (incident.status, incident.status_raw) == (status, raw)
    assert (incident.impact, incident.is_maintenance) == (Impact.MINOR, False)
    assert incident.resolved_at == (_at(T0) if status is IncidentStatus.RESOLVED else None)
    # Alone, the opening post carries the incident's status.
    assert (incident.updates[0].status, incident.updates[0].status_raw) == (status, raw)


@pytest.mark.parametrize("extra", [{}, {"guid": "9f1c"}])
def test_cachet_2x_maintenance_is_an_incident_in_status_0(extra: dict[str, Any]) -> None:
    row = {"id": 7, "visible": 1, "name": "Upgrade", "status": 0, "scheduled_at": T2, **extra}
    snap = cachet_snapshot({"data": [{**row, "created_at": T0}]}, V1)
    # Listed once, as a maintenance: not also read as a schedule.
    (incident,) = snap.maintenances
    assert (snap.incidents, incident.id) == ((), "7")
    assert (incident.status, incident.impact) == (IncidentStatus.SCHEDULED, Impact.MAINTENANCE)
    assert (incident.is_maintenance, incident.scheduled_for) == (True, _at(T2))


@pytest.mark.parametrize(
    "row",
    [
        {"status": 1, "scheduled_at": T2},
        {"status": 0},
        {"status": 0, "scheduled_at": "later"},
        # Cachet 2.4+ keeps maintenances as schedules; its incidents carry latest_status.
        {"status": 0, "latest_status": 0, "scheduled_at": T2},
    ],
)
def test_cachet_incident_is_no_maintenance_without_a_planned_start(row: dict[str, Any]) -> None:
    incident = _one(created_at=T0, **row)
    assert (incident.impact, incident.is_maintenance, incident.scheduled_for) == (
        Impact.MINOR,
        False,
        None,
    )


def test_cachet_incident_updates_in_time_order() -> None:
    updates = [
        {"id": 2, "status": 4, "message": "<p>Fixed</p>", "created_at": T2},
        {"id": 1, "status": "2", "message": "Found it", "created": T1},
        {"id": 3, "status": 3, "message": "no date"},
        {"status": 3, "message": "no id", "created_at": T1},
    ]
    incident = _one(status=4, created_at=T0, updated_at=T2, message="Opened", updates=updates)
    assert [(u.id, u.status, u.status_raw, u.body, u.created_at) for u in incident.updates] == [
        # The opening post is keyed "message"; later posts carry their own status.
        ("message", IncidentStatus.INVESTIGATING, "", "Opened", _at(T0)),
        ("1", IncidentStatus.IDENTIFIED, "2", "Found it", _at(T1)),
        ("2", IncidentStatus.RESOLVED, "4", "Fixed", _at(T2)),
    ]
    # Resolved at its last post.
    assert (incident.resolved_at, incident.updated_at) == (_at(T2), _at(T2))


@pytest.mark.parametrize(
    ("status", "expected"),
    [(7, IncidentStatus.UNKNOWN), (None, IncidentStatus.UNKNOWN), ("x", IncidentStatus.UNKNOWN)],
)
def test_cachet_update_of_an_unknown_status(status: object, expected: IncidentStatus) -> None:
    incident = _one(
        status=1, created_at=T0, updates=[{"id": 1, "status": status, "created_at": T1}]
    )
    assert incident.updates[1].status is expected


def _v3(update_attributes: dict[str, Any], ref: dict[str, Any] | None = None) -> dict[str, Any]:
    """A 3.x incidents list with its updates included (JSON:API)."""
    return {
        "data": [
            {
                "type": "incidents",
                "id": "7",
                "attributes": {
                    "guid": "9f1c",
                    "name": "Down",
                    "visible": 1,
                    "status": {"value": 2, "human": "Identified"},
                    "message": "Opened",
                    "occurred": {"string": T0, "human": "2 hours ago"},
                },
                "relationships": {
                    "updates": {"data": [ref or {"type": "incidentUpdates", "id": "70"}]}
                },
            }
        ],
        "included": [
            {"type": "incidentUpdates", "id": "70", "attributes": update_attributes},
            {"type": "other", "id": "71", "attributes": update_attributes},
        ],
    }


UPDATE = {"status": {"value": 4, "human": "Fixed"}, "message": "Fixed", "created": {"string": T1}}


def test_cachet_3x_incident_with_its_included_update() -> None:
    (incident,) = _all(_v3(UPDATE))
    assert (incident.id, incident.name, incident.status) == ("7", "Down", IncidentStatus.IDENTIFIED)
    assert [(u.id, u.status, u.body, u.created_at) for u in incident.updates] == [
        ("message", IncidentStatus.INVESTIGATING, "Opened", _at(T0)),
        ("70", IncidentStatus.RESOLVED, "Fixed", _at(T1)),
    ]


@pytest.mark.parametrize(
    "ref",
    [{"type": "incidentUpdates", "id": "72"}, {"type": "nothing", "id": "70"}, {"id": "70"}],
)
def test_cachet_3x_update_not_included_is_left_out(ref: dict[str, Any]) -> None:
    (incident,) = _all(_v3(UPDATE, ref))
    assert [u.id for u in incident.updates] == ["message"]
    assert incident.updates[0].status is IncidentStatus.IDENTIFIED
