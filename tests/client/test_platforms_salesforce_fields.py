"""Salesforce Trust instance previews the capture lacks, field by field.

The captured preview (tests/fixtures, ``salesforce_instances_status_preview_*``) has one
product per instance state and one open incident with one impact and no events. These
documents are shaped as its instances (``key``, ``status``, ``Products[]``, ``Incidents[]``,
``Maintenances[]``) and cover what the module docstring promises: a product as bad as the
worst instance that runs it, an incident once by its id, open while an impact has no
``endTime``, its impacts and events as its updates.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    PageStatus,
    Snapshot,
)
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.platforms.salesforce import (
    is_salesforce,
    salesforce_snapshot,
)

_URL = "https://api.status.salesforce.com/v1/instances/status/preview"


def _iso(hour: int, minute: int = 0) -> str:
    return f"2026-09-14T{hour:02}:{minute:02}:00.000Z"


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 9, 14, hour, minute, tzinfo=UTC)


def _instance(key: str, status: str | None, *products: str | None, **rows: Any) -> dict[str, Any]:
    return {
        "key": key,
        "status": status,
        "isActive": True,
        "Products": [{"order": 1} if p is None else {"key": p, "order": 1} for p in products],
        "Incidents": rows.get("incidents", []),
        "Maintenances": rows.get("maintenances", []),
    }


def _snapshot(*instances: dict[str, Any]) -> Snapshot:
    return salesforce_snapshot(list(instances), _URL)


def _incident(**fields: Any) -> Incident:
    row = {"id": 42, "createdAt": _iso(8), "IncidentImpacts": [], "IncidentEvents": []}
    (incident,) = _snapshot(
        _instance("NA1", "OK", "Sales_Cloud", incidents=[row | fields])
    ).incidents
    return incident


def test_a_product_is_as_bad_as_its_worst_instance() -> None:
    snap = _snapshot(
        # A product without a key is skipped, not the rest of its instance.
        _instance("NA1", "MINOR_INCIDENT_CORE", "Sales_Cloud", None, "Service_Cloud"),
        _instance("NA2", "MAJOR_INCIDENT_CORE", "Sales_Cloud"),
        # As bad as NA1 for Service Cloud: the first instance's word stays.
        _instance("NA3", "MINOR_INCIDENT_NONCORE", "Service_Cloud"),
        _instance("NA4", "OK", "Sales_Cloud"),  # better: does not hide NA2
        _instance("NA5", None, "Tableau"),  # no state word: unknown, raw word empty
    )
    assert [(c.id, c.name, c.status, c.status_raw) for c in snap.components] == [
        ("Sales_Cloud", "Sales Cloud", ComponentStatus.MAJOR_OUTAGE, "MAJOR_INCIDENT_CORE"),
        (
            "Service_Cloud",
            "Service Cloud",
            ComponentStatus.DEGRADED_PERFORMANCE,
            "MINOR_INCIDENT_CORE",
        ),
        ("Tableau", "Tableau", ComponentStatus.UNKNOWN, ""),
    ]
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "MAJOR_INCIDENT_CORE")


def test_an_empty_preview_is_a_quiet_page() -> None:
    snap = salesforce_snapshot([], _URL)
    assert (snap.status, snap.status_raw, snap.components) == (PageStatus.OPERATIONAL, "", ())


def test_only_an_array_of_instances_with_products_is_a_preview() -> None:
    assert is_salesforce([{"key": "NA1", "status": "OK", "Products": []}])
    assert not is_salesforce([{"key": "NA1", "status": "OK"}])
    assert not is_salesforce([{"Products": []}])
    with pytest.raises(StatusPageContentError) as err:
        salesforce_snapshot([{"hello": "world"}], _URL)
    assert str(err.value) == (
        "Not a Salesforce Trust instance preview: expected an array of instances"
    )


def test_incidents_once_each_newest_first_and_every_maintenance() -> None:
    older = {"id": 1, "createdAt": _iso(8), "instanceKeys": ["NA1"]}
    newer = {"id": 2, "createdAt": _iso(10), "instanceKeys": ["NA1", "NA2"]}
    undated = {"id": 3, "instanceKeys": ["NA1"]}
    nameless = {"createdAt": _iso(9)}
    window = {"plannedStartTime": _iso(22), "plannedEndTime": _iso(23)}
    snap = _snapshot(
        _instance(
            "NA1",
            "OK",
            "Sales_Cloud",
            incidents=[older, newer, undated, nameless],
            maintenances=[{"id": 900} | window, {"id": 901} | window],
        ),
        _instance(
            "NA2", "OK", "Sales_Cloud", incidents=[newer], maintenances=[{"id": 900} | window]
        ),
    )
    # An incident without an id or a creation time cannot be placed: skipped.
    assert [i.id for i in snap.incidents] == ["2", "1"]
    assert [m.id for m in snap.maintenances] == ["900", "901"]


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"message": {"rootCause": "<b>Disk</b> failure", "actionPlan": "Swap"}}, "Disk failure"),
        ({"message": {"rootCause": None, "actionPlan": "Swap &amp; rebuild"}}, "Swap & rebuild"),
        (
            {"message": {}, "instanceKeys": ["NA1", "NA2", "NA3", "NA4", "NA5", "NA6"]},
            "Incident 42 (NA1, NA2, NA3, NA4, NA5)",
        ),
        ({}, "Incident 42"),
    ],
    ids=["root_cause", "action_plan", "five_instances", "bare"],
)
def test_incident_name_is_its_root_cause_or_action_plan_or_its_instances(
    fields: dict[str, Any], name: str
) -> None:
    assert _incident(**fields).name == name


def test_closed_incident_reads_every_impact_and_event() -> None:
    incident = _incident(
        updatedAt=_iso(11, 30),
        IncidentImpacts=[
            {
                "id": 71,
                "startTime": _iso(8),
                "endTime": _iso(11),
                "type": "performanceDegradation",
                "severity": "minor",
                "createdAt": _iso(8, 30),
            },
            {
                "id": 72,
                "startTime": _iso(9),
                "endTime": _iso(10),
                "type": "serviceDisruption",
                "severity": "major",
                "createdAt": _iso(9, 5),
            },
            {
                "id": 73,
                "startTime": _iso(9, 30),
                "endTime": _iso(9, 45),
                "type": None,
                "severity": None,
                "createdAt": _iso(9, 35),
            },
        ],
        IncidentEvents=[
            {
                "id": 81,
                "type": "resolution",
                "message": "<p>Fixed &amp; monitoring.</p>",
                "createdAt": _iso(11, 5),
            },
            {"id": 82, "message": "No type given", "createdAt": _iso(10, 40)},
            {"id": 83, "type": "update", "message": "No time"},  # skipped
            {"type": "update", "message": "No id", "createdAt": _iso(10, 50)},  # skipped
        ],
    )
    assert (incident.status, incident.status_raw) == (IncidentStatus.RESOLVED, "closed")
    assert (incident.impact, incident.impact_raw) == (Impact.MAJOR, "minor,major")
    assert (incident.created_at, incident.updated_at) == (_at(8), _at(11, 30))
    # It started when its first impact did and ended when its last impact did.
    assert (incident.started_at, incident.resolved_at) == (_at(8), _at(11))
    resolved, update = IncidentStatus.RESOLVED, IncidentStatus.UPDATE
    assert [
        (u.id, u.status, u.status_raw, u.body, u.created_at, u.display_at) for u in incident.updates
    ] == [
        ("impact-71", resolved, "minor", "performanceDegradation", _at(8, 30), _at(8)),
        ("impact-72", resolved, "major", "serviceDisruption", _at(9, 5), _at(9)),
        ("impact-73", resolved, "", "", _at(9, 35), _at(9, 30)),
        ("event-82", update, "", "No type given", _at(10, 40), _at(10, 40)),
        ("event-81", update, "resolution", "Fixed & monitoring.", _at(11, 5), _at(11, 5)),
    ]


def test_an_incident_is_open_while_one_impact_has_no_end() -> None:
    incident = _incident(
        IncidentImpacts=[
            {"id": 71, "endTime": _iso(9), "severity": "minor", "createdAt": _iso(8)},
            {"id": 72, "endTime": None, "severity": "minor", "createdAt": _iso(9)},
        ],
    )
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "open")
    assert incident.resolved_at is None
    assert [(u.id, u.status) for u in incident.updates] == [
        ("impact-71", IncidentStatus.RESOLVED),
        ("impact-72", IncidentStatus.INVESTIGATING),
    ]
    # Without impacts or events it is open and started when it was created.
    bare = _incident()
    assert (bare.status, bare.started_at, bare.resolved_at) == (
        IncidentStatus.INVESTIGATING,
        _at(8),
        None,
    )
