"""Uptime Kuma public status pages (``/status/<slug>``, published pages only).

Two documents: ``/api/status-page/heartbeat/<slug>`` (first: the recent beats of
every monitor on the page, so the page state) and ``/api/status-page/<slug>`` (the
title, the groups and their monitors, the pinned incident(s) and the maintenances
under way). The beats name no monitor: their part lists states only, which the
merge lays over the monitors the other part names.

A monitor's state is its last beat: 0 down, 1 up, 2 pending, 3 maintenance (an
empty aggregated bucket is the integer 0 and is skipped; a monitor without beats
stays unknown). The page: all down -> major outage, some -> partial outage, pending
-> degraded, else maintenance if any, else operational.

Up to 2.0 the page holds one ``incident`` (``pin`` 1/0), from 2.1 ``incidents``.
An incident has a stable id but no posts: it is edited in place, so its one update
is keyed by ``lastUpdatedDate`` (or ``createdDate`` before any edit) and an edit
is a new update; one without an id or a ``createdDate`` is left out. It is active
(raw ``active``) unless 2.x says ``active`` false or 1.x ``pin`` 0 (raw ``inactive``:
resolved, at its last edit). Its ``style`` gives the impact (danger major, warning
minor, else none; raw ``unknown`` without one). Times carry no zone (the server's,
UTC in practice): read as UTC.

A maintenance is read from its first time slot: ``scheduled``, ``under-maintenance``
(in progress since the slot's start) or ``ended`` (completed), any other state unknown.
Its one update is keyed by its state and the slot's start, so a change of state or a
recurring one's next slot is a new update. A manual maintenance (on until switched off)
has no slot, and its ``dateRange`` is not its start (its state ignores it; the page shows
"Manual", no time): the page lists it while it is on, so it is in progress since the
document was read (our clock: the document carries no time of its own, and an unchanged
body is not parsed again), its update keyed by its state alone.
"""

from __future__ import annotations

from datetime import UTC, datetime
import re
from typing import TypeIs
from urllib.parse import urlsplit

from ..errors import StatusPageContentError
from ..models import (
    Component,
    ComponentGroup,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Page,
    PageStatus,
    Snapshot,
)
from ..parsers.fields import JSONObject, integer, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

_ADDRESS = re.compile(r"^(?:/status|/api/status-page(?:/heartbeat)?)/([A-Za-z0-9_-]+)/?$")
_BEAT = {
    0: ComponentStatus.MAJOR_OUTAGE,
    1: ComponentStatus.OPERATIONAL,
    2: ComponentStatus.DEGRADED_PERFORMANCE,
    3: ComponentStatus.UNDER_MAINTENANCE,
}
_BEAT_RAW = {0: "down", 1: "up", 2: "pending", 3: "maintenance"}
_STYLE = {"danger": Impact.MAJOR, "warning": Impact.MINOR}
_MAINTENANCE = {
    "scheduled": IncidentStatus.SCHEDULED,
    "under-maintenance": IncidentStatus.IN_PROGRESS,
    "ended": IncidentStatus.COMPLETED,
}


def is_heartbeats(data: object) -> TypeIs[JSONObject]:
    """The heartbeat document: beats per monitor id, and the uptime ratios."""
    return isinstance(data, dict) and isinstance(data.get("heartbeatList"), dict)


def _is_page(data: object) -> TypeIs[JSONObject]:
    return isinstance(data, dict) and isinstance(data.get("publicGroupList"), list)


def uptimekuma_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The heartbeats (states and page state) or the page (names, incidents, maintenances)."""
    page = _page_of(url or "") or ""
    if is_heartbeats(data):
        components = [
            c for key, beats in data["heartbeatList"].items() if (c := _state(key, beats))
        ]
        status = _page_status(components)
        return Snapshot(
            source=SourceKind.UPTIMEKUMA,
            page=Page(id=page, name="", url=page),
            status=status,
            status_raw=status.value,
            description="",
            components=tuple(components),
        )
    if not _is_page(data):
        msg = "Not an Uptime Kuma status page document"
        raise StatusPageContentError(msg)
    config = obj(data.get("config"))
    components, groups = _monitors(data["publicGroupList"])
    rows = objects(data.get("incidents")) or objects([data.get("incident")])
    incidents = [i for row in rows if (i := _incident(row))]
    read = datetime.now(UTC)
    return Snapshot(
        source=SourceKind.UPTIMEKUMA,
        page=Page(id=page, name=html_to_text(text(config.get("title"))), url=page),
        status=PageStatus.UNKNOWN,
        status_raw="",
        description=html_to_text(text(config.get("description"))),
        components=tuple(components),
        groups=tuple(groups),
        incidents=tuple(incidents),
        maintenances=tuple(
            m for row in objects(data.get("maintenanceList")) if (m := _maintenance(row, read))
        ),
    )


def _state(key: str, beats: object) -> Component | None:
    last = (
        next((b for b in reversed(beats) if isinstance(b, dict)), None)
        if isinstance(beats, list)
        else None
    )
    number = integer(obj(last).get("status"))
    if last is None or number is None:
        return None
    return Component(
        id=key,
        name="",
        status=_BEAT.get(number, ComponentStatus.UNKNOWN),
        status_raw=_BEAT_RAW.get(number, str(number)),
    )


def _page_status(components: list[Component]) -> PageStatus:
    states = [c.status for c in components]
    down = states.count(ComponentStatus.MAJOR_OUTAGE)
    if not states:
        return PageStatus.UNKNOWN
    if down:
        return PageStatus.MAJOR_OUTAGE if down == len(states) else PageStatus.PARTIAL_OUTAGE
    if ComponentStatus.DEGRADED_PERFORMANCE in states:
        return PageStatus.DEGRADED
    if ComponentStatus.UNDER_MAINTENANCE in states:
        return PageStatus.MAINTENANCE
    return PageStatus.OPERATIONAL


def _monitors(rows: list[object]) -> tuple[list[Component], list[ComponentGroup]]:
    components: list[Component] = []
    groups: list[ComponentGroup] = []
    for group in objects(rows):
        group_id = text(group.get("id")) or ""
        members = [
            Component(
                id=monitor_id,
                # Names may end in a newline (group names do, in real pages).
                name=html_to_text(text(m.get("name"))) or monitor_id,
                status=ComponentStatus.UNKNOWN,
                status_raw="",
                group_id=group_id,
                position=len(components) + n,
            )
            for n, m in enumerate(objects(group.get("monitorList")), 1)
            if (monitor_id := text(m.get("id")))
        ]
        components.extend(members)
        name = html_to_text(text(group.get("name"))) or group_id
        groups.append(
            ComponentGroup(id=group_id, name=name, component_ids=tuple(c.id for c in members))
        )
    return components, groups


def _incident(row: JSONObject) -> Incident | None:
    incident_id = text(row.get("id"))
    created = parse_time(row.get("createdDate"))
    if incident_id is None or created is None:
        return None
    edited = parse_time(row.get("lastUpdatedDate"))
    # 2.x says ``active``; 1.x lists only the pinned incident (``pin`` 1).
    active = row.get("active", True) is not False and row.get("pin") != 0
    status = IncidentStatus.INVESTIGATING if active else IncidentStatus.RESOLVED
    raw = "active" if active else "inactive"
    style = text(row.get("style")) or "unknown"
    when = edited or created
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("title"))) or incident_id,
        status=status,
        status_raw=raw,
        impact=_STYLE.get(style, Impact.NONE),
        impact_raw=style,
        url=None,
        created_at=created,
        updated_at=edited,
        started_at=created,
        resolved_at=None if active else when,
        updates=(
            IncidentUpdate(
                id=text(row.get("lastUpdatedDate")) or text(row.get("createdDate")) or "",
                status=status,
                status_raw=raw,
                body=html_to_text(text(row.get("content"))),
                created_at=when,
                display_at=when,
            ),
        ),
    )


def _maintenance(row: JSONObject, read: datetime) -> Incident | None:
    maintenance_id = text(row.get("id"))
    slots = objects(row.get("timeslotList"))
    slot = slots[0] if slots else {}
    # No slot (manual): on since the page was read; a slot without a readable start: left out.
    starts = parse_time(slot.get("startDate")) if slots else read
    if maintenance_id is None or starts is None:
        return None
    raw = text(row.get("status")) or "unknown"
    status = _MAINTENANCE.get(raw, IncidentStatus.UNKNOWN)
    # Keyed without our clock: reading it again is no news.
    key = f"{raw}-{slot.get('startDate')}" if slots else raw
    return Incident(
        id=f"maintenance-{maintenance_id}",
        name=html_to_text(text(row.get("title"))) or maintenance_id,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE,
        impact_raw="",
        url=None,
        created_at=starts,
        started_at=starts if status is IncidentStatus.IN_PROGRESS else None,
        updates=(
            IncidentUpdate(
                id=key,
                status=status,
                status_raw=raw,
                body=html_to_text(text(row.get("description"))),
                created_at=starts,
                display_at=starts,
            ),
        ),
        is_maintenance=True,
        scheduled_for=starts if slots else None,
        scheduled_until=parse_time(slot.get("endDate")),
    )


def _slug(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    match = _ADDRESS.match(parts.path)
    return (f"{parts.scheme}://{parts.netloc}", match.group(1)) if match else None


def _claim(url: str) -> str | None:
    found = _slug(url)
    return f"{found[0]}/api/status-page/heartbeat/{found[1]}" if found else None


def _page_of(url: str) -> str | None:
    found = _slug(url)
    return f"{found[0]}/status/{found[1]}" if found else None


def uptimekuma_documents(url: str) -> tuple[str, ...]:
    """The heartbeats (first: they give the state), then the page; no slug: ``url`` itself."""
    if (found := _slug(url)) is None:
        return (url,)
    origin, slug = found
    return (f"{origin}/api/status-page/heartbeat/{slug}", f"{origin}/api/status-page/{slug}")


PLATFORM = Platform(
    kind=SourceKind.UPTIMEKUMA,
    name="Public status page",
    maker="Uptime Kuma",
    format=Format.JSON,
    recognise=by_shape(is_heartbeats),
    build=uptimekuma_snapshot,
    markers=("/api/status-page/",),
    claim=_claim,
    page_of=_page_of,
    documents=uptimekuma_documents,
)
