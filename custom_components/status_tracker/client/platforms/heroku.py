"""Heroku's status API: ``GET https://status.heroku.com/api/v4/current-status``.

``{status: [{system, status}], incidents: [...], scheduled: [...]}``. The three systems
(Apps, Data, Tools) are the components, each a colour: green operational, yellow
degraded, red major outage, blue maintenance; the page is the worst of them. Incidents
and maintenances carry integer ids and their updates (newest first) integer ids too;
an update without an id (seen in trimmed quotes) is keyed by its ``created_at`` text.
An update's ``update_type`` is its lifecycle word (``issue`` and ``update`` are progress
posts, ``maintenance`` means under way). The incident's ``state`` is trusted over its
``resolved`` flag, which can lag; the impact is the worst colour given to production or
development, by the item or any of its updates (red is an outage: critical; blue is
maintenance), and that colour's word the raw impact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeIs

from ..errors import StatusPageContentError
from ..models import (
    Component,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Page,
    PageStatus,
    Snapshot,
)
from ..parsers.common import COMPONENT_TO_PAGE, unique_ids
from ..parsers.fields import JSONObject, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

if TYPE_CHECKING:
    from datetime import datetime

HEROKU_CURRENT_STATUS: Final = "https://status.heroku.com/api/v4/current-status"
_COLOUR = {
    "green": ComponentStatus.OPERATIONAL,
    "yellow": ComponentStatus.DEGRADED_PERFORMANCE,
    "red": ComponentStatus.MAJOR_OUTAGE,
    "blue": ComponentStatus.UNDER_MAINTENANCE,
}
_IMPACT = {
    "green": Impact.NONE,
    "yellow": Impact.MINOR,
    "red": Impact.CRITICAL,
    "blue": Impact.MAINTENANCE,
}
_UPDATE = {
    "issue": IncidentStatus.UPDATE,
    "update": IncidentStatus.UPDATE,
    "maintenance": IncidentStatus.IN_PROGRESS,
}
_CLOSED_STATES = frozenset({"resolved", "completed", "complete"})


def is_heroku(data: object) -> TypeIs[JSONObject]:
    """``{"status": [{"system", "status"}...], "incidents": [...]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        return False
    systems = data.get("status")
    return isinstance(systems, list) and any("system" in row for row in objects(systems))


def heroku_snapshot(data: object, url: str | None = None) -> Snapshot:  # noqa: ARG001
    """The snapshot of a decoded ``current-status`` document."""
    if not is_heroku(data):
        msg = "Not a Heroku current-status document: no 'status' systems and 'incidents'"
        raise StatusPageContentError(msg)
    components = tuple(
        Component(
            id=name,
            name=name,
            status=_COLOUR.get(raw.lower(), ComponentStatus.UNKNOWN),
            status_raw=raw,
            position=n,
        )
        for n, row in enumerate(objects(data["status"]), 1)
        if (name := text(row.get("system")))
        for raw in (text(row.get("status")) or "",)
    )
    worst = max(components, key=lambda c: c.status.severity, default=None)
    incidents = (_item(row, maintenance=False) for row in objects(data["incidents"]))
    maintenances = (_item(row, maintenance=True) for row in objects(data.get("scheduled")))
    return Snapshot(
        source=SourceKind.HEROKU,
        page=Page(id="status.heroku.com", name="Heroku", url="https://status.heroku.com"),
        status=COMPONENT_TO_PAGE[worst.status] if worst else PageStatus.UNKNOWN,
        status_raw=worst.status_raw if worst else "",
        description="",
        components=components,
        incidents=tuple(i for i in incidents if i is not None),
        maintenances=tuple(m for m in maintenances if m is not None),
    )


def _item(row: JSONObject, *, maintenance: bool) -> Incident | None:
    item_id = text(row.get("id"))
    updates = _updates(row, maintenance=maintenance)
    created = parse_time(row.get("created_at")) or (updates[0].created_at if updates else None)
    if item_id is None or created is None:
        return None
    state = (text(row.get("state")) or "").lower()
    status = _status(state, row, updates, maintenance=maintenance)
    given = [row.get("status_prod"), row.get("status_dev")]
    given += [u.get(k) for u in objects(row.get("updates")) for k in ("status_prod", "status_dev")]
    colours = [c for c in given if isinstance(c, str)]
    # The raw impact is the word of the colour that rates it, not the first one given.
    worst = max(colours, key=lambda c: _IMPACT.get(c, Impact.UNKNOWN).rank, default="")
    impact = _IMPACT.get(worst, Impact.UNKNOWN)
    if maintenance:
        impact = Impact.MAINTENANCE
    systems = (text(s.get("name")) for s in objects(row.get("systems")))
    return Incident(
        id=item_id,
        name=text(row.get("title")) or item_id,
        status=status,
        status_raw=state or (updates[-1].status_raw if updates else ""),
        impact=impact,
        impact_raw=worst,
        url=text(row.get("full_url")),
        created_at=created,
        updated_at=parse_time(row.get("updated_at"))
        or (updates[-1].created_at if updates else None),
        started_at=created,
        resolved_at=(
            parse_time(row.get("resolved_at")) or (updates[-1].created_at if updates else None)
        )
        if status.is_closed
        else None,
        components=tuple(dict.fromkeys(name for name in systems if name)),
        updates=tuple(updates),
        is_maintenance=maintenance,
    )


def _status(
    state: str, row: JSONObject, updates: list[IncidentUpdate], *, maintenance: bool
) -> IncidentStatus:
    # ``state`` first: ``resolved`` can still be false on a resolved incident.
    closed = state in _CLOSED_STATES or (not state and row.get("resolved") is True)
    if closed:
        return IncidentStatus.COMPLETED if maintenance else IncidentStatus.RESOLVED
    if maintenance and state == "upcoming":
        return IncidentStatus.SCHEDULED
    latest = updates[-1].status if updates else IncidentStatus.INVESTIGATING
    if latest.is_closed:
        return IncidentStatus.COMPLETED if maintenance else IncidentStatus.RESOLVED
    if latest in {IncidentStatus.UPDATE, IncidentStatus.UNKNOWN} and not maintenance:
        return IncidentStatus.INVESTIGATING
    return latest


def _updates(row: JSONObject, *, maintenance: bool) -> list[IncidentUpdate]:
    timed: list[tuple[datetime, str, JSONObject]] = [
        (when, text(item.get("id")) or text(item.get("created_at")) or "", item)
        for item in objects(row.get("updates"))
        if (when := parse_time(item.get("created_at"))) is not None
    ]
    timed.sort(key=lambda entry: entry[0])  # the API lists them newest first
    ids = unique_ids(key for _, key, _ in timed)
    updates = []
    for update_id, (when, _, item) in zip(ids, timed, strict=True):
        raw = text(item.get("update_type")) or ""
        status = _UPDATE.get(raw.lower()) or IncidentStatus.from_raw(raw)
        if maintenance and status is IncidentStatus.RESOLVED:
            status = IncidentStatus.COMPLETED
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=status,
                status_raw=raw,
                body=html_to_text(text(item.get("contents"))),
                created_at=when,
                display_at=when,
            )
        )
    return updates


PLATFORM = Platform(
    kind=SourceKind.HEROKU,
    name="Status API v4",
    maker="Heroku",
    format=Format.JSON,
    recognise=by_shape(is_heroku),
    build=heroku_snapshot,
    markers=("/api/v4/current-status",),
    hosts={"status.heroku.com": HEROKU_CURRENT_STATUS},
    suffixes=("/api/v4/current-status",),
)
