"""AWS Health Dashboard: ``https://health.aws.amazon.com/public/currentevents``.

The body is UTF-16 (decoded before it gets here) and an empty array when all is
well. Each event is ``{date, region_name, status, service, service_name, summary,
event_log[{summary, message, status, timestamp}], impacted_services{id:
{service_name, current, max}}, end_time}`` with epoch seconds as strings and
status codes as strings at the top but ints in the log: 0 resolved, 1
informational, 2 degradation, 3 disruption. Events have no id: ``arn`` when
present, else ``service@date``. Log entries have no id: their timestamp is the
id. No component list, no links, and no region filter here (region-wide events
stay open for months; the caller decides what to show).

The legacy RSS feeds (``status.aws.amazon.com/rss/all.rss`` and per service) carry
one item per post with the state as the title's first words; see ``parse_aws_feed``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from ..errors import StatusPageContentError
from ..models import (
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Page,
    PageStatus,
    Snapshot,
    SourceKind,
)
from ..text import html_to_text
from .feed import Feed, FeedEntry, feed_page
from .fields import JSONObject, load_json, obj, objects, text
from .platform import epoch_time, unique_ids

if TYPE_CHECKING:
    from datetime import datetime

AWS_STATUS_URL: Final = "https://health.aws.amazon.com/health/status"
_IMPACT = {0: Impact.NONE, 1: Impact.MINOR, 2: Impact.MAJOR, 3: Impact.CRITICAL}
_PAGE = {1: PageStatus.DEGRADED, 2: PageStatus.DEGRADED, 3: PageStatus.PARTIAL_OUTAGE}
_PREFIX = re.compile(r"^\s*\[[^\]]{1,40}\]\s*")
_MARKERS = frozenset({"event_log", "impacted_services", "region_name"})
# The RSS feeds put the state in the title: "Performance issues: [RESOLVED] Latency".
_FEED_CODES = {
    "service is operating normally": 0,
    "informational message": 1,
    "performance issues": 2,
    "service degradation": 2,
    "service disruption": 3,
    "service impact": 3,
}
_FEED_STATE = re.compile(
    r"^\s*(?:resolved:\s*)?(" + "|".join(_FEED_CODES).replace(" ", r"\s+") + r")\s*:\s*",
    re.IGNORECASE,
)
_FEED_GUID = "status.aws.amazon.com/#"
_PREFIX_ANYWHERE = re.compile(r"\[[^\]]{1,40}\]\s*")


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
        status=_PAGE.get(worst, PageStatus.OPERATIONAL),
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
        impact=_IMPACT.get(worst, Impact.UNKNOWN) if worst is not None else Impact.UNKNOWN,
        impact_raw=str(worst) if worst is not None else "",
        url=None,
        created_at=created,
        updated_at=updates[-1].display_at if updates else None,
        started_at=created,
        resolved_at=(ended or (updates[-1].display_at if updates else None)) if closed else None,
        components=tuple(dict.fromkeys(name for name in names if name)),
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


def is_aws_feed(feed: Feed) -> bool:
    """The legacy ``status.aws.amazon.com/rss/*.rss`` feeds, by generator or item guid."""
    return "aws service health dashboard" in feed.generator.lower() or any(
        _FEED_GUID in entry.id for entry in feed.entries
    )


def parse_aws_feed(feed: Feed) -> Snapshot:
    """AWS RSS: one item per post, its state in the title ("Service disruption: ...").

    Items of one event share the guid's service-region slug and the title after its
    state words; they become one incident whose state is its newest item's.
    """
    events: dict[tuple[str, str], list[list[tuple[datetime, FeedEntry]]]] = {}
    timed = [(when, e) for e in feed.entries if (when := e.published or e.updated) is not None]
    for when, entry in sorted(timed, key=lambda item: item[0]):
        groups = events.setdefault(_event_key(entry), [])
        # A new open post after the event's resolution starts another event.
        if not groups or (_feed_code(groups[-1][-1][1]) == 0 and _feed_code(entry) != 0):
            groups.append([])
        groups[-1].append((when, entry))
    incidents = sorted(
        (_feed_event(posts) for groups in events.values() for posts in groups),
        key=lambda incident: incident.updated_at or incident.created_at,
        reverse=True,
    )
    codes = [_feed_code(posts[-1][1]) for groups in events.values() for posts in groups]
    worst = max((code for code in codes if code), default=0)
    return Snapshot(
        source=SourceKind.FEED,
        page=feed_page(feed),
        status=_PAGE.get(worst, PageStatus.OPERATIONAL),
        status_raw="",
        description="",
        incidents=tuple(incidents),
    )


def _feed_state(title: str) -> tuple[str, int | None, str]:
    """The title's state words, their AWS code (None when unknown) and the rest."""
    match = _FEED_STATE.match(title)
    if match is None:
        return "", (0 if "[RESOLVED]" in title.upper() else None), title
    words = " ".join(match.group(1).split())
    rest = title[match.end() :]
    resolved = match.group(0).lower().startswith("resolved") or "[RESOLVED]" in rest.upper()
    return words, 0 if resolved else _FEED_CODES[words.lower()], rest


def _feed_code(entry: FeedEntry) -> int | None:
    return _feed_state(html_to_text(entry.title))[1]


def _event_key(entry: FeedEntry) -> tuple[str, str]:
    slug = entry.id.rpartition("#")[2].rpartition("_")[0] or entry.id
    return slug, _PREFIX_ANYWHERE.sub("", _feed_state(html_to_text(entry.title))[2]).strip()


def _feed_event(posts: list[tuple[datetime, FeedEntry]]) -> Incident:
    updates = []
    for when, entry in posts:
        words, code, _ = _feed_state(html_to_text(entry.title))
        updates.append(
            IncidentUpdate(
                id=entry.id or when.isoformat(),
                status=_feed_status(code),
                status_raw=words,
                body=html_to_text(entry.html),
                created_at=when,
                display_at=when,
            )
        )
    first, last = posts[0], posts[-1]
    slug, name = _event_key(last[1])
    codes = [c for _, entry in posts if (c := _feed_code(entry)) is not None]
    worst = max(codes, default=None)
    status = updates[-1].status
    return Incident(
        id=first[1].id or first[0].isoformat(),
        name=name or slug,
        status=status,
        status_raw=updates[-1].status_raw,
        impact=_IMPACT.get(worst, Impact.UNKNOWN) if worst is not None else Impact.UNKNOWN,
        impact_raw=str(worst) if worst is not None else "",
        url=last[1].link or None,
        created_at=first[0],
        updated_at=last[0],
        started_at=first[0],
        resolved_at=last[0] if status.is_closed else None,
        components=(slug,) if slug else (),
        updates=tuple(updates),
    )


def _feed_status(code: int | None) -> IncidentStatus:
    if code is None:
        return IncidentStatus.UNKNOWN
    return IncidentStatus.RESOLVED if code == 0 else IncidentStatus.INVESTIGATING
