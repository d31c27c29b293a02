"""Google's ``incidents.json`` (Google Cloud, and Google Workspace with the same schema).

A bare array of incidents, newest first, years deep: ``{id, begin, created, end,
modified, external_desc, severity, status_impact, affected_products[], updates[],
most_recent_update, uri}``. An incident is open while ``end`` is missing, null or
empty. Updates have no id, so their ``created`` text is the id; their ``status``
is a service state (``SERVICE_INFORMATION`` / ``SERVICE_DISRUPTION`` /
``SERVICE_OUTAGE``, or ``AVAILABLE`` when service is back), so an ``AVAILABLE``
update resolves and any other is a progress post. Only the open incidents and
the ``WINDOW`` most recently modified are kept, as a Statuspage ``incidents.json``
keeps its last 50. There is no component list; ``uri`` is relative, so links are
made only when the caller passes the document's URL. The locations an incident names
(``currently_`` and ``previously_affected_locations``, and each update's
``affected_locations``) are kept by id (``us-central1``) as its regions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from ..errors import StatusPageContentError
from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..parsers.common import IMPACT_TO_PAGE, absolute_url, unique_ids, worst_impact
from ..parsers.fields import JSONObject, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform

if TYPE_CHECKING:
    from datetime import datetime

WINDOW: Final = 50
_IMPACT = {
    "SERVICE_INFORMATION": Impact.MINOR,
    "SERVICE_DISRUPTION": Impact.MAJOR,
    "SERVICE_OUTAGE": Impact.CRITICAL,
}
_SEVERITY = {"low": Impact.MINOR, "medium": Impact.MAJOR, "high": Impact.CRITICAL}
_NAMES = {
    "status.cloud.google.com": "Google Cloud",
    "www.google.com": "Google Workspace",
}
_MARKERS = frozenset({"external_desc", "status_impact", "affected_products", "service_key"})


def is_google(data: object) -> bool:
    """An array of objects with Google's incident keys."""
    return isinstance(data, list) and any(_MARKERS & row.keys() for row in objects(data))


def parse_google(body: bytes, url: str | None = None) -> Snapshot:
    """Parse ``incidents.json``; ``url`` (where it was read) makes incident links absolute."""
    return google_snapshot(load_json(body), url)


def google_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded ``incidents.json`` (an empty array is a quiet page)."""
    if not isinstance(data, list) or (data and not is_google(data)):
        msg = "Not a Google incidents.json: expected an array of incidents"
        raise StatusPageContentError(msg)
    found = [i for i in (_incident(row, url) for row in objects(data)) if i is not None]
    found.sort(key=lambda i: i.updated_at or i.created_at, reverse=True)
    kept = {i.id for i in found[:WINDOW]} | {i.id for i in found if i.is_active}
    incidents = tuple(i for i in found if i.id in kept)
    open_impacts = [i.impact for i in incidents if i.is_active]
    worst = worst_impact(open_impacts)
    base = url.rsplit("/", 1)[0] if url and url.endswith("/incidents.json") else (url or "")
    return Snapshot(
        source=SourceKind.GOOGLE,
        page=Page(id=base, name=_NAMES.get(urlsplit(base).hostname or "", ""), url=base),
        status=IMPACT_TO_PAGE[worst] if worst is not None else PageStatus.OPERATIONAL,
        status_raw=next((i.impact_raw for i in incidents if i.is_active and i.impact is worst), ""),
        description="",
        incidents=incidents,
    )


def _is_open(row: JSONObject) -> bool:
    end = row.get("end")
    return end is None or (isinstance(end, str) and not end.strip())


def _incident(row: JSONObject, url: str | None) -> Incident | None:
    incident_id = text(row.get("id"))
    updates = _updates(row)
    begin = parse_time(row.get("begin"))
    created = (
        parse_time(row.get("created")) or begin or (updates[0].created_at if updates else None)
    )
    if incident_id is None or created is None:
        return None
    is_open = _is_open(row)
    latest = obj(row.get("most_recent_update")).get("status")
    status_raw = text(latest) or (updates[-1].status_raw if updates else "")
    impact_raw = text(row.get("status_impact")) or ""
    severity = text(row.get("severity")) or ""
    impact = _IMPACT.get(impact_raw) or _SEVERITY.get(severity.lower(), Impact.UNKNOWN)
    products = (text(p.get("title")) for p in objects(row.get("affected_products")))
    names = [name for name in products if name] or [text(row.get("service_name")) or ""]
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("external_desc"))) or incident_id,
        status=IncidentStatus.INVESTIGATING if is_open else IncidentStatus.RESOLVED,
        status_raw=status_raw,
        impact=impact,
        impact_raw=impact_raw or severity,
        url=absolute_url(url, text(row.get("uri"))),
        created_at=created,
        updated_at=parse_time(row.get("modified")),
        started_at=begin,
        resolved_at=None if is_open else parse_time(row.get("end")),
        components=tuple(dict.fromkeys(name for name in names if name)),
        regions=_locations(row),
        updates=tuple(updates),
    )


def _locations(row: JSONObject) -> tuple[str, ...]:
    lists = [row.get("currently_affected_locations"), row.get("previously_affected_locations")]
    lists += [item.get("affected_locations") for item in objects(row.get("updates"))]
    ids = (text(place.get("id")) for places in lists for place in objects(places))
    return tuple(sorted({place for place in ids if place}))


def _updates(row: JSONObject) -> list[IncidentUpdate]:
    rows = objects(row.get("updates")) or objects([row.get("most_recent_update")])
    timed: list[tuple[datetime, datetime, str, JSONObject]] = []
    for item in rows:
        created = parse_time(item.get("created"))
        shown = parse_time(item.get("when")) or created
        if shown is None:
            continue
        key = text(item.get("created")) or text(item.get("when")) or ""
        timed.append((shown, created or shown, key, item))
    timed.sort(key=lambda entry: (entry[0], entry[1]))
    ids = unique_ids(key for _, _, key, _ in timed)
    updates = []
    for update_id, (shown, created, _, item) in zip(ids, timed, strict=True):
        raw = text(item.get("status")) or ""
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=IncidentStatus.RESOLVED
                if raw == "AVAILABLE"
                else IncidentStatus.INVESTIGATING,
                status_raw=raw,
                body=html_to_text(text(item.get("text"))),
                created_at=created,
                display_at=shown,
            )
        )
    return updates


GOOGLE_CLOUD: Final = "https://status.cloud.google.com/incidents.json"
GOOGLE_WORKSPACE: Final = "https://www.google.com/appsstatus/dashboard/incidents.json"


def _recognise(data: object, url: str) -> bool:
    # An empty array is a quiet page of any array platform: the address says whose.
    return is_google(data) or (data == [] and url.lower().endswith("/incidents.json"))


def _claim(url: str) -> str | None:
    parts = urlsplit(url)
    workspace = (parts.hostname or "").lower() == "www.google.com"
    return GOOGLE_WORKSPACE if workspace and parts.path.startswith("/appsstatus") else None


PLATFORM = Platform(
    kind=SourceKind.GOOGLE,
    name="incidents.json",
    maker="Google",
    format=Format.JSON,
    recognise=_recognise,
    build=google_snapshot,
    markers=("/incidents.json",),
    hosts={"status.cloud.google.com": GOOGLE_CLOUD},
    claim=_claim,
)
