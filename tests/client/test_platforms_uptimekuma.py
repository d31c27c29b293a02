"""Uptime Kuma read from small hand-made documents: incidents, beat states, refused documents."""

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
    SourceKind,
    StatusPageContentError,
    source_for,
)
from custom_components.status_tracker.client.platforms import platform_for
from custom_components.status_tracker.client.window import merge_parts

KUMA = "https://kuma.example.org/status/demo"
CREATED = "2026-06-20 08:30:00"
EDITED = "2026-06-21 09:15:00"


def _build(data: object, url: str | None = KUMA) -> Snapshot:
    return platform_for("uptimekuma").build(data, url)


def _page(**page: Any) -> Snapshot:
    return _build({"config": {"title": "Demo"}, "publicGroupList": [], **page})


def _one(row: dict[str, Any]) -> Incident:
    (incident,) = _page(incidents=[row]).incidents
    return incident


def _row(**row: Any) -> dict[str, Any]:
    """A 2.x incident as the page lists it (1.x: the same fields and ``pin``)."""
    return {"id": 7, "title": "Slow responses", "content": "Looking into it.", **row}


def _beats(*states: object) -> Snapshot:
    return _build({"heartbeatList": {str(n): [s] for n, s in enumerate(states, 1)}})


# --- Incidents --------------------------------------------------------------------------------


def test_uptimekuma_an_edited_incident_is_dated_by_its_edit() -> None:
    incident = _one(_row(style="info", createdDate=CREATED, lastUpdatedDate=EDITED, active=True))
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "active")
    # Only danger and warning rate an impact; any other style is none, kept as it is.
    assert (incident.impact, incident.impact_raw) == (Impact.NONE, "info")
    created, edited = (
        datetime(2026, 6, 20, 8, 30, tzinfo=UTC),
        datetime(2026, 6, 21, 9, 15, tzinfo=UTC),
    )
    assert (incident.created_at, incident.started_at) == (created, created)
    assert (incident.updated_at, incident.resolved_at) == (edited, None)
    (update,) = incident.updates
    assert (update.id, update.created_at, update.display_at) == (EDITED, edited, edited)
    assert (update.status, update.status_raw, update.body) == (
        IncidentStatus.INVESTIGATING,
        "active",
        "Looking into it.",
    )


def test_uptimekuma_an_incident_never_edited_is_dated_by_its_creation() -> None:
    incident = _one(_row(createdDate=CREATED, lastUpdatedDate=None))
    created = datetime(2026, 6, 20, 8, 30, tzinfo=UTC)
    # Neither ``active`` (1.x) nor a style: active, with no impact.
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "active")
    assert (incident.impact, incident.impact_raw) == (Impact.NONE, "unknown")
    assert (incident.updated_at, incident.resolved_at) == (None, None)
    (update,) = incident.updates
    assert (update.id, update.created_at) == (CREATED, created)


def test_uptimekuma_an_inactive_2x_incident_is_resolved_at_its_last_edit() -> None:
    edited = _one(_row(createdDate=CREATED, lastUpdatedDate=EDITED, active=False))
    assert (edited.status, edited.status_raw) == (IncidentStatus.RESOLVED, "inactive")
    assert edited.resolved_at == datetime(2026, 6, 21, 9, 15, tzinfo=UTC)
    (update,) = edited.updates
    assert (update.status, update.status_raw) == (IncidentStatus.RESOLVED, "inactive")
    # Never edited: resolved when it was created.
    unedited = _one(_row(createdDate=CREATED, active=False))
    assert unedited.resolved_at == datetime(2026, 6, 20, 8, 30, tzinfo=UTC)


def test_uptimekuma_1x_incident_pinned_or_unpinned() -> None:
    # 1.x: one ``incident``, no ``active``; ``pin`` 0 is not shown on the page.
    unpinned = _page(incident=_row(createdDate=CREATED, pin=0, style="danger")).incidents
    (incident,) = unpinned
    assert (incident.status, incident.status_raw) == (IncidentStatus.RESOLVED, "inactive")
    assert (incident.impact, incident.impact_raw) == (Impact.MAJOR, "danger")
    assert incident.resolved_at == datetime(2026, 6, 20, 8, 30, tzinfo=UTC)
    (pinned,) = _page(incident=_row(createdDate=CREATED, pin=1)).incidents
    assert (pinned.status, pinned.resolved_at) == (IncidentStatus.INVESTIGATING, None)


def test_uptimekuma_incident_without_an_id_or_a_creation_time_is_left_out() -> None:
    snap = _page(
        incidents=[
            _row(id=None, createdDate=CREATED),
            _row(id=8),
            _row(id=9, createdDate="not a time"),
            _row(id=10, createdDate=CREATED),
        ]
    )
    assert [i.id for i in snap.incidents] == ["10"]


# --- Beats and the page state -----------------------------------------------------------------


def test_uptimekuma_page_state_from_the_last_beats() -> None:
    down, up, pending, maintenance = ({"status": n} for n in range(4))
    cases = [
        # All down: a major outage; some: a partial one.
        ((down, down), PageStatus.MAJOR_OUTAGE),
        ((down, up), PageStatus.PARTIAL_OUTAGE),
        ((pending, maintenance, up), PageStatus.DEGRADED),
        # Else maintenance if any monitor is in one, else operational.
        ((up, maintenance, up), PageStatus.MAINTENANCE),
        ((up, up), PageStatus.OPERATIONAL),
    ]
    for states, expected in cases:
        snap = _beats(*states)
        assert (snap.status, snap.status_raw) == (expected, expected.value)


def test_uptimekuma_beat_of_an_unknown_state_keeps_its_number() -> None:
    snap = _beats({"status": 1}, {"status": 4})
    assert [(c.id, c.status, c.status_raw) for c in snap.components] == [
        ("1", ComponentStatus.OPERATIONAL, "up"),
        ("2", ComponentStatus.UNKNOWN, "4"),
    ]


def test_uptimekuma_monitor_without_a_readable_beat_stays_unknown() -> None:
    beats = _build(
        {
            "heartbeatList": {
                "1": [{"status": 1}],
                "2": [{"status": 0}, {"time": "2026-06-22 04:16:17.020", "msg": ""}],
                "3": None,
                "4": 0,
                "5": {"status": 1},
            }
        }
    )
    # Only the monitor with a state is read; the others leave the page state alone.
    assert [(c.id, c.status) for c in beats.components] == [("1", ComponentStatus.OPERATIONAL)]
    assert beats.status is PageStatus.OPERATIONAL
    group = {
        "id": 1,
        "name": "Services",
        "monitorList": [{"id": 1, "name": "Web"}, {"id": 2, "name": "API"}],
    }
    merged = merge_parts([beats, _page(publicGroupList=[group])])
    assert [(c.name, c.status, c.status_raw) for c in merged.components] == [
        ("Web", ComponentStatus.OPERATIONAL, "up"),
        ("API", ComponentStatus.UNKNOWN, ""),
    ]
    # No monitor with a state: the page's state is not known either.
    unknown = _beats({"msg": ""})
    assert (unknown.components, unknown.status) == ((), PageStatus.UNKNOWN)


# --- Addresses and refused documents ----------------------------------------------------------


def test_uptimekuma_document_read_without_its_address_names_no_page() -> None:
    for url in (None, "https://kuma.example.org/"):
        snap = _build({"heartbeatList": {"1": [{"status": 1}]}}, url)
        assert (snap.page.id, snap.page.url) == ("", "")
    assert _page().page.url == KUMA


def test_uptimekuma_documents_of_a_page_or_of_an_address_naming_none() -> None:
    # The heartbeats first, then the page, for the page or either of its documents.
    for url in (KUMA, "https://kuma.example.org/api/status-page/heartbeat/demo"):
        assert source_for(SourceKind.UPTIMEKUMA, url).endpoints == (
            "https://kuma.example.org/api/status-page/heartbeat/demo",
            "https://kuma.example.org/api/status-page/demo",
        )
    # A heartbeat document read at an address that names no page is polled as it is.
    beats = "https://mirror.example.org/exports/kuma-heartbeats.json"
    assert source_for(SourceKind.UPTIMEKUMA, beats).endpoints == (beats,)


@pytest.mark.parametrize(
    "data",
    [
        {"config": {"title": "Demo"}, "incident": None},
        {"config": {"title": "Demo"}, "publicGroupList": {"1": []}},
        [{"id": 1, "name": "Services", "monitorList": []}],
        "Demo",
    ],
)
def test_uptimekuma_other_documents_are_refused(data: object) -> None:
    # The reason is what the user reads in the failed poll's message.
    with pytest.raises(StatusPageContentError, match=r"^Not an Uptime Kuma status page document$"):
        _build(data)


def test_uptimekuma_group_without_id_or_name_makes_up_neither() -> None:
    snap = _page(publicGroupList=[{"monitorList": [{"id": 5, "name": "API"}]}])
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [("", "", ("5",))]
    assert [(c.name, c.group_id) for c in snap.components] == [("API", "")]
