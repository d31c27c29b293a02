"""Rootly status pages: ``/api/v1/status.json`` and ``/api/v1/incidents.json``.

Only pages on a custom domain serve this API (``*.rootly.com`` hosted pages do not, and
protected pages need their login): such a page is given by its address or a document's.
``status.json`` is Statuspage-like but of v1 and without a page id: ``{page, status:
{indicator, description}, incidents}``; ``incidents.json`` lists the active incidents,
newest first (the first 100 are asked for). The indicator none / minor / major /
maintenance is the page state (critical is read too). An incident's ``impact`` comes
from Rootly's severity (critical, major, minor, none). Its ``status`` is Rootly's own
lifecycle (``started``, ``mitigated``, ``resolved``...): a closing word closes it,
otherwise its newest post's status-page word (investigating, identified, monitoring)
is its state; ``scheduled`` / ``in_progress`` / ``completed`` make it a maintenance.

Rootly's examples show no ids: an incident is keyed by its ``id`` where one is sent,
else by its ``url`` (each incident has its own page), else by its name and start; a
post by its ``id``, else by its ``created_at`` text (``#2``… for repeats). Where
``incidents.json`` was given first, its incidents give the page state (worst impact).

Read from Rootly's documentation examples only (the incidents example was cut short
in the copy we had): no live capture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeIs
from urllib.parse import urlsplit

from ..errors import StatusPageContentError
from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..parsers.common import IMPACT_TO_PAGE, unique_ids, worst_impact
from ..parsers.fields import JSONObject, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform

if TYPE_CHECKING:
    from datetime import datetime

_API: Final = "/api/v1/"
_STATUS: Final = "/api/v1/status.json"
_INCIDENTS: Final = "/api/v1/incidents.json"
_ACTIVE: Final = "?per_page=100"
_LIFECYCLE: Final = {
    "in_triage": IncidentStatus.INVESTIGATING,
    "started": IncidentStatus.INVESTIGATING,
    "detected": IncidentStatus.INVESTIGATING,
    "acknowledged": IncidentStatus.INVESTIGATING,
    "mitigated": IncidentStatus.MONITORING,
    "resolved": IncidentStatus.RESOLVED,
    "closed": IncidentStatus.RESOLVED,
    "cancelled": IncidentStatus.RESOLVED,
    "scheduled": IncidentStatus.SCHEDULED,
    "in_progress": IncidentStatus.IN_PROGRESS,
    "completed": IncidentStatus.COMPLETED,
}
_MAINTENANCE: Final = frozenset({"scheduled", "in_progress", "completed"})
# Rootly's severities, should a page send them instead of the impact word.
_SEVERITY: Final = {"high": Impact.MAJOR, "medium": Impact.MINOR, "low": Impact.MINOR}


def is_rootly(data: object, url: str) -> TypeIs[JSONObject]:
    """A v1 ``status.json`` or ``incidents.json``: a page without an id, and its incidents."""
    if not isinstance(data, dict) or not urlsplit(url).path.endswith((_STATUS, _INCIDENTS)):
        return False
    page = obj(data.get("page"))
    return (
        "name" in page
        and "id" not in page  # Statuspage's documents name their page's id
        and isinstance(data.get("incidents"), list)
        and ("status" not in data or isinstance(obj(data["status"]).get("indicator"), str))
    )


def rootly_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of either document (the state is in ``status.json``)."""
    if not isinstance(data, dict) or not isinstance(data.get("page"), dict):
        msg = "Not a Rootly status page document: no 'page'"
        raise StatusPageContentError(msg)
    page = obj(data.get("page"))
    base = (text(page.get("url")) or _origin(url or "")).rstrip("/")
    read = [i for row in objects(data.get("incidents")) if (i := _incident(row)) is not None]
    incidents = tuple(i for i in read if not i.is_maintenance)
    indicator = text(obj(data.get("status")).get("indicator"))
    if indicator is not None:
        status, raw = PageStatus.from_raw(indicator), indicator
    else:
        worst = worst_impact(i.impact for i in read if i.is_active)
        status = IMPACT_TO_PAGE[worst] if worst else PageStatus.OPERATIONAL
        raw = worst.value if worst else "none"
    return Snapshot(
        source=SourceKind.ROOTLY,
        page=Page(
            id=base,
            name=html_to_text(text(page.get("name"))),
            url=base,
            time_zone=text(page.get("time_zone")),
            updated_at=parse_time(page.get("updated_at")),
        ),
        status=status,
        status_raw=raw,
        description=text(obj(data.get("status")).get("description")) or "",
        incidents=incidents,
        maintenances=tuple(i for i in read if i.is_maintenance),
    )


def _incident(row: JSONObject) -> Incident | None:
    updates = _updates(row)
    started = parse_time(row.get("started_at")) or parse_time(row.get("created_at"))
    started = started or (updates[0].created_at if updates else None)
    name = html_to_text(text(row.get("name")) or text(row.get("title")))
    if started is None:
        return None
    key = text(row.get("id")) or text(row.get("url")) or f"{name}@{started.isoformat()}"
    raw = (text(row.get("status")) or "").lower()
    lifecycle = _LIFECYCLE.get(raw, IncidentStatus.UNKNOWN)
    latest = updates[-1].status if updates else IncidentStatus.UNKNOWN
    maintenance = raw in _MAINTENANCE
    # A maintenance's own word is its state; an open incident's, its newest post's word.
    if (
        maintenance
        or lifecycle.is_closed
        or latest in {IncidentStatus.UNKNOWN, IncidentStatus.UPDATE}
    ):
        status = lifecycle
    else:
        status = latest
    if status is IncidentStatus.UNKNOWN and not raw:
        status = IncidentStatus.INVESTIGATING
    impact_raw = text(row.get("impact")) or text(row.get("severity")) or ""
    impact = _SEVERITY.get(impact_raw.lower()) or Impact.from_raw(impact_raw or "unknown")
    resolved = parse_time(row.get("resolved_at"))
    return Incident(
        id=key,
        name=name or key,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE if maintenance else impact,
        impact_raw=impact_raw,
        url=text(row.get("url")),
        created_at=started,
        updated_at=parse_time(row.get("updated_at"))
        or (updates[-1].created_at if updates else None),
        started_at=started,
        resolved_at=(resolved or (updates[-1].created_at if updates else None))
        if status.is_closed
        else None,
        updates=tuple(updates),
        is_maintenance=maintenance,
        scheduled_for=parse_time(row.get("scheduled_for")) if maintenance else None,
        scheduled_until=parse_time(row.get("scheduled_until")) if maintenance else None,
    )


def _updates(row: JSONObject) -> list[IncidentUpdate]:
    dated: list[tuple[datetime, JSONObject]] = [
        (when, item)
        for item in objects(row.get("incident_updates") or row.get("updates"))
        if (when := parse_time(item.get("created_at"))) is not None
    ]
    dated.sort(key=lambda pair: pair[0])
    keys = unique_ids(text(i.get("id")) or text(i.get("created_at")) or "" for _, i in dated)
    updates = []
    for key, (when, item) in zip(keys, dated, strict=True):
        raw = text(item.get("status")) or ""
        updates.append(
            IncidentUpdate(
                id=key,
                status=IncidentStatus.from_raw(raw or "update"),
                status_raw=raw,
                body=html_to_text(text(item.get("body")) or text(item.get("message"))),
                created_at=when,
                display_at=parse_time(item.get("display_at")) or when,
            )
        )
    return updates


def _origin(url: str) -> str:
    return url.split(_API, 1)[0] if _API in url else url


def _page_of(url: str) -> str | None:
    # Before the markers: Google's ``/incidents.json`` would cut at ``/api/v1``.
    path = urlsplit(url).path
    return _origin(url) if path.endswith((_STATUS, _INCIDENTS)) else None


def rootly_documents(url: str) -> tuple[str, ...]:
    """``status.json`` and the active incidents; a given ``incidents.json`` stays first."""
    origin = _origin(url)
    both = (origin + _STATUS, origin + _INCIDENTS + _ACTIVE)
    return both[::-1] if urlsplit(url).path.endswith(_INCIDENTS) else both


PLATFORM = Platform(
    kind=SourceKind.ROOTLY,
    name="Status page API v1",
    maker="Rootly",
    format=Format.JSON,
    recognise=is_rootly,
    build=rootly_snapshot,
    paths=(_STATUS,),
    markers=(_STATUS, _INCIDENTS),
    page_of=_page_of,
    documents=rootly_documents,
)
