"""hund.io's Atom feed (``/state_feed/feed``): issues and their labels, no components.

A hund page publishes this feed when its owner enables the Feed notifier (hund's API
specification: "An Atom 1.0 Feed notifier"); the JSON API needs an account key and
the live stream needs a streaming client, so the feed is what is read. Its shape is
known from a third party's description, not from a capture (see the README)::

    <id>tag:status.example.com,2005:State::FeedNotifier::Entry/5f1…</id>
    <link rel="alternate" href="https://status.example.com/issues/5f0…"/>
    <title>[Monitoring] Login failures</title>

The bracketed label is the issue's state (hund's labels: Investigating, Assessed,
Monitoring, Resolved, and the special Maintenance and Information; pages may translate
them). Identity: an incident is the issue of the entry's ``/issues/<id>`` link (else
the entry's own id), so entries of one issue become its updates whether hund writes one
entry per event or rewrites one entry per issue; an update is the entry's id with its
``updated`` time, so a rewritten entry is a new update. The feed names no components
and rates no impact.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot
from ..parsers.feed import MAINTENANCE_STATUSES, Feed, FeedEntry, feed_snapshot
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, Round, url_free

if TYPE_CHECKING:
    from datetime import datetime

FEED_PATH = "/state_feed/feed"
_MARKER = "/state_feed/"
_ENTRY_ID = "FeedNotifier::Entry/"
_LABEL = re.compile(r"^\s*\[([^\]]{1,40})\]\s*(.*)$", re.DOTALL)
_ISSUE = re.compile(r"/issues/([A-Za-z0-9]+)")
# hund's labels (and the translations seen on German pages) in our vocabulary. A label
# not listed reads as UNKNOWN with its text kept.
_STATUS = {
    "investigating": IncidentStatus.INVESTIGATING,
    "reopened": IncidentStatus.INVESTIGATING,
    "assessed": IncidentStatus.IDENTIFIED,
    "identified": IncidentStatus.IDENTIFIED,
    "monitoring": IncidentStatus.MONITORING,
    "update": IncidentStatus.UPDATE,
    "updated": IncidentStatus.UPDATE,
    "resolved": IncidentStatus.RESOLVED,
    "fixed": IncidentStatus.RESOLVED,
    "gelöst": IncidentStatus.RESOLVED,
    "behoben": IncidentStatus.RESOLVED,
    # "Information" posts a bulletin that hund counts as resolved at once.
    "information": IncidentStatus.RESOLVED,
    "pending": IncidentStatus.SCHEDULED,
    "scheduled": IncidentStatus.SCHEDULED,
    "upcoming": IncidentStatus.SCHEDULED,
    "maintenance": IncidentStatus.IN_PROGRESS,
    "started": IncidentStatus.IN_PROGRESS,
    "in progress": IncidentStatus.IN_PROGRESS,
    "ended": IncidentStatus.COMPLETED,
    "completed": IncidentStatus.COMPLETED,
    "cancelled": IncidentStatus.COMPLETED,
    "canceled": IncidentStatus.COMPLETED,
    "beendet": IncidentStatus.COMPLETED,
}
_MAINTENANCE_WORDS = ("maintenance", "wartung")


def is_hund_feed(feed: Feed, url: str) -> bool:
    """Read at ``/state_feed/`` (an empty feed too) or made of hund's FeedNotifier entries."""
    if _MARKER in urlsplit(url).path:
        return True
    return any(_ENTRY_ID in entry.id for entry in feed.entries)


def parse_hund_feed(feed: Feed) -> Snapshot:
    """Entries grouped by issue, each issue's state its newest entry's label."""
    posts: dict[str, list[tuple[datetime, FeedEntry]]] = {}
    for entry in feed.entries:
        when = entry.updated or entry.published
        if when is None or not entry.id:
            continue
        posts.setdefault(_issue_id(entry), []).append((when, entry))
    incidents = tuple(
        _incident(key, sorted(group, key=lambda p: p[0])) for key, group in posts.items()
    )
    return feed_snapshot(SourceKind.HUND, feed, incidents)


def _issue_id(entry: FeedEntry) -> str:
    if issue := _ISSUE.search(entry.link):
        return issue.group(1)
    return _entry_key(entry)


def _entry_key(entry: FeedEntry) -> str:
    _, marker, tail = entry.id.rpartition(_ENTRY_ID)
    return tail if marker and tail else entry.id


def label_of(title: str) -> tuple[str, str]:
    """``"[Monitoring] Login failures"`` -> ``("Monitoring", "Login failures")``."""
    text = html_to_text(title)
    if match := _LABEL.match(text):
        return match.group(1).strip(), match.group(2).strip()
    return "", text.strip()


def status_of(label: str) -> IncidentStatus:
    """Our status for a hund label (any case); UNKNOWN for one we do not know."""
    return _STATUS.get(" ".join(label.lower().split()), IncidentStatus.UNKNOWN)


def _incident(key: str, posts: list[tuple[datetime, FeedEntry]]) -> Incident:
    updates = []
    names = []
    maintenance = False
    for when, entry in posts:
        label, name = label_of(entry.title)
        names.append(name)
        status = status_of(label)
        maintenance = maintenance or status in MAINTENANCE_STATUSES
        maintenance = maintenance or any(word in name.lower() for word in _MAINTENANCE_WORDS)
        updates.append(
            IncidentUpdate(
                id=f"{_entry_key(entry)}@{when.isoformat()}",
                status=status,
                status_raw=label,
                body=html_to_text(entry.html),
                created_at=when,
                display_at=when,
            )
        )
    first_when, first = posts[0]
    last_when, last = posts[-1]
    newest = updates[-1]
    information = newest.status_raw.lower() == "information"
    if maintenance:
        impact = Impact.MAINTENANCE
    elif information:
        impact = Impact.NONE
    else:
        impact = Impact.UNKNOWN
    return Incident(
        id=key,
        name=next((n for n in reversed(names) if n), key),
        status=newest.status,
        status_raw=newest.status_raw,
        impact=impact,
        impact_raw="",
        url=last.link or first.link or None,
        created_at=first.published or first_when,
        updated_at=last_when,
        resolved_at=last_when if newest.status.is_closed else None,
        updates=tuple(updates),
        is_maintenance=maintenance,
    )


def _page_of(url: str) -> str | None:
    """The page of a feed URL: cut before ``/state_feed/`` (whose ``/feed.atom`` would mislead)."""
    return url.split(_MARKER, 1)[0] if _MARKER in urlsplit(url).path else None


def _claim(url: str) -> str | None:
    """A page on ``<name>.hund.io`` is read from its feed at once; a feed URL as it is."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/").lower()
    if path.endswith((FEED_PATH, f"{FEED_PATH}.atom")):
        return url
    if host.endswith(".hund.io") and host != "api.hund.io" and path in {"", "/"}:
        return f"{parts.scheme}://{parts.netloc}{FEED_PATH}"
    return None


PLATFORM = Platform(
    kind=SourceKind.HUND,
    name="hund.io feed",
    maker="Hund",
    format=Format.FEED,
    recognise=is_hund_feed,
    build=url_free(parse_hund_feed),
    paths=(FEED_PATH,),
    detect_round=Round.FEED,
    markers=(_MARKER,),
    claim=_claim,
    page_of=_page_of,
)
