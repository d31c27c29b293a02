"""Instatus summaries field by field, from small hand-made documents.

The captured payloads (the docs example, the golden test) hold no page id or time, no
missing words, no resolved incident and no finished maintenance; these documents, shaped
as the summary the module docstring describes, fill the gaps.
"""

from __future__ import annotations

from datetime import UTC, datetime
import json
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
from custom_components.status_tracker.client.platforms.instatus import parse_instatus

_STARTED = "2026-09-14T08:00:00.000Z"
_UPDATED = "2026-09-14T08:45:00.000Z"
_T_STARTED = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)
_T_UPDATED = datetime(2026, 9, 14, 8, 45, tzinfo=UTC)


def _parse(page: dict[str, Any] | None = None, **arrays: Any) -> Snapshot:
    body = {"page": page or {"name": "Zed", "url": "https://status.zed.dev", "status": "UP"}}
    return parse_instatus(json.dumps(body | arrays).encode())


# --- the page ---------------------------------------------------------------------------------


def test_page_id_and_time_are_read_when_sent() -> None:
    snap = _parse(
        {
            "id": "pg-7",
            "name": "Zed",
            "url": "https://status.zed.dev/",
            "status": "UP",
            "updatedAt": _UPDATED,
        }
    )
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "pg-7",
        "Zed",
        "https://status.zed.dev",
    )
    assert snap.page.updated_at == _T_UPDATED


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # No id: the address stands in; no address either: the name.
        ({"name": "Zed", "status": "UP"}, ("Zed", "Zed", "")),
        ({"url": "https://status.zed.dev", "status": "UP"}, ("https://status.zed.dev",) * 3),
        # Only the trailing slash goes, whatever the address ends in.
        ({"url": "https://acme.example/BOX/", "status": "UP"}, ("https://acme.example/BOX",) * 3),
    ],
)
def test_page_without_id_or_address(page: dict[str, Any], expected: tuple[str, str, str]) -> None:
    snap = _parse(page)
    assert (snap.page.id, snap.page.name, snap.page.url) == expected
    assert snap.page.updated_at is None


def _component(status: str) -> dict[str, str]:
    return {"id": "c1", "name": "API", "status": status}


@pytest.mark.parametrize(
    ("page_status", "components", "expected"),
    [
        # Without a page word (the arrays still mark the summary): unknown, raw "unknown".
        (None, [], (PageStatus.UNKNOWN, "unknown")),
        ("SOMETHING_NEW", [], (PageStatus.UNKNOWN, "SOMETHING_NEW")),
        # HASISSUES is at least degraded, whatever the components say ...
        ("HASISSUES", [_component("OPERATIONAL")], (PageStatus.DEGRADED, "HASISSUES")),
        ("HASISSUES", [_component("UNDERMAINTENANCE")], (PageStatus.DEGRADED, "HASISSUES")),
        ("HASISSUES", [_component("DEGRADEDPERFORMANCE")], (PageStatus.DEGRADED, "HASISSUES")),
        # ... and as bad as the worst of them.
        ("HASISSUES", [_component("PARTIALOUTAGE")], (PageStatus.PARTIAL_OUTAGE, "HASISSUES")),
        ("UNDERMAINTENANCE", [], (PageStatus.MAINTENANCE, "UNDERMAINTENANCE")),
    ],
)
def test_page_status(
    page_status: str | None, components: list[dict[str, str]], expected: tuple[PageStatus, str]
) -> None:
    page = {"name": "Zed"} | ({"status": page_status} if page_status else {})
    snap = _parse(page, activeIncidents=[], components=components)
    assert (snap.status, snap.status_raw) == expected


@pytest.mark.parametrize(
    "body",
    [b"[]", b'{"page": {"name": "Zed"}}', b'{"page": "Zed", "activeIncidents": []}'],
)
def test_not_a_summary_says_so(body: bytes) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        parse_instatus(body)
    # The text reaches the user (the poll's "bad content" error names it).
    assert str(caught.value).startswith("Not an Instatus summary")


# --- components -------------------------------------------------------------------------------


def test_components_place_ids_and_skipped_rows() -> None:
    rows = [
        {"name": "API", "status": "OPERATIONAL"},
        {"status": "MAJOROUTAGE"},  # neither id nor name: cannot be told apart, skipped
        {"name": "Web", "status": "OPERATIONAL"},
        {
            "name": "Collaboration",
            "children": [
                {"name": "Calls", "status": "MAJOROUTAGE"},
                {"status": "MAJOROUTAGE"},
                {"id": "c-chat", "name": "Chat", "status": "OPERATIONAL"},
            ],
        },
    ]
    snap = _parse(components=rows)
    # Without ``order`` the place is the place in the list (in its group).
    assert [(c.id, c.name, c.group_id, c.position) for c in snap.components] == [
        ("API", "API", None, 1),
        ("Web", "Web", None, 3),
        ("Calls", "Calls", "Collaboration", 1),
        ("c-chat", "Chat", "Collaboration", 3),
    ]
    (group,) = snap.groups
    assert (group.id, group.name, group.component_ids) == (
        "Collaboration",
        "Collaboration",
        ("Calls", "c-chat"),
    )


def test_components_wrapped_in_an_object_are_read() -> None:
    wrapped = {"components": [{"id": "c1", "name": "API", "status": "DEGRADEDPERFORMANCE"}]}
    snap = _parse(components=wrapped)
    assert [(c.id, c.status, c.position) for c in snap.components] == [
        ("c1", ComponentStatus.DEGRADED_PERFORMANCE, 1)
    ]


# --- incidents --------------------------------------------------------------------------------


def _incident(**fields: Any) -> dict[str, Any]:
    return {"name": "API errors", "started": _STARTED} | fields


@pytest.mark.parametrize(
    ("row", "expected_id"),
    [
        ({"id": "cm1", "url": "https://zed.instatus.com/incident/other"}, "cm1"),
        # No id: the last part of the incident's URL, a trailing slash dropped.
        ({"url": "https://zed.instatus.com/incident/cm2/"}, "cm2"),
        ({"url": "https://zed.instatus.com/incident/cm3"}, "cm3"),
        ({"url": "https://zed.instatus.com/incident/CM4BOX"}, "CM4BOX"),
        ({"id": "", "url": "https://zed.instatus.com/incident/cm5"}, "cm5"),
        # Neither an id nor a URL with a last part: nothing to key it by, skipped.
        ({}, None),
        ({"url": "cm6"}, None),
        ({"url": ""}, None),
    ],
)
def test_incident_id(row: dict[str, Any], expected_id: str | None) -> None:
    snap = _parse(activeIncidents=[_incident(**row)], activeMaintenances=[_window(**row)])
    ids = [i.id for i in (*snap.incidents, *snap.maintenances)]
    assert ids == ([] if expected_id is None else [expected_id, expected_id])


def test_incident_without_a_time_is_skipped() -> None:
    snap = _parse(activeIncidents=[{"id": "cm1", "name": "No time", "status": "INVESTIGATING"}])
    assert snap.incidents == ()


def test_incident_without_words_keeps_unknown() -> None:
    snap = _parse(activeIncidents=[_incident(id="cm1")])
    (incident,) = snap.incidents
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "unknown")
    assert incident.updates[0].id == "unknown"
    assert incident.components == ()


def test_incident_names_its_components() -> None:
    components = [{"id": "c1", "name": "API"}, {"id": "c2"}, {"name": "Chat"}, "Web"]
    snap = _parse(activeIncidents=[_incident(id="cm1", components=components)])
    assert snap.incidents[0].components == ("API", "Chat")  # those with a name


def test_resolved_incident_ends_when_last_updated() -> None:
    row = _incident(id="cm1", status="RESOLVED", impact="MAJOROUTAGE", updatedAt=_UPDATED)
    (incident,) = _parse(activeIncidents=[row]).incidents
    assert (incident.status, incident.resolved_at) == (IncidentStatus.RESOLVED, _T_UPDATED)
    assert not incident.is_active
    (started_only,) = _parse(activeIncidents=[_incident(id="cm2", status="RESOLVED")]).incidents
    assert started_only.resolved_at == _T_STARTED  # no update time: the start stands in


# --- maintenances -----------------------------------------------------------------------------


def _window(**fields: Any) -> dict[str, Any]:
    return {"name": "DB upgrade", "start": _STARTED} | fields


def test_completed_maintenance_reads_its_update_time() -> None:
    row = _window(id="mt1", status="COMPLETED", duration="30", updatedAt=_UPDATED)
    (window,) = _parse(activeMaintenances=[row]).maintenances
    assert (window.status, window.status_raw) == (IncidentStatus.COMPLETED, "COMPLETED")
    assert (window.created_at, window.updated_at) == (_T_STARTED, _T_UPDATED)
    assert (window.started_at, window.resolved_at) == (_T_STARTED, _T_UPDATED)
    assert window.updates[0].display_at == _T_UPDATED
    assert window.scheduled_until == datetime(2026, 9, 14, 8, 30, tzinfo=UTC)


def test_maintenance_known_only_by_update_time() -> None:
    row = {"id": "mt1", "name": "DB upgrade", "status": "NOTSTARTEDYET", "updatedAt": _UPDATED}
    (window,) = _parse(activeMaintenances=[row]).maintenances
    assert (window.created_at, window.scheduled_for, window.scheduled_until) == (
        _T_UPDATED,
        None,
        None,
    )
    assert _parse(activeMaintenances=[{"id": "mt2", "name": "No time"}]).maintenances == ()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, (IncidentStatus.UNKNOWN, "unknown")),
        ("INPROGRESS", (IncidentStatus.IN_PROGRESS, "INPROGRESS")),
        # A word outside Instatus's three is read as any platform's word would be.
        ("SCHEDULED", (IncidentStatus.SCHEDULED, "SCHEDULED")),
        ("VERIFYING", (IncidentStatus.VERIFYING, "VERIFYING")),
    ],
)
def test_maintenance_status_words(status: str | None, expected: tuple[IncidentStatus, str]) -> None:
    row = _window(id="mt1") | ({"status": status} if status else {})
    (window,) = _parse(activeMaintenances=[row]).maintenances
    assert (window.status, window.status_raw) == expected
    assert window.updates[0].id == expected[1].lower()


@pytest.mark.parametrize("duration", [None, "", "soon", "-30", "99999999999999"])
def test_maintenance_without_a_usable_duration_has_no_end(duration: str | None) -> None:
    row = _window(id="mt1", status="NOTSTARTEDYET") | ({"duration": duration} if duration else {})
    (window,) = _parse(activeMaintenances=[row]).maintenances
    assert (window.scheduled_for, window.scheduled_until) == (_T_STARTED, None)


def test_a_summary_holding_only_maintenances_is_instatus_whatever_its_page_word() -> None:
    # Empty arrays are left out, so the maintenances alone mark the summary as Instatus's, even
    # with a page word this version does not know (a Statuspage page has no such array).
    page = {"name": "Zed", "url": "https://status.zed.dev", "status": "SOMETHINGNEW"}
    snap = _parse(page, activeMaintenances=[_window(id="mt1", status="INPROGRESS")])
    assert [(w.id, w.name) for w in snap.maintenances] == [("mt1", "DB upgrade")]
