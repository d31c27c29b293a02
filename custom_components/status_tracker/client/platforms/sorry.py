"""Sorry™ status pages: the page's public ``/api/v1/`` documents.

``/api/v1/status`` gives the page and its state (operational / degraded /
under_maintenance), ``/api/v1/components`` the components (one level of nesting by
``parent_id``: a parent is a group, and stays a component since its own state is
shown), ``/api/v1/notices`` the notices: ``unplanned`` ones are incidents, ``planned``
ones maintenances, ``general`` ones announcements. Both lists are paginated by 25:
the first page is read, and the open notices once more through the
``timeline_state`` filter so that a long list never hides one.

Sorry rates no severity: an open incident is ``minor``, ``major`` when it names a
component in Sorry's worst state (``degraded``). Notice ids are stable integers;
the public API gives its updates no id (the list shows only the latest one), so an
update is keyed by its own ``created_at`` text (``#2``… for repeats).
"""

from __future__ import annotations

from typing import TypeIs

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
from ..parsers.common import unique_ids
from ..parsers.fields import JSONObject, integer, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

_PAGE = {
    "operational": PageStatus.OPERATIONAL,
    "degraded": PageStatus.DEGRADED,
    "under_maintenance": PageStatus.MAINTENANCE,
    "maintenance": PageStatus.MAINTENANCE,
}
# "degraded" is Sorry's worst component state (a notice holds it for its whole life).
_COMPONENT = {
    "operational": ComponentStatus.OPERATIONAL,
    "partially-degraded": ComponentStatus.DEGRADED_PERFORMANCE,
    "degraded": ComponentStatus.PARTIAL_OUTAGE,
    "under_maintenance": ComponentStatus.UNDER_MAINTENANCE,
}
_NOTICE = {
    "investigating": IncidentStatus.INVESTIGATING,
    "identified": IncidentStatus.IDENTIFIED,
    "recovering": IncidentStatus.MONITORING,
    "resolved": IncidentStatus.RESOLVED,
    "false_alarm": IncidentStatus.RESOLVED,
    "scheduled": IncidentStatus.SCHEDULED,
    "underway": IncidentStatus.IN_PROGRESS,
    "complete": IncidentStatus.COMPLETED,
    "cancelled": IncidentStatus.COMPLETED,
}
_API = "/api/v1/"
_OPEN = "notices?filter%5Btimeline_state_eq%5D=present"


def is_sorry(data: object) -> TypeIs[JSONObject]:
    """``/api/v1/status``: a ``page`` with a state word and links to components and notices."""
    if not isinstance(data, dict):
        return False
    page = obj(data.get("page"))
    links = obj(page.get("links"))
    return isinstance(page.get("state"), str) and "components" in links and "notices" in links


def sorry_snapshot(data: object, url: str | None = None) -> Snapshot:
    """Any of the page's documents: the status, the components or a list of notices."""
    if not isinstance(data, dict) or not (
        is_sorry(data) or {"components", "notices", "notice"} & data.keys()
    ):
        msg = "Not a Sorry™ /api/v1/ document"
        raise StatusPageContentError(msg)
    page_row = obj(data.get("page"))
    base = (text(page_row.get("url")) or _base(url)).rstrip("/")
    raw = text(page_row.get("state")) or "unknown"
    components = [_component(row) for row in objects(data.get("components")) if "id" in row]
    notices = objects(data.get("notices")) or [obj(data.get("notice"))]
    read = [n for row in notices if row and (n := _notice(row)) is not None]
    return Snapshot(
        source=SourceKind.SORRY,
        page=Page(
            id=base,
            name=html_to_text(text(page_row.get("name"))),
            url=base,
            updated_at=parse_time(page_row.get("updated_at")),
        ),
        status=_PAGE.get(raw, PageStatus.UNKNOWN),
        status_raw=raw,
        description=text(page_row.get("state_text")) or "",
        components=tuple(components),
        groups=tuple(_groups(components)),
        incidents=tuple(i for i in read if not i.is_maintenance),
        maintenances=tuple(i for i in read if i.is_maintenance),
    )


def _base(url: str | None) -> str:
    return url.split(_API, 1)[0] if url and _API in url else ""


def _component(row: JSONObject) -> Component:
    raw = text(row.get("state")) or "unknown"
    row_id = text(row.get("id")) or ""
    return Component(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        status=_COMPONENT.get(raw, ComponentStatus.UNKNOWN),
        status_raw=raw,
        group_id=text(row.get("parent_id")),
        description=text(row.get("description")),
        position=integer(row.get("position")),
    )


def _groups(components: list[Component]) -> list[ComponentGroup]:
    names = {c.id: c.name for c in components}
    parents = dict.fromkeys(c.group_id for c in components if c.group_id)
    return [
        ComponentGroup(
            id=parent,
            name=names.get(parent, parent),
            component_ids=tuple(c.id for c in components if c.group_id == parent),
        )
        for parent in parents
    ]


def _notice(row: JSONObject) -> Incident | None:
    notice_id = text(row.get("id"))
    created = parse_time(row.get("created_at")) or parse_time(row.get("began_at"))
    if notice_id is None or created is None:
        return None
    kind = text(row.get("type")) or ""
    planned = kind == "planned"
    raw = text(row.get("state")) or kind or "unknown"
    status = _status(raw, row)
    affected = objects(row.get("components"))
    if planned:
        impact = Impact.MAINTENANCE
    elif kind == "general":
        impact = Impact.NONE
    elif any(text(c.get("state")) == "degraded" for c in affected):
        impact = Impact.MAJOR
    else:
        impact = Impact.MINOR
    ended = parse_time(row.get("ended_at"))
    return Incident(
        id=notice_id,
        name=html_to_text(text(row.get("subject"))) or notice_id,
        status=status,
        status_raw=raw,
        impact=impact,
        impact_raw="",
        url=text(row.get("url")) or text(row.get("link")),
        created_at=created,
        updated_at=parse_time(row.get("updated_at")),
        started_at=parse_time(row.get("began_at")),
        resolved_at=ended if status.is_closed else None,
        components=tuple(n for c in affected if (n := html_to_text(text(c.get("name"))))),
        updates=_updates(row, status, raw),
        is_maintenance=planned,
        scheduled_for=parse_time(row.get("begins_at")),
        scheduled_until=parse_time(row.get("ends_at")),
    )


def _status(raw: str, row: JSONObject) -> IncidentStatus:
    if raw in _NOTICE:
        return _NOTICE[raw]
    # A general notice has no state: it is open until its timeline says it is past.
    past = (text(row.get("timeline_state")) or "").startswith("past")
    return IncidentStatus.RESOLVED if past else IncidentStatus.UPDATE


def _updates(row: JSONObject, status: IncidentStatus, raw: str) -> tuple[IncidentUpdate, ...]:
    rows = objects(row.get("updates")) or objects([row.get("latest_update")])
    dated = [(r, when) for r in rows if (when := parse_time(r.get("created_at")))]
    dated.sort(key=lambda pair: pair[1])
    keys = unique_ids(text(r.get("id")) or text(r.get("created_at")) or "" for r, _ in dated)
    updates = []
    for key, (update, when) in zip(keys, dated, strict=True):
        word = text(update.get("state"))
        updates.append(
            IncidentUpdate(
                id=key,
                status=_status(word, update) if word else status,
                status_raw=word or raw,
                body=html_to_text(text(update.get("content"))),
                created_at=when,
                display_at=when,
            )
        )
    return tuple(updates)


def sorry_documents(url: str) -> tuple[str, ...]:
    """The state, the components, every recent notice and (filtered) every open one."""
    base = url.split(_API, 1)[0] + _API
    return (base + "status", base + "components", base + "notices", base + _OPEN)


PLATFORM = Platform(
    kind=SourceKind.SORRY,
    name="Status page API v1",
    maker="Sorry™",
    format=Format.JSON,
    recognise=by_shape(is_sorry),
    build=sorry_snapshot,
    paths=("/api/v1/status",),
    markers=(_API,),
    documents=sorry_documents,
)
