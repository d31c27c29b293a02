"""Small builders of library models for the scope, filter, problem and hold-down tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from custom_components.status_tracker.client import (
    AffectedComponent,
    Component,
    ComponentGroup,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    NewUpdate,
    Page,
    PageStatus,
    Snapshot,
    SourceKind,
)

T0 = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    """``minutes`` after T0."""
    return T0 + timedelta(minutes=minutes)


def component(
    cid: str,
    name: str,
    status: ComponentStatus = ComponentStatus.OPERATIONAL,
    group_id: str | None = None,
) -> Component:
    """A component of the page."""
    return Component(id=cid, name=name, status=status, status_raw=status.value, group_id=group_id)


def group(gid: str, *component_ids: str) -> ComponentGroup:
    """A group heading listing its components."""
    return ComponentGroup(id=gid, name=gid.title(), component_ids=component_ids)


def post(
    uid: str,
    minute: float = 0,
    status: IncidentStatus = IncidentStatus.INVESTIGATING,
    affected: tuple[tuple[str, str], ...] = (),
) -> IncidentUpdate:
    """An update posted ``minute`` minutes after T0, naming ``affected`` (id, name) pairs."""
    return IncidentUpdate(
        id=uid,
        status=status,
        status_raw=status.value,
        body=f"text of {uid}",
        created_at=at(minute),
        display_at=at(minute),
        affected_components=tuple(
            AffectedComponent(
                id=cid,
                name=name,
                new_status=ComponentStatus.DEGRADED_PERFORMANCE,
                new_status_raw="degraded_performance",
            )
            for cid, name in affected
        ),
    )


def incident(
    iid: str,
    *,
    impact: Impact = Impact.MINOR,
    status: IncidentStatus = IncidentStatus.INVESTIGATING,
    components: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    maintenance: bool = False,
    created: float = 0,
    resolved: float | None = None,
    updates: tuple[IncidentUpdate, ...] = (),
) -> Incident:
    """An incident created ``created`` minutes after T0."""
    return Incident(
        id=iid,
        name=f"Incident {iid}",
        status=status,
        status_raw=status.value,
        impact=impact,
        impact_raw=impact.value,
        url=f"https://status.example.com/incidents/{iid}",
        created_at=at(created),
        resolved_at=None if resolved is None else at(resolved),
        components=components,
        regions=regions,
        updates=updates,
        is_maintenance=maintenance,
    )


def page(
    *incidents: Incident,
    status: PageStatus = PageStatus.OPERATIONAL,
    components: tuple[Component, ...] = (),
    groups: tuple[ComponentGroup, ...] = (),
) -> Snapshot:
    """A snapshot of a page showing ``status``."""
    return Snapshot(
        source=SourceKind.STATUSPAGE,
        page=Page(id="page1", name="Example", url="https://status.example.com"),
        status=status,
        status_raw=status.value,
        description="",
        components=components,
        groups=groups,
        incidents=incidents,
    )


def new(incident_: Incident, update: IncidentUpdate | None = None) -> NewUpdate:
    """A new update of ``incident_`` (its last update unless one is given)."""
    return NewUpdate(incident=incident_, update=update or incident_.updates[-1])
