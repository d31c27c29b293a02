"""status.io documents read field by field: small hand-made documents shaped as the public
status API's (``result.status_overall``, ``status[]``, ``incidents[]``,
``maintenance.active/upcoming``)."""

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
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.statusio import parse_statusio
from tests.status_page_server import json_bytes


def _read(result: dict[str, Any]) -> Snapshot:
    """The snapshot of a document with ``result`` (an operational page unless it says else)."""
    body = {"result": {"status_overall": {"status_code": 100, "status": "Operational"}, **result}}
    return parse_statusio(json_bytes(body))


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2020, 9, 5, hour, minute, tzinfo=UTC)


def test_refusal_names_what_is_missing() -> None:
    with pytest.raises(StatusPageContentError) as error:
        parse_statusio(json_bytes({"result": {"status": []}}))
    assert str(error.value) == "Not a status.io status document: no 'result.status_overall'"


def test_page_without_url_code_or_words() -> None:
    snap = parse_statusio(json_bytes({"result": {"status_overall": {}}}))
    assert (snap.page.id, snap.page.name, snap.page.url, snap.page.updated_at) == ("", "", "", None)
    assert (snap.status, snap.status_raw, snap.description) == (PageStatus.UNKNOWN, "unknown", "")
    assert (snap.components, snap.incidents, snap.maintenances) == ((), (), ())


@pytest.mark.parametrize(
    ("code", "raw"),
    [
        (100000, "100000"),  # any number is kept as sent
        ("99999", "99999"),  # a digit string of up to five digits is read as a number
        ("100000", "unknown"),  # a longer one is not (int() is never run on a long text)
        (-100, "-100"),
    ],
)
def test_codes_status_io_does_not_list_stay_raw(code: object, raw: str) -> None:
    body = {"result": {"status_overall": {"status_code": code}}}
    snap = parse_statusio(json_bytes(body))
    assert (snap.status, snap.status_raw) == (PageStatus.UNKNOWN, raw)


def test_component_without_code_reads_unknown() -> None:
    (component,) = _read({"status": [{"id": "c1", "name": "API"}]}).components
    assert (component.status, component.status_raw) == (ComponentStatus.UNKNOWN, "unknown")


def test_incident_fields() -> None:
    snap = _read(
        {
            "incidents": [
                {  # opened before its first message: the opening time is the start
                    "_id": "a",
                    "name": "Login errors",
                    "datetime_open": "2020-09-05T08:30:00.000Z",
                    "messages": [
                        {"datetime": "2020-09-05T09:00:00.000Z", "state": 100, "status": 300},
                    ],
                },
                {  # keyed "id" (as components are); no opening time: the first message's
                    "id": "b",
                    "name": "Slow builds",
                    "messages": [
                        {"datetime": "2020-09-05T11:00:00.000Z", "details": "Later"},
                        {"datetime": "2020-09-05T10:00:00.000Z", "state": 400, "status": 500},
                        {"datetime": "2020-09-05T10:30:00.000Z", "state": "300", "status": 400},
                    ],
                },
                {"_id": "c", "datetime_open": "2020-09-05T07:00:00.000Z"},  # no messages yet
                {"name": "No id", "datetime_open": "2020-09-05T07:00:00.000Z"},  # skipped
                {"_id": "d", "name": "No time", "messages": [{"state": 100}]},  # skipped
            ]
        }
    )
    a, b, c = snap.incidents
    assert (a.id, a.name, a.created_at, a.started_at) == (
        "a",
        "Login errors",
        _at(8, 30),
        _at(8, 30),
    )
    assert (a.status, a.status_raw, a.impact, a.impact_raw) == (
        IncidentStatus.INVESTIGATING,
        "100",
        Impact.MINOR,
        "300",
    )
    assert (b.id, b.created_at, b.started_at, b.updated_at) == ("b", _at(10), _at(10), _at(11))
    # state 400 is not an incident state status.io names: unknown, kept raw; no state: "unknown".
    assert [(u.created_at, u.status, u.status_raw) for u in b.updates] == [
        (_at(10), IncidentStatus.UNKNOWN, "400"),
        (_at(10, 30), IncidentStatus.MONITORING, "300"),
        (_at(11), IncidentStatus.UNKNOWN, "unknown"),
    ]
    assert (b.status, b.status_raw, b.impact, b.impact_raw) == (
        IncidentStatus.UNKNOWN,
        "unknown",
        Impact.CRITICAL,
        "500",
    )
    assert (c.id, c.name, c.created_at, c.updated_at, c.updates) == ("c", "c", _at(7), None, ())
    assert (c.status, c.status_raw, c.impact, c.impact_raw) == (
        IncidentStatus.INVESTIGATING,
        "",
        Impact.UNKNOWN,
        "",
    )


def test_messages_oldest_first_by_their_time_and_one_time_twice_kept() -> None:
    messages = [
        {"datetime": "2020-09-05T09:00:00Z", "details": "nine"},
        {"datetime": "2020-09-05T10:00:00+02:00", "details": "eight"},  # 08:00 UTC
        {"datetime": "2020-09-05T09:00:00Z", "details": "nine again"},
    ]
    snap = _read({"incidents": [{"_id": "i", "messages": messages}]})
    (incident,) = snap.incidents
    assert [(u.id, u.body, u.created_at) for u in incident.updates] == [
        ("2020-09-05T10:00:00+02:00", "eight", _at(8)),
        ("2020-09-05T09:00:00Z", "nine", _at(9)),
        ("2020-09-05T09:00:00Z#2", "nine again", _at(9)),
    ]


def test_upcoming_maintenances_are_scheduled() -> None:
    window = {
        "name": "Database upgrade",
        "datetime_planned_start": "2020-09-05T22:00:00.000Z",
        "datetime_planned_end": "2020-09-05T23:00:00.000Z",
        "components_affected": [{"_id": "x", "name": "Database"}],
        "messages": [{"datetime": "2020-09-05T12:00:00.000Z", "state": 100, "details": "Soon"}],
    }
    snap = _read(
        {
            "maintenance": {
                "active": [],
                "upcoming": [
                    {"_id": "m1", **window},
                    {"id": "m2", **window},  # keyed "id", as components are
                    window,  # no id: skipped
                ],
            }
        }
    )
    assert [m.id for m in snap.maintenances] == ["m1", "m2"]
    for m in snap.maintenances:
        assert (m.name, m.status, m.status_raw, m.impact, m.impact_raw) == (
            "Database upgrade",
            IncidentStatus.SCHEDULED,
            "upcoming",
            Impact.MAINTENANCE,
            "200",
        )
        assert (m.is_maintenance, m.started_at, m.created_at) == (True, None, _at(22))
        assert (m.scheduled_for, m.scheduled_until) == (_at(22), _at(23))
        assert m.components == ("Database",)
        assert [(u.status, u.status_raw, u.body) for u in m.updates] == [
            (IncidentStatus.SCHEDULED, "100", "Soon")
        ]


def test_active_maintenance_posts_from_the_planned_start_report_the_work() -> None:
    row = {
        "id": "w",
        "datetime_planned_start": "2020-09-05T10:00:00.000Z",
        "messages": [
            {"datetime": "2020-09-05T09:00:00.000Z", "state": 100},
            {"datetime": "2020-09-05T10:00:00.000Z", "state": 200},  # exactly at the start
            {"datetime": "2020-09-05T11:00:00.000Z", "state": 200},
        ],
    }
    (window,) = _read({"maintenance": {"active": [row]}}).maintenances
    assert (window.id, window.status, window.status_raw) == (
        "w",
        IncidentStatus.IN_PROGRESS,
        "active",
    )
    assert (window.started_at, window.created_at, window.updated_at) == (_at(10), _at(10), _at(11))
    assert [u.status for u in window.updates] == [
        IncidentStatus.SCHEDULED,
        IncidentStatus.IN_PROGRESS,
        IncidentStatus.IN_PROGRESS,
    ]
