"""Better Stack (Better Uptime) ``index.json``: a JSON:API document of the whole page.

``data`` is the page (``aggregate_state`` operational / degraded / downtime /
maintenance); ``included`` holds ``status_page_section`` (groups),
``status_page_resource`` (components), ``status_report`` (incidents and
maintenances) and ``status_update`` (their posts, with real ids). A report's
``ends_at`` stays null after it is resolved, so a report is closed when its
``aggregate_state`` is ``resolved``. Posts carry no status word: a post whose
affected resources are all back to ``resolved``/``operational`` resolves, any
other is a progress post (raw value: the worst resource state it names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeIs

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
from ..parsers.common import WORST_TO_IMPACT, worst_impact
from ..parsers.fields import JSONObject, integer, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

if TYPE_CHECKING:
    from collections.abc import Iterable

_RESOURCE = {
    "operational": ComponentStatus.OPERATIONAL,
    "resolved": ComponentStatus.OPERATIONAL,
    "degraded": ComponentStatus.DEGRADED_PERFORMANCE,
    "downtime": ComponentStatus.MAJOR_OUTAGE,
    "maintenance": ComponentStatus.UNDER_MAINTENANCE,
}
_PAGE = {
    "operational": PageStatus.OPERATIONAL,
    "degraded": PageStatus.DEGRADED,
    "downtime": PageStatus.PARTIAL_OUTAGE,
    "maintenance": PageStatus.MAINTENANCE,
}
_BACK = frozenset({"resolved", "operational"})


def is_betterstack(data: object) -> TypeIs[JSONObject]:
    """A JSON:API document whose primary data is a ``status_page``."""
    return isinstance(data, dict) and obj(data.get("data")).get("type") == "status_page"


def parse_betterstack(body: bytes, url: str | None = None) -> Snapshot:
    """Parse ``index.json``; ``url`` (where it was read) gives the page and report links."""
    return betterstack_snapshot(load_json(body), url)


def betterstack_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded Better Stack ``index.json``."""
    if not is_betterstack(data):
        msg = "Not a Better Stack index.json: no 'data' of type 'status_page'"
        raise StatusPageContentError(msg)
    page_row = obj(data["data"])
    attributes = obj(page_row.get("attributes"))
    base = _page_url(attributes, url)
    included: dict[str, list[JSONObject]] = {}
    for row in objects(data.get("included")):
        if (kind := text(row.get("type"))) and text(row.get("id")):
            included.setdefault(kind, []).append(row)
    components = [_component(row) for row in included.get("status_page_resource", [])]
    names = {c.id: c.name for c in components}
    updates = {text(row["id"]) or "": row for row in included.get("status_update", [])}
    reports = [_report(row, updates, names, base) for row in included.get("status_report", [])]
    found = [r for r in reports if r is not None]
    raw = text(attributes.get("aggregate_state")) or "unknown"
    status = _PAGE.get(raw, PageStatus.UNKNOWN)
    if (
        raw == "downtime"
        and components
        and all(c.status is ComponentStatus.MAJOR_OUTAGE for c in components)
    ):
        status = PageStatus.MAJOR_OUTAGE
    return Snapshot(
        source=SourceKind.BETTERSTACK,
        page=Page(
            id=text(page_row.get("id")) or base,
            name=html_to_text(text(attributes.get("company_name"))),
            url=base,
            time_zone=text(attributes.get("timezone")),
        ),
        status=status,
        status_raw=raw,
        description=html_to_text(text(attributes.get("announcement"))),
        components=tuple(components),
        groups=tuple(_groups(included.get("status_page_section", []), components)),
        incidents=_newest_first(r for r in found if not r.is_maintenance),
        maintenances=_newest_first(r for r in found if r.is_maintenance),
    )


def _page_url(attributes: JSONObject, url: str | None) -> str:
    if domain := text(attributes.get("custom_domain")):
        return f"https://{domain}"
    if url and "/index.json" in url:
        return url.split("/index.json", 1)[0]
    if subdomain := text(attributes.get("subdomain")):
        return f"https://{subdomain}.betteruptime.com"
    return ""


def _newest_first(reports: Iterable[Incident]) -> tuple[Incident, ...]:
    return tuple(sorted(reports, key=lambda r: r.created_at, reverse=True))


def _component(row: JSONObject) -> Component:
    attributes = obj(row.get("attributes"))
    raw = text(attributes.get("status")) or "unknown"
    row_id = text(row.get("id")) or ""
    return Component(
        id=row_id,
        name=html_to_text(text(attributes.get("public_name"))) or row_id,
        status=_RESOURCE.get(raw, ComponentStatus.UNKNOWN),
        status_raw=raw,
        group_id=text(attributes.get("status_page_section_id")),
        description=text(attributes.get("explanation")),
        position=integer(attributes.get("position")),
    )


def _groups(rows: list[JSONObject], components: list[Component]) -> list[ComponentGroup]:
    groups = []
    for row in rows:
        row_id = text(row.get("id")) or ""
        groups.append(
            ComponentGroup(
                id=row_id,
                name=html_to_text(text(obj(row.get("attributes")).get("name"))),
                component_ids=tuple(c.id for c in components if c.group_id == row_id),
            )
        )
    return groups


def _affected(value: object, names: dict[str, str]) -> tuple[AffectedComponent, ...]:
    found = []
    for row in objects(value):
        resource = text(row.get("status_page_resource_id"))
        if resource is None:
            continue
        raw = text(row.get("status")) or "unknown"
        found.append(
            AffectedComponent(
                id=resource,
                name=names.get(resource, ""),
                new_status=_RESOURCE.get(raw, ComponentStatus.UNKNOWN),
                new_status_raw=raw,
            )
        )
    return tuple(found)


def _report(
    row: JSONObject, updates: dict[str, JSONObject], names: dict[str, str], base: str
) -> Incident | None:
    report_id = text(row.get("id")) or ""
    attributes = obj(row.get("attributes"))
    maintenance = text(attributes.get("report_type")) == "maintenance"
    linked = [
        ref_id
        for ref in objects(obj(obj(row.get("relationships")).get("status_updates")).get("data"))
        if (ref_id := text(ref.get("id")))
    ]
    rows = [updates[i] for i in linked if i in updates] or [
        u
        for u in updates.values()
        if text(obj(u.get("attributes")).get("status_report_id")) == report_id
    ]
    posts = sorted(
        filter(None, (_update(u, names, maintenance=maintenance) for u in rows)),
        key=lambda u: (u.display_at, u.id),
    )
    starts = parse_time(attributes.get("starts_at"))
    ends = parse_time(attributes.get("ends_at"))
    created = starts or (posts[0].created_at if posts else None)
    if created is None:
        return None
    raw = text(attributes.get("aggregate_state")) or "unknown"
    status = _report_status(raw, maintenance=maintenance)
    affected = [
        *_affected(attributes.get("affected_resources"), names),
        *(c for post in posts for c in post.affected_components),
    ]
    impact = worst_impact(
        WORST_TO_IMPACT.get(c.new_status, Impact.UNKNOWN)
        for c in affected
        if c.new_status_raw not in _BACK
    )
    last = posts[-1].display_at if posts else None
    return Incident(
        id=report_id,
        name=html_to_text(text(attributes.get("title"))) or report_id,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE if maintenance else impact or Impact.NONE,
        impact_raw="",
        url=f"{base}/incidents/{report_id}" if base else None,
        created_at=created,
        updated_at=last,
        started_at=starts,
        resolved_at=(ends or last) if status.is_closed else None,
        components=tuple(dict.fromkeys(c.name or c.id for c in affected)),
        updates=tuple(posts),
        is_maintenance=maintenance,
        scheduled_for=starts if maintenance else None,
        scheduled_until=ends if maintenance else None,
    )


def _report_status(raw: str, *, maintenance: bool) -> IncidentStatus:
    if maintenance:
        if raw in _BACK:
            return IncidentStatus.COMPLETED
        return IncidentStatus.IN_PROGRESS if raw == "maintenance" else IncidentStatus.SCHEDULED
    return IncidentStatus.RESOLVED if raw in _BACK else IncidentStatus.INVESTIGATING


def _update(row: JSONObject, names: dict[str, str], *, maintenance: bool) -> IncidentUpdate | None:
    update_id = text(row.get("id"))
    attributes = obj(row.get("attributes"))
    published = parse_time(attributes.get("published_at")) or parse_time(
        attributes.get("created_at")
    )
    if update_id is None or published is None:
        return None
    affected = _affected(attributes.get("affected_resources"), names)
    states = {c.new_status_raw for c in affected}
    if states and states <= _BACK:
        raw = "resolved"
        status = IncidentStatus.COMPLETED if maintenance else IncidentStatus.RESOLVED
    else:
        worst = max(affected, key=lambda c: c.new_status.severity, default=None)
        raw = worst.new_status_raw if worst else ""
        # A maintenance post names its resources "maintenance", or none at all.
        state = (raw or "maintenance") if maintenance else raw
        status = _report_status(state, maintenance=maintenance)
    return IncidentUpdate(
        id=update_id,
        status=status,
        status_raw=raw,
        body=html_to_text(text(attributes.get("message"))),
        created_at=published,
        display_at=published,
        affected_components=affected,
    )


PLATFORM = Platform(
    kind=SourceKind.BETTERSTACK,
    name="Status page API",
    maker="Better Stack",
    format=Format.JSON,
    recognise=by_shape(is_betterstack),
    build=betterstack_snapshot,
    paths=("/index.json",),
    markers=("/index.json",),
)
