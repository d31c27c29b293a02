"""UptimeRobot public status pages: the JSON the page's own script reads.

The page (``stats.uptimerobot.com/<token>``) is rendered in the browser from
``/api/getMonitorList/<token>`` (monitors with ``statusClass`` success / danger /
black = paused, and the page's counts) and ``/api/getEventFeed/<token>`` (the
announcements posted on the page). On a custom domain the token appears only in
the page's script: give the ``…/api/getMonitorList/<token>`` address there.

A monitor is only up or down: a paused one reads ``unknown``. The page state comes
from ``statistics.counts`` (it covers every monitor, the list only the first 30).
Announcements carry no id and no link between posts: each is an incident of one
update, keyed by its ``ts`` (epoch seconds) and title, open until it has an end date.
"""

from __future__ import annotations

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
from ..parsers.common import epoch_time, unique_ids
from ..parsers.fields import JSONObject, integer, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, by_shape

HOST = "stats.uptimerobot.com"
_DOCUMENT = re.compile(r"^/api/(?:getMonitorList|getEventFeed|getMonitor)/([A-Za-z0-9]+)/?$")
_PAGE = re.compile(r"^/([A-Za-z0-9]+)/?$")
_MONITOR = {
    "success": ComponentStatus.OPERATIONAL,
    "danger": ComponentStatus.MAJOR_OUTAGE,
}


def is_uptimerobot(data: object) -> TypeIs[JSONObject]:
    """A monitor list: ``psp`` with its monitors (or a one-monitor page) and ``statistics``."""
    if not isinstance(data, dict) or not isinstance(data.get("statistics"), dict):
        return False
    return isinstance(obj(data.get("psp")).get("monitors"), list) or isinstance(
        obj(data.get("monitor")).get("statusClass"), str
    )


def uptimerobot_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The monitor list (state, monitors) or the event feed (announcements)."""
    if not isinstance(data, dict):
        data = {}
    feed = isinstance(data.get("results"), list)
    if not (is_uptimerobot(data) or feed):
        msg = "Not an UptimeRobot status page document"
        raise StatusPageContentError(msg)
    page = _page_of(url or "") or ""
    # Newer lists repeat the monitors as ``data``; a one-monitor page has ``monitor``.
    rows = (
        objects(data.get("data"))
        or objects(obj(data.get("psp")).get("monitors"))
        or objects([data.get("monitor")])
    )
    components = [_monitor(row) for row in rows if text(row.get("monitorId"))]
    status, raw = _status(obj(obj(data.get("statistics")).get("counts")), components)
    return Snapshot(
        source=SourceKind.UPTIMEROBOT,
        page=Page(id=page, name=html_to_text(text(data.get("title"))), url=page),
        status=status,
        status_raw=raw,
        description=text(obj(data.get("statistics")).get("count_result")) or "",
        components=tuple(components),
        groups=tuple(_groups(rows)),
        incidents=_announcements(objects(data.get("results"))) if feed else (),
    )


def _monitor(row: JSONObject) -> Component:
    raw = text(row.get("statusClass")) or "unknown"
    row_id = text(row.get("monitorId")) or ""
    return Component(
        id=row_id,
        name=html_to_text(text(row.get("name"))) or row_id,
        status=_MONITOR.get(raw.lower(), ComponentStatus.UNKNOWN),
        status_raw=raw,
        group_id=text(row.get("groupId")),
    )


def _groups(rows: list[JSONObject]) -> list[ComponentGroup]:
    members: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        if (group := text(row.get("groupId"))) and (member := text(row.get("monitorId"))):
            members.setdefault(group, []).append(member)
            names.setdefault(group, html_to_text(text(row.get("groupName"))) or group)
    return [
        ComponentGroup(id=g, name=names[g], component_ids=tuple(ids)) for g, ids in members.items()
    ]


def _status(counts: JSONObject, components: list[Component]) -> tuple[PageStatus, str]:
    """Down monitors against the others, paused ones aside: the counts, else the list."""
    up, down = integer(counts.get("up")), integer(counts.get("down"))
    if up is None or down is None:
        up = sum(c.status is ComponentStatus.OPERATIONAL for c in components)
        down = sum(c.status is ComponentStatus.MAJOR_OUTAGE for c in components)
    raw = f"{down} down, {up} up"
    if down == 0:
        return (PageStatus.OPERATIONAL if up else PageStatus.UNKNOWN), raw
    return (PageStatus.MAJOR_OUTAGE if up == 0 else PageStatus.PARTIAL_OUTAGE), raw


def _announcements(rows: list[JSONObject]) -> tuple[Incident, ...]:
    dated = [(row, when) for row in rows if (when := epoch_time(row.get("ts")))]
    keys = unique_ids(f"{text(row.get('ts'))}-{text(row.get('title')) or ''}" for row, _ in dated)
    found = []
    for key, (row, when) in zip(keys, dated, strict=True):
        ended = epoch_time(row.get("endDate"))
        closed = row.get("endDate") is not None
        kind = text(row.get("eventType")) or "unknown"
        raw = text(row.get("status")) or ("resolved" if closed else kind)
        status = IncidentStatus.RESOLVED if closed else IncidentStatus.from_raw(raw)
        if status is IncidentStatus.UNKNOWN:
            status = IncidentStatus.UPDATE  # an open announcement without a lifecycle word
        title = html_to_text(text(row.get("title"))) or key
        found.append(
            Incident(
                id=key,
                name=title,
                status=status,
                status_raw=raw,
                impact=Impact.NONE if closed else Impact.MINOR,
                impact_raw=kind,
                url=None,
                created_at=when,
                started_at=when,
                resolved_at=(ended or when) if closed else None,
                updates=(
                    IncidentUpdate(
                        id=text(row.get("ts")) or key,
                        status=status,
                        status_raw=raw,
                        body=html_to_text(text(row.get("content"))),
                        created_at=when,
                        display_at=when,
                    ),
                ),
            )
        )
    return tuple(sorted(found, key=lambda i: i.created_at, reverse=True))


def _token(url: str) -> tuple[str, str] | None:
    """The origin and token of a page or document address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    match = _DOCUMENT.match(parts.path) or (_PAGE.match(parts.path) if host == HOST else None)
    return (f"{parts.scheme}://{parts.netloc}", match.group(1)) if match else None


def _claim(url: str) -> str | None:
    found = _token(url)
    return f"{found[0]}/api/getMonitorList/{found[1]}?page=1" if found else None


def _page_of(url: str) -> str | None:
    if (found := _token(url)) is None:
        return None
    origin, token = found
    return f"{origin}/{token}" if urlsplit(origin).hostname == HOST else origin


def uptimerobot_documents(url: str) -> tuple[str, ...]:
    """The first page of monitors, then the announcements; no token: ``url`` itself."""
    if (found := _token(url)) is None:
        return (url,)
    origin, token = found
    return (f"{origin}/api/getMonitorList/{token}?page=1", f"{origin}/api/getEventFeed/{token}")


PLATFORM = Platform(
    kind=SourceKind.UPTIMEROBOT,
    name="Public status page",
    maker="UptimeRobot",
    format=Format.JSON,
    recognise=by_shape(is_uptimerobot),
    build=uptimerobot_snapshot,
    markers=("/api/getMonitorList/", "/api/getEventFeed/"),
    claim=_claim,
    page_of=_page_of,
    documents=uptimerobot_documents,
)
