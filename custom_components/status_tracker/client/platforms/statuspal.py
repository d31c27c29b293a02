"""StatusPal: ``GET https://statuspal.io/api/v2/status_pages/<subdomain>/summary``.

Pages live at ``<subdomain>.statuspal.io`` (``.eu`` in Europe); their API on the central
host of the same region. The summary holds the page, its services (nested once through
``children``: a parent is a group), the open incidents, active and upcoming maintenances
and info notices, each with an integer id and updates (newest first) with integer ids.
A ``type`` says how bad: ``minor`` and ``performance`` degrade, ``major`` is an outage,
``info`` is news, ``scheduled`` and ``emergency-maintenance`` are maintenance; a custom
type stays raw as UNKNOWN. Times are naive UTC (Phoenix/Ecto timestamps); the page's
``time_zone`` is only how the page displays them.
"""

from __future__ import annotations

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
from ..parsers.fields import JSONObject, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, by_shape

_API = re.compile(r"^https://statuspal\.(io|eu)/api/v2/status_pages/([\w-]+)/", re.IGNORECASE)
_PAGE_HOST = re.compile(r"^([\w-]+)\.statuspal\.(io|eu)$", re.IGNORECASE)
_SUMMARY = re.compile(r"/api/v2/status_pages/[\w-]+/summary$")
_TYPE: Final = {
    "minor": (ComponentStatus.DEGRADED_PERFORMANCE, Impact.MINOR, PageStatus.DEGRADED),
    "performance": (ComponentStatus.DEGRADED_PERFORMANCE, Impact.MINOR, PageStatus.DEGRADED),
    "major": (ComponentStatus.MAJOR_OUTAGE, Impact.MAJOR, PageStatus.PARTIAL_OUTAGE),
    "info": (ComponentStatus.OPERATIONAL, Impact.NONE, PageStatus.OPERATIONAL),
    "scheduled": (ComponentStatus.UNDER_MAINTENANCE, Impact.MAINTENANCE, PageStatus.MAINTENANCE),
    "emergency-maintenance": (
        ComponentStatus.UNDER_MAINTENANCE,
        Impact.MAINTENANCE,
        PageStatus.MAINTENANCE,
    ),
}
# The summary lists only current items: where one is listed says where it stands.
_MAINTENANCE_LISTS: Final = (
    ("upcoming_maintenances", IncidentStatus.SCHEDULED),
    ("maintenances", IncidentStatus.IN_PROGRESS),
)
_UPDATE: Final = {
    "issue": IncidentStatus.INVESTIGATING,
    "essential": IncidentStatus.UPDATE,
    "info": IncidentStatus.UPDATE,
}


def is_statuspal(data: object) -> TypeIs[JSONObject]:
    """``{"status_page": {"subdomain", ...}, "services": [...], "incidents": [...]}``."""
    return (
        isinstance(data, dict)
        and "subdomain" in obj(data.get("status_page"))
        and isinstance(data.get("services"), list)
    )


def statuspal_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded StatusPal summary."""
    if not is_statuspal(data):
        msg = "Not a StatusPal summary: no 'status_page.subdomain' and 'services'"
        raise StatusPageContentError(msg)
    page = obj(data["status_page"])
    components: list[Component] = []
    groups: list[ComponentGroup] = []
    for row in objects(data["services"]):
        children = objects(row.get("children"))
        group = text(row.get("id")) if children else None
        for child in children or [row]:
            if (component := _component(child, group, len(components) + 1)) is not None:
                components.append(component)
        if group is not None:
            members = tuple(c.id for c in components if c.group_id == group)
            groups.append(
                ComponentGroup(id=group, name=text(row.get("name")) or group, component_ids=members)
            )
    names = {c.id: c.name for c in components} | {g.id: g.name for g in groups}
    incidents = [
        *(_item(r, names) for r in objects(data.get("incidents"))),
        *(_item(r, names) for r in objects(data.get("info_notices"))),
    ]
    # An active maintenance may be listed as upcoming too: the active copy wins.
    maintenances = {
        m.id: m
        for key, state in _MAINTENANCE_LISTS
        for m in (_item(r, names, maintenance=state) for r in objects(data.get(key)))
        if m is not None
    }
    raw = text(page.get("current_incident_type")) or ""
    subdomain = text(page.get("subdomain")) or ""
    return Snapshot(
        source=SourceKind.STATUSPAL,
        page=Page(
            id=subdomain,
            name=text(page.get("name")) or subdomain,
            url=_page_of(url or "") or "",
            time_zone=text(page.get("time_zone")),
        ),
        status=_TYPE[raw][2] if raw in _TYPE else _custom_page(raw),
        status_raw=raw or text(data.get("current_status_type")) or "",
        description="",
        components=tuple(components),
        groups=tuple(groups),
        incidents=tuple(i for i in incidents if i is not None),
        maintenances=tuple(maintenances.values()),
    )


def _custom_page(raw: str) -> PageStatus:
    return PageStatus.UNKNOWN if raw else PageStatus.OPERATIONAL


def _component(row: JSONObject, group: str | None, position: int) -> Component | None:
    component_id = text(row.get("id"))
    if component_id is None:
        return None
    raw = text(row.get("current_incident_type")) or ""
    status = _TYPE[raw][0] if raw in _TYPE else ComponentStatus.UNKNOWN
    return Component(
        id=component_id,
        name=text(row.get("name")) or component_id,
        status=status if raw else ComponentStatus.OPERATIONAL,
        status_raw=raw or "operational",
        group_id=group,
        description=text(row.get("description")),
        position=position,
    )


def _item(
    row: JSONObject,
    names: dict[str, str],
    *,
    maintenance: IncidentStatus | None = None,
) -> Incident | None:
    item_id = text(row.get("id"))
    updates = _updates(row)
    created = parse_time(row.get("starts_at")) or parse_time(row.get("inserted_at"))
    if item_id is None or created is None:
        return None
    ends = parse_time(row.get("ends_at"))
    latest = updates[-1].status if updates else IncidentStatus.INVESTIGATING
    status = maintenance or latest
    if status in {IncidentStatus.UPDATE, IncidentStatus.UNKNOWN}:
        status = IncidentStatus.INVESTIGATING
    kind = text(row.get("type")) or ""
    listed = row.get("service_ids")
    ids = (text(i) for i in (listed if isinstance(listed, list) else []) if text(i))
    return Incident(
        id=item_id,
        name=text(row.get("title")) or item_id,
        status=status,
        status_raw=updates[-1].status_raw if updates else "",
        impact=_TYPE[kind][1] if kind in _TYPE else Impact.UNKNOWN,
        impact_raw=kind,
        url=text(row.get("url")),
        created_at=parse_time(row.get("inserted_at")) or created,
        updated_at=parse_time(row.get("updated_at")),
        started_at=created,
        resolved_at=ends if status.is_closed else None,
        components=tuple(dict.fromkeys(names[i] for i in ids if i in names)),
        updates=tuple(updates),
        is_maintenance=maintenance is not None,
        scheduled_for=created if maintenance else None,
        scheduled_until=ends if maintenance else None,
    )


def _updates(row: JSONObject) -> list[IncidentUpdate]:
    updates = []
    for item in objects(row.get("updates")):
        update_id = text(item.get("id"))
        created = parse_time(item.get("inserted_at")) or parse_time(item.get("posted_at"))
        if update_id is None or created is None:
            continue
        raw = text(item.get("type")) or ""
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=_UPDATE.get(raw.lower()) or IncidentStatus.from_raw(raw),
                status_raw=raw,
                body=html_to_text(text(item.get("description_html")))
                or html_to_text(text(item.get("description"))),
                created_at=created,
                display_at=parse_time(item.get("posted_at")) or created,
            )
        )
    return sorted(updates, key=lambda u: (u.display_at, u.created_at))  # sent newest first


def _api(url: str) -> str | None:
    match = _PAGE_HOST.match(urlsplit(url).hostname or "")
    if match is None:
        return None
    return (
        f"https://statuspal.{match.group(2).lower()}/api/v2/status_pages/{match.group(1)}/summary"
    )


def _claim(url: str) -> str | None:
    return url if _SUMMARY.search(urlsplit(url).path) else _api(url)


def _page_of(url: str) -> str | None:
    match = _API.match(url)
    return f"https://{match.group(2)}.statuspal.{match.group(1).lower()}" if match else None


PLATFORM = Platform(
    kind=SourceKind.STATUSPAL,
    name="Status page API v2",
    maker="StatusPal",
    format=Format.JSON,
    recognise=by_shape(is_statuspal),
    build=statuspal_snapshot,
    claim=_claim,
    page_of=_page_of,
)
