"""Gatus: a self-hosted health dashboard, read from its own API.

``/api/v1/endpoints/statuses`` is an array of endpoints ``{name, group, key, results}``.
Each endpoint is a component (its ``key``, ``<group>_<name>`` slugified, is its id; the
``group`` string its group): healthy when its newest result has ``success`` true, a
major outage when false, unknown without results. Gatus knows no degraded state (a slow
response fails its condition like an error does). The page: all healthy operational,
some failing a partial outage, all failing a major outage. Only the newest result of
each endpoint is asked for (``pageSize=1``): the page is one result per endpoint, not 20.

``/api/v1/config`` (not protected, second) holds the announcements: an announcement is an
incident keyed by its ``timestamp`` (Gatus gives no ids) with that one post, its ``type``
the impact (outage major, warning minor, else none); ``archived`` or the type
``operational`` closes it. Older servers answer without announcements: no incidents.
Gatus gives no incidents of its own (only per-endpoint events, one document each).
Pages with ``security`` configured answer the statuses only with credentials: not read.

Read from the server's own API test outputs (results oldest first, RFC 3339 times);
the announcement shape from its source: no live capture.
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

_API: Final = "/api/v1/"
_STATUSES: Final = "/api/v1/endpoints/statuses"
_CONFIG: Final = "/api/v1/config"
# The newest result of each endpoint is all the state needs.
_NEWEST: Final = "?page=1&pageSize=1"
_ENDS_IN_STATUSES = re.compile(r"/api/v1/endpoints/statuses/?$")
_IMPACT: Final = {"outage": Impact.MAJOR, "warning": Impact.MINOR}


def is_gatus(data: object) -> TypeIs[list[JSONObject]]:
    """A non-empty array of endpoints, each with a ``key`` and a ``results`` array."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(
            isinstance(row, dict)
            and isinstance(row.get("key"), str)
            and "name" in row
            and isinstance(row.get("results"), list)
            for row in data
        )
    )


def _is_config(data: object) -> TypeIs[JSONObject]:
    return isinstance(data, dict) and bool({"announcements", "oidc", "authenticated"} & data.keys())


def gatus_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The endpoint statuses (components and page state) or the config (announcements)."""
    base = _origin(url or "")
    page = Page(id=base, name=urlsplit(base).hostname or "", url=base)
    if _is_config(data):
        rows = objects(data.get("announcements"))
        return Snapshot(
            source=SourceKind.GATUS,
            page=page,
            status=PageStatus.UNKNOWN,
            status_raw="",
            description="",
            incidents=tuple(i for row in rows if (i := _announcement(row)) is not None),
        )
    if not is_gatus(data):
        msg = "Not a Gatus endpoint statuses array or config document"
        raise StatusPageContentError(msg)
    components = [_endpoint(row, n) for n, row in enumerate(data, 1)]
    groups: dict[str, list[str]] = {}
    for component in components:
        if component.group_id:
            groups.setdefault(component.group_id, []).append(component.id)
    status = _page_status([c.status for c in components])
    return Snapshot(
        source=SourceKind.GATUS,
        page=page,
        status=status,
        status_raw=status.value,
        description="",
        components=tuple(components),
        groups=tuple(
            ComponentGroup(id=name, name=name, component_ids=tuple(ids))
            for name, ids in groups.items()
        ),
    )


def _endpoint(row: JSONObject, position: int) -> Component:
    key = text(row.get("key")) or ""
    # Results come oldest first: the last one is the endpoint's state now.
    newest = next(reversed(objects(row.get("results"))), None)
    success = obj(newest).get("success")
    if isinstance(success, bool):
        status = ComponentStatus.OPERATIONAL if success else ComponentStatus.MAJOR_OUTAGE
        raw = "healthy" if success else "unhealthy"
    else:
        status, raw = ComponentStatus.UNKNOWN, ""
    return Component(
        id=key,
        name=html_to_text(text(row.get("name"))) or key,
        status=status,
        status_raw=raw,
        group_id=text(row.get("group")) or None,
        position=position,
    )


def _page_status(states: list[ComponentStatus]) -> PageStatus:
    known = [s for s in states if s is not ComponentStatus.UNKNOWN]
    down = known.count(ComponentStatus.MAJOR_OUTAGE)
    if not known:
        return PageStatus.UNKNOWN
    if down:
        return PageStatus.MAJOR_OUTAGE if down == len(known) else PageStatus.PARTIAL_OUTAGE
    return PageStatus.OPERATIONAL


def _announcement(row: JSONObject) -> Incident | None:
    stamp = text(row.get("timestamp"))
    when = parse_time(stamp)
    if stamp is None or when is None:
        return None
    kind = text(row.get("type")) or "none"
    closed = row.get("archived") is True or kind == "operational"
    status = IncidentStatus.RESOLVED if closed else IncidentStatus.INVESTIGATING
    raw = "archived" if row.get("archived") is True else kind
    body = html_to_text(text(row.get("message")))
    return Incident(
        id=stamp,
        name=body.split("\n", 1)[0] or kind,
        status=status,
        status_raw=raw,
        impact=_IMPACT.get(kind, Impact.NONE),
        impact_raw=kind,
        url=None,
        created_at=when,
        started_at=when,
        resolved_at=when if closed else None,
        updates=(
            IncidentUpdate(
                id=stamp, status=status, status_raw=raw, body=body, created_at=when, display_at=when
            ),
        ),
    )


def _origin(url: str) -> str:
    return url.split(_API, 1)[0] if _API in url else url.split("?", 1)[0].rstrip("/")


def _claim(url: str) -> str | None:
    # A statuses address given without paging is asked for the newest results only.
    if _ENDS_IN_STATUSES.search(urlsplit(url).path):
        return _origin(url) + _STATUSES + _NEWEST
    return None


def gatus_documents(url: str) -> tuple[str, ...]:
    """The statuses (first: they give the state), then the config with its announcements."""
    origin = _origin(url)
    return (origin + _STATUSES + _NEWEST, origin + _CONFIG)


PLATFORM = Platform(
    kind=SourceKind.GATUS,
    name="Endpoint statuses API v1",
    maker="Gatus",
    format=Format.JSON,
    recognise=by_shape(is_gatus),
    build=gatus_snapshot,
    paths=(_STATUSES + _NEWEST,),
    markers=("/api/v1/endpoints/", _CONFIG),
    claim=_claim,
    documents=gatus_documents,
)
