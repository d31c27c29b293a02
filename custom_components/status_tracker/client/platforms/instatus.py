"""Instatus ``summary.json`` and ``v3/summary.json``: page state, open incidents, maintenances.

``page.status`` is UP / HASISSUES / UNDERMAINTENANCE; incidents carry only their
current status and impact, never their posts. So each status an incident passes
through becomes one update, keyed by the status word: a poll sees INVESTIGATING,
then IDENTIFIED, then MONITORING, but two posts in the same status are one, and
an incident that is resolved simply leaves the document. Empty arrays are left
out, ids may be missing (the id is then the last part of the incident's URL), and
times are ISO strings or JavaScript ``Date.toString()`` text.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, TypeIs

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
from ..parsers.common import COMPONENT_TO_PAGE, WORST_TO_IMPACT, any_time
from ..parsers.fields import JSONObject, integer, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, by_shape, url_free

if TYPE_CHECKING:
    from datetime import datetime

_PAGE = {
    "UP": PageStatus.OPERATIONAL,
    "HASISSUES": PageStatus.DEGRADED,
    "UNDERMAINTENANCE": PageStatus.MAINTENANCE,
}
_COMPONENT = {
    "OPERATIONAL": ComponentStatus.OPERATIONAL,
    "UNDERMAINTENANCE": ComponentStatus.UNDER_MAINTENANCE,
    "DEGRADEDPERFORMANCE": ComponentStatus.DEGRADED_PERFORMANCE,
    "PARTIALOUTAGE": ComponentStatus.PARTIAL_OUTAGE,
    "MINOROUTAGE": ComponentStatus.PARTIAL_OUTAGE,
    "MAJOROUTAGE": ComponentStatus.MAJOR_OUTAGE,
}
_MAINTENANCE = {
    "NOTSTARTEDYET": IncidentStatus.SCHEDULED,
    "INPROGRESS": IncidentStatus.IN_PROGRESS,
    "COMPLETED": IncidentStatus.COMPLETED,
}
_CHILDREN = ("children", "components")
_STARTED = frozenset({IncidentStatus.IN_PROGRESS, IncidentStatus.COMPLETED})


def is_instatus(data: object) -> TypeIs[JSONObject]:
    """Instatus puts a status word inside ``page``; Statuspage keeps it in a ``status`` object."""
    if not isinstance(data, dict) or not isinstance(data.get("page"), dict):
        return False
    if "activeIncidents" in data or "activeMaintenances" in data:
        return True
    return str(data["page"].get("status")).upper() in _PAGE


def parse_instatus(body: bytes) -> Snapshot:
    """Parse an Instatus summary document."""
    return instatus_snapshot(load_json(body))


def instatus_snapshot(data: object) -> Snapshot:
    """The snapshot of a decoded Instatus summary."""
    if not is_instatus(data):
        msg = "Not an Instatus summary: no 'page' with a status word"
        raise StatusPageContentError(msg)
    page_row: JSONObject = data["page"]
    url = (text(page_row.get("url")) or "").rstrip("/")
    name = html_to_text(text(page_row.get("name"))) or url
    components, groups = _components(data.get("components"))
    raw = text(page_row.get("status")) or "unknown"
    status = _PAGE.get(raw.upper(), PageStatus.UNKNOWN)
    worst = max((c.status for c in components), key=lambda s: s.severity, default=None)
    if status is PageStatus.DEGRADED and worst is not None:
        # HASISSUES says only "something": the components say how bad.
        status = max(status, COMPONENT_TO_PAGE[worst], key=_PAGE_ORDER.index)
    incidents = [_incident(row) for row in objects(data.get("activeIncidents"))]
    maintenances = [_maintenance(row) for row in objects(data.get("activeMaintenances"))]
    return Snapshot(
        source=SourceKind.INSTATUS,
        page=Page(
            id=text(page_row.get("id")) or url or name,
            name=name,
            url=url,
            updated_at=any_time(page_row.get("updatedAt")),
        ),
        status=status,
        status_raw=raw,
        description="",
        components=tuple(components),
        groups=tuple(groups),
        incidents=tuple(i for i in incidents if i is not None),
        maintenances=tuple(m for m in maintenances if m is not None),
    )


_PAGE_ORDER = [
    PageStatus.UNKNOWN,
    PageStatus.OPERATIONAL,
    PageStatus.MAINTENANCE,
    PageStatus.DEGRADED,
    PageStatus.PARTIAL_OUTAGE,
    PageStatus.MAJOR_OUTAGE,
]


def _components(value: object) -> tuple[list[Component], list[ComponentGroup]]:
    """A flat list, or groups holding their components under ``children``/``components``."""
    rows = objects(obj(value).get("components") if isinstance(value, dict) else value)
    components: list[Component] = []
    groups: list[ComponentGroup] = []
    for position, row in enumerate(rows, 1):
        row_id = text(row.get("id")) or text(row.get("name"))
        if row_id is None:
            continue
        children = next((objects(row[k]) for k in _CHILDREN if isinstance(row.get(k), list)), None)
        if children is None:
            components.append(_component(row, row_id, None, position))
            continue
        members = [
            _component(child, child_id, row_id, n)
            for n, child in enumerate(children, 1)
            if (child_id := text(child.get("id")) or text(child.get("name")))
        ]
        components.extend(members)
        groups.append(
            ComponentGroup(
                id=row_id,
                name=html_to_text(text(row.get("name"))) or row_id,
                component_ids=tuple(c.id for c in members),
            )
        )
    return components, groups


def _component(row: JSONObject, row_id: str, group_id: str | None, position: int) -> Component:
    raw = text(row.get("status")) or "unknown"
    return Component(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        status=_COMPONENT.get(raw.upper(), ComponentStatus.UNKNOWN),
        status_raw=raw,
        group_id=group_id,
        description=text(row.get("description")),
        position=integer(row.get("order")) or position,
    )


def _identity(row: JSONObject) -> str | None:
    """The id, else the last part of the incident's URL (``…/incident/cl4a8n3…``)."""
    found = text(row.get("id"))
    if found:
        return found
    url = (text(row.get("url")) or "").rstrip("/")
    return url.rsplit("/", 1)[-1] if "/" in url else None


def _incident(row: JSONObject) -> Incident | None:
    incident_id = _identity(row)
    started = any_time(row.get("started"))
    updated = any_time(row.get("updatedAt"))
    created = started or updated
    if incident_id is None or created is None:
        return None
    raw = text(row.get("status")) or "unknown"
    status = IncidentStatus.from_raw(raw)
    impact_raw = text(row.get("impact")) or "unknown"
    component_status = _COMPONENT.get(impact_raw.upper())
    impact = WORST_TO_IMPACT.get(component_status, Impact.UNKNOWN) if component_status else None
    return _build(
        row,
        incident_id,
        status,
        raw,
        impact=impact or Impact.UNKNOWN,
        impact_raw=impact_raw,
        created=created,
        updated=updated,
        maintenance=False,
        started=created,
    )


def _maintenance(row: JSONObject) -> Incident | None:
    incident_id = _identity(row)
    start = any_time(row.get("start"))
    updated = any_time(row.get("updatedAt"))
    created = start or updated
    if incident_id is None or created is None:
        return None
    raw = text(row.get("status")) or "unknown"
    status = _MAINTENANCE.get(raw.upper(), IncidentStatus.from_raw(raw))
    minutes = text(row.get("duration"))
    until = None
    if start is not None and minutes and minutes.isdecimal():
        try:
            until = start + timedelta(minutes=int(minutes))
        except OverflowError:
            until = None
    return _build(
        row,
        incident_id,
        status,
        raw,
        impact=Impact.MAINTENANCE,
        impact_raw="",
        created=created,
        updated=updated,
        maintenance=True,
        started=start if status in _STARTED else None,
        window=(start, until),
    )


def _build(  # noqa: PLR0913
    row: JSONObject,
    incident_id: str,
    status: IncidentStatus,
    raw: str,
    *,
    impact: Impact,
    impact_raw: str,
    created: datetime,
    updated: datetime | None,
    maintenance: bool,
    started: datetime | None,
    window: tuple[datetime | None, datetime | None] = (None, None),
) -> Incident:
    """One incident whose single update is its current status (keyed by that status)."""
    when = updated or created
    names = [text(c.get("name")) for c in objects(row.get("components"))]
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("name"))) or incident_id,
        status=status,
        status_raw=raw,
        impact=impact,
        impact_raw=impact_raw,
        url=text(row.get("url")),
        created_at=created,
        updated_at=updated,
        started_at=started,
        resolved_at=when if status.is_closed else None,
        components=tuple(name for name in names if name),
        updates=(
            IncidentUpdate(
                id=raw.lower(),
                status=status,
                status_raw=raw,
                body="",
                created_at=when,
                display_at=when,
            ),
        ),
        is_maintenance=maintenance,
        scheduled_for=window[0],
        scheduled_until=window[1],
    )


PLATFORM = Platform(
    kind=SourceKind.INSTATUS,
    name="Instatus API",
    maker="Instatus",
    format=Format.JSON,
    recognise=by_shape(is_instatus),
    build=url_free(instatus_snapshot),
    # The current summary first, then the legacy one.
    paths=("/v3/summary.json", "/summary.json"),
    markers=("/v3/summary.json", "/summary.json"),
    webhook=True,
)
