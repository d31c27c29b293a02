"""AWS's legacy RSS feeds (``status.aws.amazon.com/rss/all.rss`` and one per service).

One item per post, the state as the title's first words ("Service disruption: ...",
"Informational message: ...", "Service is operating normally: ..."), mapped to the
same codes as the JSON dashboard's (``aws.py``). Items have no event id: items of one
event share the guid's service-region slug and the title after its state words, and
their guids are the update ids.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, PageStatus, Snapshot
from ..parsers.feed import Feed, FeedEntry, feed_page
from ..source import SourceKind
from ..text import html_to_text
from .aws import IMPACT_OF_CODE, PAGE_OF_CODE, aws_region
from .feed import feed_flavour

if TYPE_CHECKING:
    from datetime import datetime

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
        source=SourceKind.AWS_FEED,
        page=feed_page(feed),
        status=PAGE_OF_CODE.get(worst, PageStatus.OPERATIONAL),
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
                # AWS escapes the markup of some descriptions inside their CDATA.
                body=html_to_text(entry.html, escaped_tags=True),
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
        impact=IMPACT_OF_CODE.get(worst, Impact.UNKNOWN) if worst is not None else Impact.UNKNOWN,
        impact_raw=str(worst) if worst is not None else "",
        url=last[1].link or None,
        created_at=first[0],
        updated_at=last[0],
        started_at=first[0],
        resolved_at=last[0] if status.is_closed else None,
        components=(slug,) if slug else (),
        regions=tuple(r for r in (aws_region(slug),) if r),
        updates=tuple(updates),
    )


def _feed_status(code: int | None) -> IncidentStatus:
    if code is None:
        return IncidentStatus.UNKNOWN
    return IncidentStatus.RESOLVED if code == 0 else IncidentStatus.INVESTIGATING


PLATFORM = feed_flavour(
    kind=SourceKind.AWS_FEED,
    name="Service Health Dashboard RSS",
    maker="Amazon Web Services",
    recognise=is_aws_feed,
    read=parse_aws_feed,
)
