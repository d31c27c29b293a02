"""Statuspage ``history.atom`` / ``history.rss``: one entry per incident, every update inside.

The entry's HTML holds the whole timeline, newest first, one ``<p>`` per update::

    <p><small>Aug <var>21</var>, <var>00:37</var> UTC</small><br>
       <strong>Resolved</strong> - text</p>

The year is never printed (it is inferred from the entry's own timestamp), the
zone is an abbreviation, and the spacing between tags changed in 2026, so this
walks the HTML with a parser instead of matching exact markup. Updates carry no
id: one is made from the label and the minute, which stays stable when newer
updates are prepended.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from html import escape
from html.parser import HTMLParser
import re
from typing import TYPE_CHECKING

from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Snapshot
from ..parsers.feed import (
    MAINTENANCE_STATUSES,
    Feed,
    FeedEntry,
    feed_snapshot,
    generic_incident,
)
from ..source import SourceKind
from ..text import html_to_text
from .feed import feed_flavour

if TYPE_CHECKING:
    from collections.abc import Iterable

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
# "Aug 21, 00:37 UTC"; older posts may carry a year: "May 13, 2017, 06:45 UTC",
# "Sep 13, 2022 - 23:01 CEST".
_WHEN = re.compile(
    r"([A-Za-z]{3})[a-z]*\s+(\d{1,2}),\s*(?:(\d{4})\s*[,-]?\s*)?(\d{1,2}):(\d{2})"
    r"\s*([A-Za-z]{2,5})?"
)
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "IST": 5.5, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "HST": -10, "AKST": -9, "AKDT": -8, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6,
    "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
}  # fmt: skip
_INCIDENT_CODE = re.compile(r"/incidents/([A-Za-z0-9]+)")
_WHEN_SPAN = 64


@dataclass(slots=True)
class _Post:
    when: str = ""
    label: str = ""
    body: list[str] = field(default_factory=list)


class _TimelineParser(HTMLParser):
    """Splits the timeline into posts: <small> is the time, <strong> the label, the rest body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.posts: list[_Post] = []
        self._in: str | None = None
        self._depth = 0  # open <p>: a post's body may hold paragraphs of its own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag == "p":
            self._depth += 1
        if tag == "p" and self._depth == 1:
            self.posts.append(_Post())
        elif tag in {"small", "strong"} and self.posts and not self._filled(tag):
            self._in = tag
        elif self.posts:
            self.posts[-1].body.append(self.get_starttag_text() or "")

    def _filled(self, tag: str) -> bool:
        post = self.posts[-1]
        return bool(post.when if tag == "small" else post.label)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._depth = max(0, self._depth - 1)
        if tag == self._in:
            self._in = None
        elif self.posts:
            # A post's own closing </p> too: text after it starts a new line, not its last one.
            self.posts[-1].body.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.posts:
            return
        post = self.posts[-1]
        if self._in == "small":
            post.when += data
        elif self._in == "strong":
            post.label += data
        else:
            # Data arrives decoded; escape it again so the body, re-parsed as HTML by
            # html_to_text, keeps text like "&lt;b&gt;" as text instead of a tag.
            post.body.append(escape(data, quote=False))


def is_statuspage_feed(feed: Feed) -> bool:
    """Statuspage feeds link entries to /incidents/<code> and time posts in <small>."""
    return any(
        _INCIDENT_CODE.search(entry.link) and "<small>" in entry.html for entry in feed.entries
    )


def parse_statuspage_feed(feed: Feed) -> Snapshot:
    """Every incident with every update of its timeline."""
    incidents = tuple(filter(None, (_incident(entry) for entry in feed.entries)))
    return feed_snapshot(SourceKind.STATUSPAGE_FEED, feed, incidents)


def _incident(entry: FeedEntry) -> Incident | None:
    anchor = entry.published or entry.updated
    code = _INCIDENT_CODE.search(entry.link)
    if anchor is None:
        return None
    parser = _TimelineParser()
    parser.feed(entry.html)
    parser.close()
    updates = _updates(reversed(parser.posts), anchor)
    if not updates:
        # Stamps or labels we cannot read: the generic reading (the newest label in the
        # body) still shows an open incident, where skipping the entry would hide it.
        fallback = generic_incident(entry)
        return replace(fallback, id=code.group(1)) if fallback and code else fallback
    status = updates[-1].status
    maintenance = any(update.status in MAINTENANCE_STATUSES for update in updates)
    return Incident(
        id=code.group(1) if code else entry.id,
        name=html_to_text(entry.title) or entry.id,
        status=status,
        status_raw=updates[-1].status_raw,
        impact=Impact.MAINTENANCE if maintenance else Impact.UNKNOWN,
        impact_raw="",
        url=entry.link or None,
        created_at=updates[0].created_at,
        updated_at=entry.updated,
        resolved_at=_closed_at(updates),
        updates=tuple(updates),
        is_maintenance=maintenance,
    )


def _closed_at(updates: list[IncidentUpdate]) -> datetime | None:
    """When the closing run of posts began: a Postmortem comes after the Resolved post."""
    closed_at = None
    for update in reversed(updates):
        if not update.status.is_closed:
            break
        closed_at = update.created_at
    return closed_at


def _updates(posts: Iterable[_Post], anchor: datetime) -> list[IncidentUpdate]:
    """Posts oldest first; "Update" posts keep the status the incident already had."""
    updates: list[IncidentUpdate] = []
    seen: dict[str, int] = {}
    current = IncidentStatus.INVESTIGATING
    for post in posts:
        when = _when(post.when, anchor)
        label = " ".join(post.label.split())
        if when is None or not label:
            continue
        labelled = IncidentStatus.from_raw(label)
        if labelled is not IncidentStatus.UPDATE:
            current = labelled
        name = labelled.value if labelled is not IncidentStatus.UNKNOWN else label
        base = f"{name}@{when:%Y%m%dT%H%MZ}"
        seen[base] = seen.get(base, 0) + 1
        body = html_to_text("".join(post.body)).removeprefix("-").strip()
        updates.append(
            IncidentUpdate(
                id=base if seen[base] == 1 else f"{base}#{seen[base]}",
                status=current,
                status_raw=label,
                body=body,
                created_at=when,
                display_at=when,
            )
        )
    return updates


def _when(value: str, anchor: datetime) -> datetime | None:
    """Read "Aug 21, 00:37 UTC" in the year printed, else in the one at or before the entry."""
    # The stamp is short ("Aug 21, 00:37 UTC"); searching a long run of letters backtracks
    # quadratically (40 kB took 12 s on the event loop), so only its start is searched.
    match = _WHEN.search(" ".join(value.split())[:_WHEN_SPAN])
    if match is None:
        return None
    month = _MONTHS.get(match.group(1).lower())
    hours = _ZONES.get((match.group(6) or "UTC").upper())
    zone = timezone(timedelta(hours=hours)) if hours is not None else anchor.tzinfo
    if month is None or zone is None:
        return None
    try:
        when = datetime(
            int(match.group(3) or anchor.year), month, int(match.group(2)),
            int(match.group(4)), int(match.group(5)), tzinfo=zone,
        )  # fmt: skip
    except ValueError:
        return None
    # Without a printed year, a December post in an entry stamped in January belongs to
    # the year before.
    if match.group(3) is None and when - anchor > timedelta(days=2):
        try:
            when = when.replace(year=when.year - 1)
        except ValueError:  # 29 February
            return None
    try:
        return when.astimezone(UTC)
    except OverflowError:  # an entry stamped in year 1, a post in a zone east of UTC
        return None


PLATFORM = feed_flavour(
    kind=SourceKind.STATUSPAGE_FEED,
    name="Statuspage feed",
    maker="Atlassian Statuspage",
    recognise=is_statuspage_feed,
    read=parse_statuspage_feed,
)
