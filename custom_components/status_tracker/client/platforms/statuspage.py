"""Atlassian Statuspage API v2 documents and incident.io's compatible flavour.

One parser reads ``summary.json``, ``incidents.json``, ``status.json`` and
``components.json``: they share the same objects and differ only in which
keys are present. incident.io sends ``null`` or omits arrays, has no groups
and no shortlinks, and uses ULIDs as ids.
"""

from __future__ import annotations

from functools import lru_cache
import re
from typing import TypeIs

from ..errors import StatusPageContentError
from ..models import (
    AffectedComponent,
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
from ..parsers.fields import JSONObject, integer, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, Round

_ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def parse_statuspage_json(body: bytes) -> Snapshot:
    """Parse any Statuspage v2 document into a snapshot (missing parts stay empty)."""
    return statuspage_snapshot(load_json(body))


def is_statuspage(data: object, url: str = "") -> TypeIs[JSONObject]:  # noqa: ARG001
    """A ``page`` object with an id: every Statuspage v2 document has one."""
    return isinstance(data, dict) and bool(text(obj(data.get("page")).get("id")))


def is_incidentio(data: object, url: str = "") -> bool:
    """incident.io's copy of the API: ULIDs for the page and its incidents."""
    if not is_statuspage(data, url):
        return False
    rows = objects(data.get("incidents")) + objects(data.get("scheduled_maintenances"))
    ids = [text(data["page"].get("id")), *(text(row.get("id")) for row in rows)]
    return any(_ULID.match(i) for i in ids if i)


def statuspage_snapshot(
    data: object, url: str | None = None, *, kind: SourceKind = SourceKind.STATUSPAGE
) -> Snapshot:
    """The snapshot of a decoded Statuspage v2 document, read as ``kind``."""
    del url  # every link a Statuspage document holds is absolute
    if not is_statuspage(data):
        msg = "Not a Statuspage v2 document: no 'page' object with an id"
        raise StatusPageContentError(msg)
    page = _page(data["page"])
    status = obj(data.get("status"))
    indicator = text(status.get("indicator")) or "unknown"
    rows = objects(data.get("components"))
    return Snapshot(
        source=kind,
        page=page,
        status=PageStatus.from_raw(indicator),
        status_raw=indicator,
        description=text(status.get("description")) or "",
        components=tuple(_component(row) for row in rows if not row.get("group") and _id(row)),
        groups=tuple(_group(row) for row in rows if row.get("group") and _id(row)),
        incidents=tuple(_incidents(data.get("incidents"))),
        maintenances=tuple(_incidents(data.get("scheduled_maintenances"), maintenance=True)),
    )


def _id(row: JSONObject) -> str | None:
    return text(row.get("id"))


def _page(row: JSONObject) -> Page:
    return Page(
        id=_id(row) or text(row.get("url")) or "",
        name=html_to_text(text(row.get("name"))),
        url=text(row.get("url")) or "",
        time_zone=text(row.get("time_zone")),
        updated_at=parse_time(row.get("updated_at")),
    )


def _component(row: JSONObject) -> Component:
    raw = text(row.get("status")) or "unknown"
    return Component(
        id=_id(row) or "",
        name=html_to_text(text(row.get("name"))),
        status=ComponentStatus.from_raw(raw),
        status_raw=raw,
        group_id=text(row.get("group_id")),
        description=text(row.get("description")),
        position=integer(row.get("position")),
    )


def _group(row: JSONObject) -> ComponentGroup:
    members = row.get("components")
    ids = tuple(m for m in members if isinstance(m, str)) if isinstance(members, list) else ()
    return ComponentGroup(
        id=_id(row) or "", name=html_to_text(text(row.get("name"))), component_ids=ids
    )


def _incidents(value: object, *, maintenance: bool = False) -> list[Incident]:
    found = (_incident(row, maintenance=maintenance) for row in objects(value))
    return [incident for incident in found if incident is not None]


def _incident(row: JSONObject, *, maintenance: bool) -> Incident | None:
    incident_id = _id(row)
    updates = sorted(
        filter(None, (_update(item) for item in objects(row.get("incident_updates")))),
        key=lambda update: (update.display_at, update.created_at),
    )
    created = (
        parse_time(row.get("created_at"))
        or (updates[0].created_at if updates else None)
        or parse_time(row.get("updated_at"))
    )
    if incident_id is None or created is None:
        return None
    status_raw = text(row.get("status")) or "unknown"
    impact_raw = text(row.get("impact")) or "unknown"
    scheduled_for = parse_time(row.get("scheduled_for"))
    names = [html_to_text(text(c.get("name"))) for c in objects(row.get("components"))]
    if not names and updates:
        names = [c.name for c in updates[-1].affected_components]
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("name"))) or incident_id,
        status=IncidentStatus.from_raw(status_raw),
        status_raw=status_raw,
        impact=Impact.from_raw(impact_raw),
        impact_raw=impact_raw,
        url=text(row.get("shortlink")),
        created_at=created,
        updated_at=parse_time(row.get("updated_at")),
        started_at=parse_time(row.get("started_at")),
        resolved_at=parse_time(row.get("resolved_at")),
        components=tuple(name for name in names if name),
        updates=tuple(updates),
        is_maintenance=maintenance or scheduled_for is not None,
        scheduled_for=scheduled_for,
        scheduled_until=parse_time(row.get("scheduled_until")),
    )


def _update(row: JSONObject) -> IncidentUpdate | None:
    update_id = _id(row)
    created = parse_time(row.get("created_at"))
    display = parse_time(row.get("display_at"))
    # Usually the same instant: one object for both halves the datetimes kept.
    display = created if display is None or display == created else display
    if update_id is None or display is None:
        return None
    status_raw = text(row.get("status")) or "unknown"
    return IncidentUpdate(
        id=update_id,
        status=IncidentStatus.from_raw(status_raw),
        status_raw=status_raw,
        body=html_to_text(text(row.get("body"))),
        created_at=created or display,
        display_at=display,
        affected_components=tuple(
            _affected(item) for item in objects(row.get("affected_components"))
        ),
    )


def _affected(row: JSONObject) -> AffectedComponent:
    new_raw = text(row.get("new_status")) or "unknown"
    old_raw = text(row.get("old_status"))
    return _affected_component(
        text(row.get("code")) or _id(row) or "", text(row.get("name")) or "", new_raw, old_raw
    )


@lru_cache(maxsize=4096)
def _affected_component(
    component_id: str, name: str, new_raw: str, old_raw: str | None
) -> AffectedComponent:
    """One shared (immutable) object per distinct component state.

    Every update repeats every affected component; sharing them keeps a parsed
    50-incident window from holding thousands of equal copies.
    """
    return AffectedComponent(
        id=component_id,
        name=html_to_text(name),
        new_status=ComponentStatus.from_raw(new_raw),
        new_status_raw=new_raw,
        old_status=ComponentStatus.from_raw(old_raw) if old_raw is not None else None,
        old_status_raw=old_raw,
    )


API: tuple[str, str] = ("/api/v2/summary.json", "/api/v2/incidents.json")
# Every component; incident.io's summary.json lists at most 25, a different 25 each time.
COMPONENTS = "/api/v2/components.json"


def api_documents(url: str) -> tuple[str, ...]:
    """``summary.json`` (state, components, open incidents) and ``incidents.json`` (the window).

    A document of the page found by detection (any ``/api/v2/`` one) stands for both.
    """
    base = url.split("/api/v2/", 1)[0]
    return tuple(base + path for path in API)


PLATFORM = Platform(
    kind=SourceKind.STATUSPAGE,
    name="Statuspage API v2",
    maker="Atlassian Statuspage",
    format=Format.JSON,
    recognise=is_statuspage,
    build=statuspage_snapshot,
    paths=API[:1],
    detect_round=Round.API,
    markers=("/api/v2/",),
    documents=api_documents,
    first_document_moves=True,
    keyed_by_page_id=True,
    webhook=True,
)
