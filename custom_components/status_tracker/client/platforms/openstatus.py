"""OpenStatus public pages: ``<page>/feed/json``.

Pages live at ``<slug>.openstatus.dev`` or on a custom domain; the public status API
(``api.openstatus.dev/public/status/<slug>``) names the page by its slug. One document
holds the page: ``{title, description, status, updatedAt, monitors, pageComponents,
pageComponentGroups, maintenances, statusReports}``. The page ``status`` is
operational, degraded_performance, partial_outage, major_outage, under_maintenance,
``incident`` (an open monitor incident: degraded) or unknown (also what a private
page answers). A component's state is its monitor's (``monitors``, deprecated) where
listed; else it is derived: under maintenance while a maintenance names it, degraded
while an open report names it, else operational.

Status reports are incidents with integer ids and posts (``statusReportUpdates``) with
integer ids; their status words (investigating, identified, monitoring, resolved) are
ours. OpenStatus rates no impact: an open report is minor, a closed one none. Reports
and maintenances list page component ids; they read as those components' names.
Maintenances (ids prefixed ``maintenance-``, a separate table) have a window and no
posts: their one update is keyed by the state the window gives at the document's time
(its ``updatedAt`` is when the server built it) and the maintenance's ``updatedAt``, so
an edit, the start and the end are each reported once.

Written from OpenStatus' source (the route that builds the document): no live capture.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
import re
from typing import Final, TypeIs
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
from ..parsers.fields import JSONObject, integer, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

_FEED: Final = "/feed/json"
_HOSTED = re.compile(r"^([a-z0-9-]+)\.openstatus\.dev$")
_PUBLIC_API = re.compile(r"^https://api\.openstatus\.dev/public/status/([A-Za-z0-9-]+)/?$")
_NOT_PAGES: Final = frozenset({"www", "api", "app", "docs"})
_PAGE: Final = {
    "operational": PageStatus.OPERATIONAL,
    "degraded_performance": PageStatus.DEGRADED,
    "incident": PageStatus.DEGRADED,
    "partial_outage": PageStatus.PARTIAL_OUTAGE,
    "major_outage": PageStatus.MAJOR_OUTAGE,
    "under_maintenance": PageStatus.MAINTENANCE,
}


def is_openstatus(data: object) -> TypeIs[JSONObject]:
    """A page with its ``statusReports``, ``maintenances`` and ``pageComponents`` arrays."""
    return (
        isinstance(data, dict)
        and "title" in data
        and all(isinstance(data.get(k), list) for k in ("statusReports", "maintenances"))
        and isinstance(data.get("pageComponents", data.get("monitors")), list)
    )


def openstatus_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded ``/feed/json`` document."""
    if not is_openstatus(data):
        msg = "Not an OpenStatus feed/json document"
        raise StatusPageContentError(msg)
    # The document's updatedAt is the server's clock when it built the document (the route
    # revalidates each minute): the window's state as the page shows it, whatever our clock.
    built = parse_time(data.get("updatedAt"))
    now = built or datetime.now(UTC)
    reports = [r for row in objects(data["statusReports"]) if (r := _report(row)) is not None]
    maintenances = [
        m for row in objects(data["maintenances"]) if (m := _maintenance(row, now)) is not None
    ]
    components = _components(data, reports, maintenances)
    names = {c.id: c.name for c in components}
    members: dict[str, list[str]] = {}
    for component in components:
        members.setdefault(component.group_id or "", []).append(component.id)
    raw = text(data.get("status")) or "unknown"
    base = (url or "").split(_FEED, 1)[0].rstrip("/")
    return Snapshot(
        source=SourceKind.OPENSTATUS,
        page=Page(
            id=base,
            name=html_to_text(text(data.get("title"))),
            url=base,
            updated_at=built,
        ),
        status=_PAGE.get(raw, PageStatus.UNKNOWN),
        status_raw=raw,
        description=html_to_text(text(data.get("description"))),
        components=tuple(components),
        groups=tuple(
            ComponentGroup(
                id=group_id,
                name=html_to_text(text(row.get("name"))) or group_id,
                component_ids=tuple(members.get(group_id, ())),
            )
            for row in objects(data.get("pageComponentGroups"))
            if (group_id := text(row.get("id")))
        ),
        incidents=_named(reports, names),
        maintenances=_named(maintenances, names),
    )


def _named(items: list[Incident], names: dict[str, str]) -> tuple[Incident, ...]:
    """The items naming their components by name, as on every platform (read by id till here)."""
    return tuple(
        replace(i, components=tuple(dict.fromkeys(names[c] for c in i.components if c in names)))
        for i in items
    )


def _components(
    data: JSONObject, reports: list[Incident], maintenances: list[Incident]
) -> list[Component]:
    monitors = {
        key: raw
        for row in objects(data.get("monitors"))
        if (key := text(row.get("id"))) and (raw := text(row.get("status")))
    }
    in_report = {c for r in reports if r.is_active for c in r.components}
    in_maintenance = {
        c for m in maintenances if m.status is IncidentStatus.IN_PROGRESS for c in m.components
    }
    components = []
    rows = objects(data.get("pageComponents")) or objects(data.get("monitors"))
    for n, row in enumerate(rows, 1):
        if (key := text(row.get("id"))) is None:
            continue
        raw = monitors.get(text(row.get("monitorId")) or key) if "monitorId" in row else None
        raw = raw or text(row.get("status"))
        if raw is None:  # no monitor state: what the open items say of it
            if key in in_maintenance:
                raw = "under_maintenance"
            else:
                raw = "degraded_performance" if key in in_report else "operational"
        components.append(
            Component(
                id=key,
                name=html_to_text(text(row.get("name"))) or key,
                status=ComponentStatus.from_raw(raw),
                status_raw=raw,
                group_id=text(row.get("groupId")),
                description=text(row.get("description")) or None,
                position=integer(row.get("order")) or n,
            )
        )
    return components


def _ids(row: JSONObject) -> tuple[str, ...]:
    listed = row.get("pageComponents")
    return tuple(t for i in (listed if isinstance(listed, list) else []) if (t := text(i)))


def _report(row: JSONObject) -> Incident | None:
    report_id = text(row.get("id"))
    updates = []
    for item in objects(row.get("statusReportUpdates")):
        update_id, when = text(item.get("id")), parse_time(item.get("date"))
        if update_id is None or when is None:
            continue
        raw = text(item.get("status")) or ""
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=IncidentStatus.from_raw(raw or "update"),
                status_raw=raw,
                body=html_to_text(text(item.get("message"))),
                created_at=parse_time(item.get("updatedAt")) or when,
                display_at=when,
            )
        )
    updates.sort(key=lambda u: (u.display_at, u.id))
    created = updates[0].display_at if updates else parse_time(row.get("updatedAt"))
    if report_id is None or created is None:
        return None
    raw = text(row.get("status")) or (updates[-1].status_raw if updates else "")
    status = IncidentStatus.from_raw(raw or "investigating")
    return Incident(
        id=report_id,
        name=html_to_text(text(row.get("title"))) or report_id,
        status=status,
        status_raw=raw,
        impact=Impact.NONE if status.is_closed else Impact.MINOR,
        impact_raw="",
        url=None,
        created_at=created,
        updated_at=parse_time(row.get("updatedAt")),
        started_at=created,
        resolved_at=updates[-1].display_at if status.is_closed and updates else None,
        components=_ids(row),
        updates=tuple(updates),
    )


def _maintenance(row: JSONObject, now: datetime) -> Incident | None:
    item_id = text(row.get("id"))
    starts, ends = parse_time(row.get("from")), parse_time(row.get("to"))
    if item_id is None or starts is None:
        return None
    if now < starts:
        status = IncidentStatus.SCHEDULED
    elif ends is None or now < ends:
        status = IncidentStatus.IN_PROGRESS
    else:
        status = IncidentStatus.COMPLETED
    edited = text(row.get("updatedAt")) or text(row.get("from")) or ""
    # When this state began: the post (scheduled), the window's start, or its end.
    posted = {IncidentStatus.SCHEDULED: parse_time(edited), IncidentStatus.COMPLETED: ends}
    since = posted.get(status) or starts
    return Incident(
        id=f"maintenance-{item_id}",
        name=html_to_text(text(row.get("name")) or text(row.get("title"))) or item_id,
        status=status,
        status_raw=status.value,
        impact=Impact.MAINTENANCE,
        impact_raw="",
        url=None,
        created_at=parse_time(row.get("updatedAt")) or starts,
        started_at=starts if status is not IncidentStatus.SCHEDULED else None,
        resolved_at=ends if status.is_closed else None,
        components=_ids(row),
        updates=(
            IncidentUpdate(
                id=f"{status.value}-{edited}",
                status=status,
                status_raw=status.value,
                body=html_to_text(text(row.get("message"))),
                created_at=since,
                display_at=since,
            ),
        ),
        is_maintenance=True,
        scheduled_for=starts,
        scheduled_until=ends,
    )


def _claim(url: str) -> str | None:
    """A hosted page's or the public API's address: the page's ``feed/json``."""
    if (match := _PUBLIC_API.match(url)) is not None:
        return f"https://{match.group(1).lower()}.openstatus.dev{_FEED}"
    parts = urlsplit(url)
    match = _HOSTED.match(parts.hostname or "")
    if match is None or match.group(1) in _NOT_PAGES:
        return None
    return f"{parts.scheme}://{parts.netloc}{_FEED}"


def _page_of(url: str) -> str | None:
    match = _PUBLIC_API.match(url)
    return f"https://{match.group(1).lower()}.openstatus.dev" if match else None


PLATFORM = Platform(
    kind=SourceKind.OPENSTATUS,
    name="Public status feed (JSON)",
    maker="OpenStatus",
    format=Format.JSON,
    recognise=by_shape(is_openstatus),
    build=openstatus_snapshot,
    paths=(_FEED,),
    markers=(_FEED,),
    suffixes=(_FEED,),
    claim=_claim,
    page_of=_page_of,
)
