"""Salesforce Trust: ``GET https://api.status.salesforce.com/v1/instances/status/preview``.

An array of instances (``NA137``, ``EU12``...), each ``{key, status, isActive,
Products[], Incidents[], Maintenances[]}``. Instances number in the thousands, so the
components are the products, each as bad as the worst instance that runs it. Instance
states: OK, MINOR_INCIDENT_*, MAJOR_INCIDENT_NONCORE (partial outage),
MAJOR_INCIDENT_CORE (major outage), MAINTENANCE_*. An incident is listed under every
instance it touches (deduplicated by its integer id) and is open while one of its
impacts has no ``endTime``; its impacts (``impact-<id>``) and events (``event-<id>``)
are its updates, the impact's ``type`` a localisation key kept as the body.
"""

from __future__ import annotations

from typing import Final, TypeIs

from ..errors import StatusPageContentError
from ..models import (
    Component,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Page,
    Snapshot,
)
from ..parsers.common import COMPONENT_TO_PAGE, worst_impact
from ..parsers.fields import JSONObject, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform

SALESFORCE_PREVIEW: Final = "https://api.status.salesforce.com/v1/instances/status/preview"
_PAGE_URL: Final = "https://status.salesforce.com"
_STATE = {
    "OK": ComponentStatus.OPERATIONAL,
    "MINOR_INCIDENT_CORE": ComponentStatus.DEGRADED_PERFORMANCE,
    "MINOR_INCIDENT_NONCORE": ComponentStatus.DEGRADED_PERFORMANCE,
    "MAJOR_INCIDENT_NONCORE": ComponentStatus.PARTIAL_OUTAGE,
    "MAJOR_INCIDENT_CORE": ComponentStatus.MAJOR_OUTAGE,
    "MAINTENANCE_CORE": ComponentStatus.UNDER_MAINTENANCE,
    "MAINTENANCE_NONCORE": ComponentStatus.UNDER_MAINTENANCE,
}
_SEVERITY = {"minor": Impact.MINOR, "major": Impact.MAJOR}


def is_salesforce(data: object) -> TypeIs[list[JSONObject]]:
    """An array of instances with ``key``, ``status`` and ``Products``."""
    return isinstance(data, list) and any(
        "key" in row and "status" in row and isinstance(row.get("Products"), list)
        for row in objects(data)
    )


def salesforce_snapshot(data: object, url: str | None = None) -> Snapshot:  # noqa: ARG001
    """The snapshot of a decoded instance status preview."""
    if not isinstance(data, list) or (data and not is_salesforce(data)):
        msg = "Not a Salesforce Trust instance preview: expected an array of instances"
        raise StatusPageContentError(msg)
    products: dict[str, tuple[ComponentStatus, str]] = {}
    incidents: dict[str, Incident] = {}
    maintenances: dict[str, Incident] = {}
    for instance in objects(data):
        raw = text(instance.get("status")) or ""
        state = _STATE.get(raw, ComponentStatus.UNKNOWN)
        for product in objects(instance.get("Products")):
            if not (key := text(product.get("key"))):
                continue
            known = products.get(key)
            if known is None or state.severity > known[0].severity:
                products[key] = (state, raw)
        for row in objects(instance.get("Incidents")):
            if (incident := _incident(row)) is not None:
                incidents.setdefault(incident.id, incident)
        for row in objects(instance.get("Maintenances")):
            if (maintenance := _maintenance(row)) is not None:
                maintenances.setdefault(maintenance.id, maintenance)
    components = tuple(
        Component(id=key, name=key.replace("_", " "), status=state, status_raw=raw)
        for key, (state, raw) in sorted(products.items())
    )
    worst = max(components, key=lambda c: c.status.severity, default=None)
    return Snapshot(
        source=SourceKind.SALESFORCE,
        page=Page(id=_PAGE_URL, name="Salesforce", url=_PAGE_URL),
        status=COMPONENT_TO_PAGE[worst.status if worst else ComponentStatus.OPERATIONAL],
        status_raw=worst.status_raw if worst else "",
        description="",
        components=components,
        incidents=tuple(sorted(incidents.values(), key=lambda i: i.created_at, reverse=True)),
        maintenances=tuple(maintenances.values()),
    )


def _incident(row: JSONObject) -> Incident | None:
    incident_id = text(row.get("id"))
    created = parse_time(row.get("createdAt"))
    if incident_id is None or created is None:
        return None
    impacts = objects(row.get("IncidentImpacts"))
    is_open = not impacts or any(not impact.get("endTime") for impact in impacts)
    severities = [text(impact.get("severity")) or "" for impact in impacts]
    updates = [
        IncidentUpdate(
            id=f"impact-{impact_id}",
            status=IncidentStatus.INVESTIGATING
            if not impact.get("endTime")
            else IncidentStatus.RESOLVED,
            status_raw=text(impact.get("severity")) or "",
            body=text(impact.get("type")) or "",
            created_at=when,
            display_at=parse_time(impact.get("startTime")) or when,
        )
        for impact in impacts
        if (impact_id := text(impact.get("id"))) and (when := parse_time(impact.get("createdAt")))
    ]
    updates += [
        IncidentUpdate(
            id=f"event-{event_id}",
            status=IncidentStatus.UPDATE,
            status_raw=text(event.get("type")) or "",
            body=html_to_text(text(event.get("message"))),
            created_at=when,
            display_at=when,
        )
        for event in objects(row.get("IncidentEvents"))
        if (event_id := text(event.get("id"))) and (when := parse_time(event.get("createdAt")))
    ]
    updates.sort(key=lambda u: u.created_at)
    message = obj(row.get("message"))
    name = next(
        (html_to_text(text(message.get(k))) for k in ("rootCause", "actionPlan") if message.get(k)),
        "",
    )
    keys = row.get("instanceKeys")
    instances = [i for i in keys if isinstance(i, str)] if isinstance(keys, list) else []
    ends = [t for impact in impacts if (t := parse_time(impact.get("endTime")))]
    return Incident(
        id=incident_id,
        name=name or f"Incident {incident_id} ({', '.join(instances[:5])})".replace(" ()", ""),
        status=IncidentStatus.INVESTIGATING if is_open else IncidentStatus.RESOLVED,
        status_raw="open" if is_open else "closed",
        impact=worst_impact(_SEVERITY.get(s, Impact.UNKNOWN) for s in severities) or Impact.UNKNOWN,
        impact_raw=",".join(dict.fromkeys(filter(None, severities))),
        url=f"{_PAGE_URL}/incidents/{incident_id}",
        created_at=created,
        updated_at=parse_time(row.get("updatedAt")),
        started_at=min((u.display_at for u in updates), default=created),
        resolved_at=None if is_open else max(ends, default=None),
        components=tuple(instances),
        updates=tuple(updates),
    )


def _maintenance(row: JSONObject) -> Incident | None:
    # No captured maintenance: only the id and the planned window are read.
    maintenance_id = text(row.get("id"))
    start = parse_time(row.get("plannedStartTime"))
    if maintenance_id is None or start is None:
        return None
    name = text(obj(row.get("message")).get("name")) or text(row.get("name")) or maintenance_id
    return Incident(
        id=maintenance_id,
        name=html_to_text(name),
        status=IncidentStatus.SCHEDULED,
        status_raw="",
        impact=Impact.MAINTENANCE,
        impact_raw="",
        url=f"{_PAGE_URL}/maintenances/{maintenance_id}",
        created_at=parse_time(row.get("createdAt")) or start,
        is_maintenance=True,
        scheduled_for=start,
        scheduled_until=parse_time(row.get("plannedEndTime")),
    )


def _recognise(data: object, url: str) -> bool:
    # An empty array is a quiet page of any array platform: the address says whose.
    return is_salesforce(data) or (data == [] and "/v1/instances/status/" in url)


def _page_of(url: str) -> str | None:
    return _PAGE_URL if url.startswith(SALESFORCE_PREVIEW) else None


PLATFORM = Platform(
    kind=SourceKind.SALESFORCE,
    name="Trust API v1",
    maker="Salesforce",
    format=Format.JSON,
    recognise=_recognise,
    build=salesforce_snapshot,
    hosts={
        "status.salesforce.com": SALESFORCE_PREVIEW,
        "trust.salesforce.com": SALESFORCE_PREVIEW,
        "api.status.salesforce.com": SALESFORCE_PREVIEW,
    },
    suffixes=("/v1/instances/status/preview",),
    page_of=_page_of,
)
