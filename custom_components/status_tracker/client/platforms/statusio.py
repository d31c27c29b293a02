"""Status.io public status: ``GET https://api.status.io/1.0/status/<page id>``.

Everything is a number: 100 Operational, 200 Planned Maintenance, 300 Degraded
Performance, 400 Partial Service Disruption, 500 Service Disruption, 600 Security
Event (read as degraded: something is wrong, not known to be an outage). An
incident message's ``state`` is 100 Investigating, 200 Identified, 300 Monitoring
(status.io's incident API codes; other values stay raw as UNKNOWN). Messages
carry no id, so their ``datetime`` text is the update id. The document lists
open incidents and current/upcoming maintenances only: a resolved incident or a
finished maintenance leaves it without a closing post. The page's name is not
in the document; its id comes from the URL when the caller passes it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeIs
from urllib.parse import urlsplit

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
from ..parsers.common import unique_ids, worst_impact
from ..parsers.fields import JSONObject, integer, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

if TYPE_CHECKING:
    from datetime import datetime

_PAGE_ID = re.compile(r"/status/([0-9A-Za-z]+)/?$")
_PAGE = {
    100: PageStatus.OPERATIONAL,
    200: PageStatus.MAINTENANCE,
    300: PageStatus.DEGRADED,
    400: PageStatus.PARTIAL_OUTAGE,
    500: PageStatus.MAJOR_OUTAGE,
    600: PageStatus.DEGRADED,
}
_COMPONENT = {
    100: ComponentStatus.OPERATIONAL,
    200: ComponentStatus.UNDER_MAINTENANCE,
    300: ComponentStatus.DEGRADED_PERFORMANCE,
    400: ComponentStatus.PARTIAL_OUTAGE,
    500: ComponentStatus.MAJOR_OUTAGE,
    600: ComponentStatus.DEGRADED_PERFORMANCE,
}
_IMPACT = {
    100: Impact.NONE,
    200: Impact.MAINTENANCE,
    300: Impact.MINOR,
    400: Impact.MAJOR,
    500: Impact.CRITICAL,
    600: Impact.MINOR,
}
_STATE = {
    100: IncidentStatus.INVESTIGATING,
    200: IncidentStatus.IDENTIFIED,
    300: IncidentStatus.MONITORING,
}


def is_statusio(data: object) -> TypeIs[JSONObject]:
    """``{"result": {"status_overall": {...}, ...}}``."""
    return isinstance(data, dict) and isinstance(
        obj(data.get("result")).get("status_overall"), dict
    )


def parse_statusio(body: bytes, url: str | None = None) -> Snapshot:
    """Parse a status.io public status document; ``url`` gives the page id."""
    return statusio_snapshot(load_json(body), url)


def statusio_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded status.io public status document."""
    if not is_statusio(data):
        msg = "Not a status.io status document: no 'result.status_overall'"
        raise StatusPageContentError(msg)
    result = obj(data["result"])
    overall = obj(result["status_overall"])
    code = _code(overall.get("status_code"))
    match = _PAGE_ID.search(url or "")
    maintenance = obj(result.get("maintenance"))
    maintenances = [
        *(_maintenance(row, started=True) for row in objects(maintenance.get("active"))),
        *(_maintenance(row, started=False) for row in objects(maintenance.get("upcoming"))),
    ]
    components = (_component(row, n) for n, row in enumerate(objects(result.get("status")), 1))
    incidents = (_incident(row) for row in objects(result.get("incidents")))
    return Snapshot(
        source=SourceKind.STATUSIO,
        page=Page(
            id=match.group(1) if match else (url or ""),
            name="",
            url=url or "",
            updated_at=parse_time(overall.get("updated")),
        ),
        status=_PAGE.get(code, PageStatus.UNKNOWN) if code is not None else PageStatus.UNKNOWN,
        status_raw=str(code) if code is not None else "unknown",
        description=text(overall.get("status")) or "",
        components=tuple(c for c in components if c is not None),
        incidents=tuple(i for i in incidents if i is not None),
        maintenances=tuple(m for m in maintenances if m is not None),
    )


def _code(value: object) -> int | None:
    """A status code as sent: an int, or a digit string."""
    if (number := integer(value)) is not None:
        return number
    raw = text(value)
    return int(raw) if raw is not None and raw.isdecimal() and len(raw) < 6 else None  # noqa: PLR2004


def _raw(value: object) -> str:
    return text(value) or "unknown"


def _component(row: JSONObject, position: int) -> Component | None:
    row_id = text(row.get("id"))
    if row_id is None:
        return None
    code = _code(row.get("status_code"))
    return Component(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        status=_COMPONENT.get(code, ComponentStatus.UNKNOWN)
        if code is not None
        else ComponentStatus.UNKNOWN,
        status_raw=_raw(row.get("status_code")),
        position=position,
    )


def _names(row: JSONObject) -> tuple[str, ...]:
    names = (text(c.get("name")) for c in objects(row.get("components_affected")))
    return tuple(dict.fromkeys(name for name in names if name))


def _messages(row: JSONObject) -> list[tuple[str, datetime, JSONObject]]:
    """Messages oldest first, each with its ``datetime`` text as id, and that time."""
    timed = [
        (when, text(m.get("datetime")) or "", m)
        for m in objects(row.get("messages"))
        if (when := parse_time(m.get("datetime"))) is not None
    ]
    timed.sort(key=lambda item: item[0])
    ids = unique_ids(key for _, key, _ in timed)
    return [(update_id, when, m) for update_id, (when, _, m) in zip(ids, timed, strict=True)]


def _incident(row: JSONObject) -> Incident | None:
    incident_id = text(row.get("_id")) or text(row.get("id"))
    updates = []
    for update_id, when, message in _messages(row):
        state = _code(message.get("state"))
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=_STATE.get(state, IncidentStatus.UNKNOWN)
                if state is not None
                else IncidentStatus.UNKNOWN,
                status_raw=_raw(message.get("state")),
                body=html_to_text(text(message.get("details"))),
                created_at=when,
                display_at=when,
            )
        )
    created = parse_time(row.get("datetime_open")) or (updates[0].created_at if updates else None)
    if incident_id is None or created is None:
        return None
    codes = [_code(m.get("status")) for m in objects(row.get("messages"))]
    impact = worst_impact(_IMPACT.get(c, Impact.UNKNOWN) for c in codes if c is not None)
    worst = max((c for c in codes if c is not None), default=None)
    last = updates[-1] if updates else None
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("name"))) or incident_id,
        status=last.status if last else IncidentStatus.INVESTIGATING,
        status_raw=last.status_raw if last else "",
        impact=impact or Impact.UNKNOWN,
        impact_raw=str(worst) if worst is not None else "",
        url=None,
        created_at=created,
        updated_at=last.display_at if last else None,
        started_at=created,
        components=_names(row),
        updates=tuple(updates),
    )


def _maintenance(row: JSONObject, *, started: bool) -> Incident | None:
    incident_id = text(row.get("_id")) or text(row.get("id"))
    start = parse_time(row.get("datetime_planned_start"))
    updates = []
    for update_id, when, message in _messages(row):
        # Posts before the planned start announce it; later ones report on the work.
        running = started and (start is None or when >= start)
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=IncidentStatus.IN_PROGRESS if running else IncidentStatus.SCHEDULED,
                status_raw=_raw(message.get("state")),
                body=html_to_text(text(message.get("details"))),
                created_at=when,
                display_at=when,
            )
        )
    created = parse_time(row.get("datetime_open")) or start
    if incident_id is None or created is None:
        return None
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("name"))) or incident_id,
        status=IncidentStatus.IN_PROGRESS if started else IncidentStatus.SCHEDULED,
        status_raw="active" if started else "upcoming",
        impact=Impact.MAINTENANCE,
        impact_raw="200",
        url=None,
        created_at=created,
        updated_at=updates[-1].display_at if updates else None,
        started_at=start if started else None,
        components=_names(row),
        updates=tuple(updates),
        is_maintenance=True,
        scheduled_for=start,
        scheduled_until=parse_time(row.get("datetime_planned_end")),
    )


# The public API: https://api.status.io/1.0/status/<24 hex digits>.
_API_PATH = re.compile(r"/1\.0/status/[0-9a-f]{24}$")


def _claim(url: str) -> str | None:
    return url if _API_PATH.search(urlsplit(url).path.lower()) else None


PLATFORM = Platform(
    kind=SourceKind.STATUSIO,
    name="Public status API",
    maker="Status.io",
    format=Format.JSON,
    recognise=by_shape(is_statusio),
    build=statusio_snapshot,
    claim=_claim,
)
