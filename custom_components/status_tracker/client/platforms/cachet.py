"""Cachet 2.x (``/api/v1/``) and 3.x (``/api/``, JSON:API) status pages.

Both are read from three lists: components (first: the page state is its worst
enabled component, as Cachet's own status line is worked out), incidents with
their updates, and component groups (2.x) or schedules (3.x, its maintenances;
2.x marks a maintenance as an incident in status 0). The version is told by the
shape: 2.x rows are flat, 3.x rows carry ``type`` and ``attributes``, and 3.x
statuses and dates are ``{value, human}`` and ``{string, human}`` objects.

Statuses are integers (2.x may send them as strings): components 1 operational,
2 performance issues, 3 partial outage, 4 major outage, 6 maintenance (3.x), 0/5
unknown; incidents 0 scheduled (3.x: "reported"), 1 investigating, 2 identified,
3 watching, 4 fixed; schedules 0 upcoming, 1 in progress, 2 complete (any other or
none: unknown). A schedule's ``completed_at`` is its planned end, its resolution only
once it is complete. Cachet rates no severity: an incident's impact is ``minor``.
Incident and update ids are stable integers; the incident's own message is its
first post, keyed ``message``. Times carry no zone (the instance's, not published):
read as UTC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from ..parsers.common import COMPONENT_TO_PAGE
from ..parsers.fields import JSONObject, integer, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform

if TYPE_CHECKING:
    from datetime import datetime

_COMPONENT = {
    1: ComponentStatus.OPERATIONAL,
    2: ComponentStatus.DEGRADED_PERFORMANCE,
    3: ComponentStatus.PARTIAL_OUTAGE,
    4: ComponentStatus.MAJOR_OUTAGE,
    6: ComponentStatus.UNDER_MAINTENANCE,
}
_INCIDENT = {
    0: IncidentStatus.SCHEDULED,
    1: IncidentStatus.INVESTIGATING,
    2: IncidentStatus.IDENTIFIED,
    3: IncidentStatus.MONITORING,
    4: IncidentStatus.RESOLVED,
}
_SCHEDULE = {
    0: IncidentStatus.SCHEDULED,
    1: IncidentStatus.IN_PROGRESS,
    2: IncidentStatus.COMPLETED,
}
V2 = ("/api/v1/components?per_page=100", "/api/v1/incidents?per_page=50&sort=id&order=desc")
V3 = ("/api/components?per_page=100", "/api/incidents?include=updates&per_page=50&sort=-id")


def _rows(data: object) -> list[JSONObject]:
    """The rows of a list document (3.x: attributes lifted, with the updates it includes)."""
    included = {
        (text(row.get("type")), text(row.get("id"))): row
        for row in objects(obj(data).get("included"))
    }
    return [_lifted(row, included) for row in objects(obj(data).get("data"))]


def _lifted(
    row: JSONObject, included: dict[tuple[str | None, str | None], JSONObject]
) -> JSONObject:
    if "attributes" not in row:
        return row
    refs = objects(obj(obj(row.get("relationships")).get("updates")).get("data"))
    updates = [
        {**obj(found.get("attributes")), "id": found.get("id")}
        for ref in refs
        if (found := included.get((text(ref.get("type")), text(ref.get("id")))))
    ]
    lifted = {**obj(row.get("attributes")), "id": row.get("id")}
    return {**lifted, "updates": updates} if updates else lifted


def _number(value: object) -> tuple[int | None, str]:
    """A status as a number and as sent: ``1``, ``"1"`` or 3.x's ``{"value": 1, "human": …}``."""
    if isinstance(value, dict):
        value = value.get("value")
    raw = text(value) or ""
    return (int(raw) if raw.isdecimal() else None), raw


def _time(value: object) -> datetime | None:
    return parse_time(value.get("string") if isinstance(value, dict) else value)


def is_cachet(data: object, url: str = "") -> bool:  # noqa: ARG001
    """A component list: 2.x rows with ``status_name``, 3.x ``components`` rows, paginated."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list) or not data["data"]:
        return False
    rows = objects(data["data"])
    if isinstance(obj(data.get("meta")).get("pagination"), dict):
        return all("status_name" in row and "status" in row for row in rows)
    return bool(rows) and all(
        row.get("type") == "components" and "status" in obj(row.get("attributes")) for row in rows
    )


def cachet_snapshot(data: object, url: str | None = None) -> Snapshot:
    """Any of the lists: components, incidents, groups or schedules."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        msg = "Not a Cachet API list: no 'data' array"
        raise StatusPageContentError(msg)
    rows = _rows(data)
    base = _base(url)
    components = [_component(row) for row in rows if "link" in row and "status" in row]
    shown = [c for c in components if c.status is not ComponentStatus.UNKNOWN]
    worst = max((c.status for c in shown), key=lambda s: s.severity, default=None)
    incidents = [i for row in rows if "visible" in row if (i := _incident(row))]
    # 2.x incidents may carry ``scheduled_at`` too: they are read as incidents only.
    schedules = [
        s for row in rows if "scheduled_at" in row and "visible" not in row if (s := _schedule(row))
    ]
    # The groups document: their members are the components' ``group_id`` (see merge_parts).
    groups = [] if components else [_group(row, components) for row in rows if _is_group(row)]
    return Snapshot(
        source=SourceKind.CACHET,
        page=Page(id=base, name="", url=base),
        status=COMPONENT_TO_PAGE[worst] if worst else PageStatus.UNKNOWN,
        status_raw=worst.value if worst else "",
        description="",
        components=tuple(components),
        groups=tuple(groups),
        incidents=tuple(i for i in incidents if not i.is_maintenance),
        maintenances=(*(i for i in incidents if i.is_maintenance), *schedules),
    )


def _base(url: str | None) -> str:
    """The page: the address before its API's path (``/api/v1/…`` or ``/api/…``), its last."""
    if url and "/api/" in url:
        return url.rsplit("/api/", 1)[0]
    return url or ""


def _is_group(row: JSONObject) -> bool:
    return "name" in row and not {"status", "link", "message"} & row.keys()


def _component(row: JSONObject) -> Component:
    number, raw = _number(row.get("status"))
    row_id = text(row.get("id")) or ""
    group = text(row.get("group_id") or row.get("component_group_id"))
    disabled = row.get("enabled") is False
    return Component(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        # A disabled component is not on the page: its state is not the page's.
        status=ComponentStatus.UNKNOWN
        if disabled
        else _COMPONENT.get(number or 0, ComponentStatus.UNKNOWN),
        status_raw=raw,
        group_id=group if group not in {None, "0"} else None,
        description=text(row.get("description")) or None,
        position=integer(row.get("order")),
    )


def _group(row: JSONObject, components: list[Component]) -> ComponentGroup:
    row_id = text(row.get("id")) or ""
    return ComponentGroup(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        component_ids=tuple(c.id for c in components if c.group_id == row_id),
    )


def _incident(row: JSONObject) -> Incident | None:
    incident_id = text(row.get("id"))
    created = next(
        filter(
            None, (_time(row.get(k)) for k in ("occurred_at", "occurred", "created_at", "created"))
        ),
        None,
    )
    if incident_id is None or created is None:
        return None
    number, raw = _number(row.get("latest_status") or row.get("status"))
    status = _INCIDENT.get(number if number is not None else -1, IncidentStatus.UNKNOWN)
    if number == 0 and "guid" in row:
        status = IncidentStatus.INVESTIGATING  # 3.x: "reported", before any update
    if row.get("is_resolved") is True:
        status = IncidentStatus.RESOLVED
    scheduled = number == 0 and "latest_status" not in row and _time(row.get("scheduled_at"))
    first = IncidentUpdate(
        id="message",
        # Later posts carry their own status; the opening one's is the incident's when alone.
        status=IncidentStatus.INVESTIGATING if row.get("updates") else status,
        status_raw="" if row.get("updates") else raw,
        body=html_to_text(text(row.get("message"))),
        created_at=created,
        display_at=created,
    )
    updates = sorted(
        (u for item in objects(row.get("updates")) if (u := _update(item))),
        key=lambda u: u.created_at,
    )
    last = updates[-1].created_at if updates else None
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("name"))) or incident_id,
        status=IncidentStatus.SCHEDULED if scheduled else status,
        status_raw=raw,
        impact=Impact.MAINTENANCE if scheduled else Impact.MINOR,
        impact_raw="",
        url=text(row.get("permalink")),
        created_at=created,
        updated_at=_time(row.get("updated_at")) or _time(row.get("updated")),
        started_at=created,
        resolved_at=(last or created) if status.is_closed else None,
        updates=(first, *updates),
        is_maintenance=bool(scheduled),
        scheduled_for=scheduled or None,
    )


def _update(row: JSONObject) -> IncidentUpdate | None:
    update_id = text(row.get("id"))
    created = _time(row.get("created_at")) or _time(row.get("created"))
    if update_id is None or created is None:
        return None
    number, raw = _number(row.get("status"))
    return IncidentUpdate(
        id=update_id,
        status=_INCIDENT.get(number if number is not None else -1, IncidentStatus.UNKNOWN),
        status_raw=raw,
        body=html_to_text(text(row.get("message"))),
        created_at=created,
        display_at=created,
    )


def _schedule(row: JSONObject) -> Incident | None:
    schedule_id = text(row.get("id"))
    starts = _time(row.get("scheduled_at"))
    if schedule_id is None or starts is None:
        return None
    number, raw = _number(row.get("status"))
    status = _SCHEDULE.get(number if number is not None else -1, IncidentStatus.UNKNOWN)
    ends = _time(row.get("completed_at"))
    return Incident(
        id=f"schedule-{schedule_id}",
        name=html_to_text(text(row.get("name"))) or schedule_id,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE,
        impact_raw="",
        url=None,
        created_at=_time(row.get("created_at")) or starts,
        updated_at=_time(row.get("updated_at")),
        started_at=starts if status is not IncidentStatus.SCHEDULED else None,
        resolved_at=ends if status.is_closed else None,
        updates=(
            IncidentUpdate(
                id=f"status-{raw}",
                status=status,
                status_raw=raw,
                body=html_to_text(text(row.get("message"))),
                created_at=starts,
                display_at=starts,
            ),
        ),
        is_maintenance=True,
        scheduled_for=starts,
        scheduled_until=ends,
    )


def cachet_documents(url: str) -> tuple[str, ...]:
    """Components first, then incidents and the groups (2.x) or schedules (3.x)."""
    if "/api/v1/" in url:
        return (*(_base(url) + path for path in V2), _base(url) + "/api/v1/components/groups")
    return (*(_base(url) + path for path in V3), _base(url) + "/api/schedules")


PLATFORM = Platform(
    kind=SourceKind.CACHET,
    name="Cachet API",
    maker="Cachet",
    format=Format.JSON,
    recognise=is_cachet,
    build=cachet_snapshot,
    paths=(V2[0], V3[0]),
    markers=("/api/v1/", "/api/components", "/api/incidents", "/api/schedules"),
    documents=cachet_documents,
)
