"""AWS Health Dashboard: ``https://health.aws.amazon.com/public/currentevents``.

The body is UTF-16 (decoded before it gets here) and an empty array when all is
well. Each event is ``{date, region_name, status, service, service_name, summary,
event_log[{summary, message, status, timestamp}], impacted_services{id:
{service_name, current, max}}, end_time}`` with epoch seconds as strings and
status codes as strings at the top but ints in the log: 0 resolved, 1
informational, 2 degradation, 3 disruption. Events have no id: ``arn`` when
present, else ``service@date``. Log entries have no id: their timestamp is the
id. No component list, no links, and no region filter here (region-wide events
stay open for months; the caller decides what to show): an event's region is kept as
the code at the end of its ``service`` slug (``ec2-eu-central-1``), else ``region_name``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from ..errors import StatusPageContentError
from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..parsers.common import epoch_time, unique_ids
from ..parsers.fields import JSONObject, load_json, obj, objects, text
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, url_free

if TYPE_CHECKING:
    from datetime import datetime

AWS_STATUS_URL: Final = "https://health.aws.amazon.com/health/status"
IMPACT_OF_CODE = {0: Impact.NONE, 1: Impact.MINOR, 2: Impact.MAJOR, 3: Impact.CRITICAL}
PAGE_OF_CODE = {1: PageStatus.DEGRADED, 2: PageStatus.DEGRADED, 3: PageStatus.PARTIAL_OUTAGE}
_PREFIX = re.compile(r"^\s*\[[^\]]{1,40}\]\s*")
_MARKERS = frozenset({"event_log", "impacted_services", "region_name"})
# A region code ends a service slug: "lambda-us-east-1", "ec2-us-gov-west-1".
_REGION = re.compile(r"(?:^|-)([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$")


def aws_region(slug: str | None) -> str | None:
    """The region code a service slug ends in, if it ends in one."""
    match = _REGION.search(slug or "")
    return match.group(1) if match else None


def is_aws(data: object) -> bool:
    """An array of objects with AWS event keys."""
    return isinstance(data, list) and any(_MARKERS & row.keys() for row in objects(data))


def parse_aws(body: bytes) -> Snapshot:
    """Parse ``currentevents`` (UTF-8 or UTF-16, as ``json.loads`` detects)."""
    return aws_snapshot(load_json(body))


def aws_snapshot(data: object) -> Snapshot:
    """The snapshot of decoded ``currentevents`` (an empty array is a healthy page)."""
    if not isinstance(data, list) or (data and not is_aws(data)):
        msg = "Not AWS currentevents: expected an array of events"
        raise StatusPageContentError(msg)
    events = [e for e in (_event(row) for row in objects(data)) if e is not None]
    events.sort(key=lambda e: e.created_at, reverse=True)
    codes = [_code(row.get("status")) for row in objects(data) if not _closed(row)]
    worst = max((c for c in codes if c is not None), default=0)
    return Snapshot(
        source=SourceKind.AWS,
        page=Page(id="aws", name="AWS Health Dashboard", url=AWS_STATUS_URL),
        status=PAGE_OF_CODE.get(worst, PageStatus.OPERATIONAL),
        status_raw=str(worst) if worst else "",
        description="",
        incidents=tuple(events),
    )


def _code(value: object) -> int | None:
    raw = text(value)
    return int(raw) if raw is not None and raw.isdecimal() and len(raw) < 3 else None  # noqa: PLR2004


def _closed(row: JSONObject) -> bool:
    return _code(row.get("status")) == 0 or epoch_time(row.get("end_time")) is not None


def _event(row: JSONObject) -> Incident | None:
    service = text(row.get("service"))
    date = text(row.get("date"))
    event_id = text(row.get("arn")) or (f"{service}@{date}" if service and date else None)
    closed = _closed(row)
    updates = _log(row, closed=closed)
    # ``date`` can be later than the first log entry: the event began at the earlier.
    times = [epoch_time(row.get("date")), updates[0].created_at if updates else None]
    created = min((t for t in times if t is not None), default=None)
    if event_id is None or created is None:
        return None
    impacted = [obj(item) for item in obj(row.get("impacted_services")).values()]
    codes = [
        _code(row.get("status")),
        *(_code(entry.get("status")) for entry in objects(row.get("event_log"))),
        *(_code(item.get("max")) for item in impacted),
    ]
    worst = max((c for c in codes if c is not None), default=None)
    names = [text(row.get("service_name")), *(text(i.get("service_name")) for i in impacted)]
    raw = text(row.get("status")) or "unknown"
    summary = html_to_text(text(row.get("summary")))
    ended = epoch_time(row.get("end_time"))
    return Incident(
        id=event_id,
        name=_PREFIX.sub("", summary) or summary or event_id,
        status=IncidentStatus.RESOLVED if closed else IncidentStatus.INVESTIGATING,
        status_raw=raw,
        impact=IMPACT_OF_CODE.get(worst, Impact.UNKNOWN) if worst is not None else Impact.UNKNOWN,
        impact_raw=str(worst) if worst is not None else "",
        url=None,
        created_at=created,
        updated_at=updates[-1].display_at if updates else None,
        started_at=created,
        resolved_at=(ended or (updates[-1].display_at if updates else None)) if closed else None,
        components=tuple(dict.fromkeys(name for name in names if name)),
        regions=tuple(r for r in (aws_region(service) or text(row.get("region_name")),) if r),
        updates=tuple(updates),
    )


def _log(row: JSONObject, *, closed: bool) -> list[IncidentUpdate]:
    timed: list[tuple[datetime, str, JSONObject]] = [
        (when, text(entry.get("timestamp")) or "", entry)
        for entry in objects(row.get("event_log"))
        if (when := epoch_time(entry.get("timestamp"))) is not None
    ]
    timed.sort(key=lambda item: item[0])
    ids = unique_ids(key for _, key, _ in timed)
    updates = []
    for n, (update_id, (when, _, entry)) in enumerate(zip(ids, timed, strict=True), 1):
        summary = text(entry.get("summary")) or ""
        resolves = "[RESOLVED]" in summary.upper() or (closed and n == len(timed))
        updates.append(
            IncidentUpdate(
                id=update_id,
                status=IncidentStatus.RESOLVED if resolves else IncidentStatus.INVESTIGATING,
                status_raw=text(entry.get("status")) or "",
                body=html_to_text(text(entry.get("message"))),
                created_at=when,
                display_at=when,
            )
        )
    return updates


AWS_CURRENT_EVENTS: Final = "https://health.aws.amazon.com/public/currentevents"


def _recognise(data: object, url: str) -> bool:  # noqa: ARG001
    # Asked after Google and Slack: an empty array no address claims is AWS's quiet page.
    return is_aws(data) or data == []


PLATFORM = Platform(
    kind=SourceKind.AWS,
    name="Health current events",
    maker="Amazon Web Services",
    format=Format.JSON,
    recognise=_recognise,
    build=url_free(aws_snapshot),
    markers=("/public/currentevents",),
    hosts={
        "health.aws.amazon.com": AWS_CURRENT_EVENTS,
        "status.aws.amazon.com": AWS_CURRENT_EVENTS,
    },
    suffixes=("/public/currentevents",),
)
