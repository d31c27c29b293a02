"""Slack's status API: ``https://slack-status.com/api/v2.0.0/current`` (and ``/history``).

``current`` is ``{status: ok | active, date_created, date_updated,
active_incidents[]}``; ``history`` is a bare array of the same incidents. An
incident is ``{id, title, type: incident | notice | outage, status: active |
resolved | scheduled | completed | cancelled, url, services[], notes[]}``; the
id is a string in the docs and an int in captures. Notes have no id and no
status: a note's id is its ``date_created`` text (stable, the key is (incident
id, date_created)), the newest note carries the incident's status and earlier
ones an open status. Scheduled / completed / cancelled items are maintenances.
Times have local offsets; bodies may hold CRLF line ends or HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..errors import StatusPageContentError
from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..parsers.common import unique_ids
from ..parsers.fields import JSONObject, load_json, objects, text
from ..source import SourceKind
from ..text import html_to_text, parse_time
from .base import Format, Platform, url_free

if TYPE_CHECKING:
    from datetime import datetime

SLACK_URL: Final = "https://slack-status.com"
_MAINTENANCE_WORDS = frozenset({"scheduled", "completed", "cancelled", "canceled"})
_INCIDENT = {
    "active": IncidentStatus.INVESTIGATING,
    "resolved": IncidentStatus.RESOLVED,
    "completed": IncidentStatus.RESOLVED,
    "cancelled": IncidentStatus.RESOLVED,
    "canceled": IncidentStatus.RESOLVED,
    "scheduled": IncidentStatus.SCHEDULED,
}
_MAINTENANCE = {
    "scheduled": IncidentStatus.SCHEDULED,
    "active": IncidentStatus.IN_PROGRESS,
    "completed": IncidentStatus.COMPLETED,
    "resolved": IncidentStatus.COMPLETED,
    "cancelled": IncidentStatus.COMPLETED,
    "canceled": IncidentStatus.COMPLETED,
}
_IMPACT = {"outage": Impact.CRITICAL, "incident": Impact.MINOR, "notice": Impact.NONE}


def is_slack(data: object) -> bool:
    """``current`` (an object with ``active_incidents``) or ``history`` (incidents with notes)."""
    if isinstance(data, dict):
        return "active_incidents" in data or (
            text(data.get("status")) in {"ok", "active"} and "date_created" in data
        )
    return isinstance(data, list) and any(
        "notes" in row or "services" in row for row in objects(data)
    )


def parse_slack(body: bytes) -> Snapshot:
    """Parse Slack's ``current`` or ``history`` document."""
    return slack_snapshot(load_json(body))


def slack_snapshot(data: object) -> Snapshot:
    """The snapshot of a decoded Slack status document."""
    if not is_slack(data) and data != []:
        msg = "Not a Slack status document: no 'active_incidents'"
        raise StatusPageContentError(msg)
    rows = objects(data.get("active_incidents") if isinstance(data, dict) else data)
    found = [i for i in (_incident(row) for row in rows) if i is not None]
    found.sort(key=lambda i: i.created_at, reverse=True)
    raw = (text(data.get("status")) or "unknown") if isinstance(data, dict) else ""
    return Snapshot(
        source=SourceKind.SLACK,
        page=Page(
            id="slack-status.com",
            name="Slack",
            url=SLACK_URL,
            updated_at=parse_time(data.get("date_updated")) if isinstance(data, dict) else None,
        ),
        status=_page_status(raw, found),
        status_raw=raw,
        description="",
        incidents=tuple(i for i in found if not i.is_maintenance),
        maintenances=tuple(i for i in found if i.is_maintenance),
    )


def _page_status(raw: str, incidents: list[Incident]) -> PageStatus:
    if raw == "ok":
        return PageStatus.OPERATIONAL
    if raw not in {"active", ""}:
        return PageStatus.UNKNOWN
    active = [i for i in incidents if i.is_active]
    if any(i.impact is Impact.CRITICAL and not i.is_maintenance for i in active):
        return PageStatus.MAJOR_OUTAGE
    if any(not i.is_maintenance for i in active):
        return PageStatus.DEGRADED
    if any(i.status is IncidentStatus.IN_PROGRESS for i in active):
        return PageStatus.MAINTENANCE
    return PageStatus.DEGRADED if raw == "active" else PageStatus.OPERATIONAL


def _incident(row: JSONObject) -> Incident | None:
    incident_id = text(row.get("id"))
    created = parse_time(row.get("date_created"))
    if incident_id is None or created is None:
        return None
    raw = (text(row.get("status")) or "unknown").lower()
    kind = (text(row.get("type")) or "").lower()
    maintenance = raw in _MAINTENANCE_WORDS or "maintenance" in kind
    table = _MAINTENANCE if maintenance else _INCIDENT
    status = table.get(raw, IncidentStatus.UNKNOWN)
    opening = "scheduled" if maintenance else "active"
    updates = _notes(row, (status, raw), (table[opening], opening))
    updated = parse_time(row.get("date_updated"))
    listed = row.get("services")
    services = [s for s in listed if isinstance(s, str)] if isinstance(listed, list) else []
    return Incident(
        id=incident_id,
        name=html_to_text(text(row.get("title"))) or incident_id,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE if maintenance else _IMPACT.get(kind, Impact.UNKNOWN),
        impact_raw=kind,
        url=text(row.get("url")),
        created_at=created,
        updated_at=updated,
        started_at=None if maintenance else created,
        resolved_at=(updated or created) if status.is_closed else None,
        components=tuple(s for s in services if s),
        updates=tuple(updates),
        is_maintenance=maintenance,
    )


def _notes(
    row: JSONObject,
    last: tuple[IncidentStatus, str],
    earlier: tuple[IncidentStatus, str],
) -> list[IncidentUpdate]:
    timed: list[tuple[datetime, str, JSONObject]] = [
        (when, text(note.get("date_created")) or "", note)
        for note in objects(row.get("notes"))
        if (when := parse_time(note.get("date_created"))) is not None
    ]
    timed.sort(key=lambda entry: entry[0])
    ids = unique_ids(key for _, key, _ in timed)
    updates = []
    for n, (update_id, (when, _, note)) in enumerate(zip(ids, timed, strict=True), 1):
        status, raw = last if n == len(timed) else earlier
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=status,
                status_raw=raw,
                body=html_to_text(text(note.get("body"))),
                created_at=when,
                display_at=when,
            )
        )
    return updates


SLACK_CURRENT: Final = "https://slack-status.com/api/v2.0.0/current"


def _recognise(data: object, url: str) -> bool:
    # An empty array is a quiet page of any array platform: the address says whose.
    return is_slack(data) or (data == [] and "slack" in url.lower())


PLATFORM = Platform(
    kind=SourceKind.SLACK,
    name="Slack status API",
    maker="Slack",
    format=Format.JSON,
    recognise=_recognise,
    build=url_free(slack_snapshot),
    markers=("/api/v2.0.0/",),
    hosts={"slack-status.com": SLACK_CURRENT, "status.slack.com": SLACK_CURRENT},
    suffixes=("/api/v2.0.0/current", "/api/v2.0.0/history"),
)
