"""Apple System Status: ``system_status_en_US.js``, consumer and developer.

Consumer: ``www.apple.com/support/systemstatus/data/system_status_en_US.js``; developer:
``…/data/developer/system_status_en_US.js``. The body is JSON, usually wrapped as
``jsonCallback({...});`` (JSONP), which this module strips itself. Every service is a
component; its events (``messageId``, ``statusType``, ``eventStatus``, epoch-millisecond
start and end) are the incidents, a ``Maintenance`` event a maintenance. An event has
no history: Apple replaces its message in place, so its one update is keyed by the
event's state and a digest of the message, and an edited message is a new update.
Only ``ongoing`` events count for the current state; the page is the worst of them.
"""

from __future__ import annotations

from hashlib import sha1
import re
from typing import TYPE_CHECKING, Any, Final, TypeIs
from urllib.parse import urlsplit

from ..document import decode_json
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
from ..parsers.common import COMPONENT_TO_PAGE, epoch_time
from ..parsers.fields import JSONObject, objects, text
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, by_shape

if TYPE_CHECKING:
    from collections.abc import Iterator

_DATA: Final = "https://www.apple.com/support/systemstatus/data/"
APPLE_CONSUMER: Final = _DATA + "system_status_en_US.js"
APPLE_DEVELOPER: Final = _DATA + "developer/system_status_en_US.js"
_CONSUMER_PAGE: Final = "https://www.apple.com/support/systemstatus"
_DEVELOPER_PAGE: Final = "https://developer.apple.com/system-status"
_WRAPPER = re.compile(rb"^\s*[A-Za-z_$][\w$]*\s*\((.*)\)\s*;?\s*$", re.DOTALL)
_TYPE = {
    "available": (ComponentStatus.OPERATIONAL, Impact.NONE),
    "performance": (ComponentStatus.DEGRADED_PERFORMANCE, Impact.MINOR),
    "issue": (ComponentStatus.PARTIAL_OUTAGE, Impact.MINOR),
    "outage": (ComponentStatus.MAJOR_OUTAGE, Impact.MAJOR),
    "maintenance": (ComponentStatus.UNDER_MAINTENANCE, Impact.MAINTENANCE),
}
_OK = ComponentStatus.OPERATIONAL
_EVENT = {
    "ongoing": IncidentStatus.INVESTIGATING,
    "resolved": IncidentStatus.RESOLVED,
    "upcoming": IncidentStatus.SCHEDULED,
    "completed": IncidentStatus.COMPLETED,
}


def decode_apple(body: bytes, content_type: str = "") -> Any:
    """The JSON inside ``jsonCallback(...);``, or the body itself when it is bare JSON."""
    body = body.removeprefix(b"\xef\xbb\xbf")
    match = _WRAPPER.match(body)
    return decode_json(match.group(1) if match else body, content_type)


def is_apple(data: object) -> TypeIs[JSONObject]:
    """``{"services": [{"serviceName", "events": [...]}...]}``."""
    return isinstance(data, dict) and any(
        "serviceName" in row and isinstance(row.get("events"), list)
        for row in objects(data.get("services"))
    )


def apple_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded system status document (developer when ``url`` says so)."""
    if not is_apple(data):
        msg = "Not an Apple system status document: no 'services' with 'events'"
        raise StatusPageContentError(msg)
    developer = "/developer/" in (url or "")
    services = objects(data["services"])
    components = tuple(_component(row, n) for n, row in enumerate(services, 1))
    events = {e.id: e for row in services for e in _events(row)}.values()
    worst = max(components, key=lambda c: c.status.severity, default=None)
    page = _DEVELOPER_PAGE if developer else _CONSUMER_PAGE
    return Snapshot(
        source=SourceKind.APPLE,
        page=Page(
            id=page,
            name="Apple Developer" if developer else "Apple",
            url=page,
        ),
        status=COMPONENT_TO_PAGE[worst.status] if worst else COMPONENT_TO_PAGE[_OK],
        status_raw=worst.status_raw if worst else "",
        description=html_to_text(text(data.get("drMessage"))),
        components=tuple(c for c in components if c.name),
        incidents=tuple(e for e in events if not e.is_maintenance),
        maintenances=tuple(e for e in events if e.is_maintenance),
    )


def _ongoing(row: JSONObject) -> Iterator[JSONObject]:
    return (e for e in objects(row.get("events")) if text(e.get("eventStatus")) == "ongoing")


def _component(row: JSONObject, position: int) -> Component:
    name = (text(row.get("serviceName")) or "").strip()
    types = [(text(e.get("statusType")) or "") for e in _ongoing(row)]
    states = [(_TYPE.get(t.lower(), (ComponentStatus.UNKNOWN,))[0], t) for t in types]
    status, raw = max(states, key=lambda s: s[0].severity, default=(_OK, "Available"))
    return Component(id=name, name=name, status=status, status_raw=raw, position=position)


def _events(row: JSONObject) -> Iterator[Incident]:
    service = (text(row.get("serviceName")) or "").strip()
    for event in objects(row.get("events")):
        event_id = text(event.get("messageId"))
        start = epoch_time(event.get("epochStartDate"))
        if event_id is None or start is None:
            continue
        kind = text(event.get("statusType")) or ""
        raw = text(event.get("eventStatus")) or ""
        status = _EVENT.get(raw.lower(), IncidentStatus.UNKNOWN)
        maintenance = kind.lower() == "maintenance"
        if maintenance and status is IncidentStatus.INVESTIGATING:
            status = IncidentStatus.IN_PROGRESS
        if maintenance and status is IncidentStatus.RESOLVED:
            status = IncidentStatus.COMPLETED
        end = epoch_time(event.get("epochEndDate"))
        message = html_to_text(text(event.get("message")))
        listed = event.get("affectedServices")  # null, or names with trailing spaces
        affected = (
            [a.strip() for a in listed if isinstance(a, str)] if isinstance(listed, list) else []
        )
        digest = sha1(message.encode(), usedforsecurity=False).hexdigest()[:12]
        when = end if status.is_closed and end else start
        # "Service: who is affected", without a dangling ": " when either is missing.
        users = html_to_text(text(event.get("usersAffected")))
        yield Incident(
            id=event_id,
            name=": ".join(part for part in (service, users) if part) or event_id,
            status=status,
            status_raw=raw,
            impact=_TYPE.get(kind.lower(), (None, Impact.UNKNOWN))[1],
            impact_raw=kind,
            url=text(row.get("redirectUrl")),
            created_at=start,
            updated_at=when,
            started_at=start,
            resolved_at=end if status.is_closed else None,
            components=tuple(dict.fromkeys([service, *filter(None, affected)])),
            updates=(
                IncidentUpdate(
                    id=f"{raw}:{digest}",
                    status=status,
                    status_raw=raw,
                    body=message,
                    created_at=when,
                    display_at=when,
                ),
            ),
            is_maintenance=maintenance,
            scheduled_for=start if maintenance else None,
            scheduled_until=end if maintenance else None,
        )


def _claim(url: str) -> str | None:
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    if host == "developer.apple.com" and path.startswith("/system-status"):
        return APPLE_DEVELOPER
    if host != "www.apple.com" or not path.startswith("/support/systemstatus"):
        return None
    if path.startswith("/support/systemstatus/data/") and path.endswith(".js"):
        return url
    return APPLE_CONSUMER


def _page_of(url: str) -> str | None:
    if not url.lower().startswith(_DATA):
        return None
    return _DEVELOPER_PAGE if "/developer/" in url else _CONSUMER_PAGE


PLATFORM = Platform(
    kind=SourceKind.APPLE,
    name="System Status",
    maker="Apple",
    format=Format.JSON,
    recognise=by_shape(is_apple),
    build=apple_snapshot,
    claim=_claim,
    page_of=_page_of,
    decode=decode_apple,
)
