"""Atom and RSS 2.0 read into plain entries, safely (no DTDs, no entities).

The platform parsers build on these entries; a feed whose flavour we do not
know becomes one incident per entry with that entry as its single update.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import StatusPageContentError
from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..text import html_to_text, parse_time

if TYPE_CHECKING:
    from datetime import datetime
    from xml.etree.ElementTree import Element

    from ..source import SourceKind

ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_WORDS = (
    r"resolved|completed|postmortem|monitoring|identified|investigating|scheduled"
    r"|in progress|verifying"
)
_STATUS_WORDS = re.compile(rf"\b({_WORDS})\b", re.IGNORECASE)
# A post's label opens its line: "Completed - text", "[Resolved] text", "Status: Resolved".
_LABEL = re.compile(
    rf"^[ \t]*(?:status:[ \t]*)?\[?({_WORDS}|update)\]?[ \t]*(?:[-\u2013:\]]|$)",
    re.IGNORECASE | re.MULTILINE,
)
# The steps of a maintenance window, for feeds that say "maintenance" only by its status.
MAINTENANCE_STATUSES = frozenset(
    {IncidentStatus.SCHEDULED, IncidentStatus.IN_PROGRESS, IncidentStatus.VERIFYING,
     IncidentStatus.COMPLETED}
)  # fmt: skip
_TITLE_TAILS = ("incident history", "service status", "status page", "status")
_TAIL_SEPARATORS = " -\u2013|:"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One Atom entry or RSS item."""

    id: str
    title: str
    link: str
    html: str
    published: datetime | None
    updated: datetime | None
    # An RSS item's Atom <a10:updated> (.NET's writer: Azure status), when the text was last
    # written. Apart from ``updated``: other readers key updates by ``updated``, and an
    # RSS item's ``updated`` must stay its pubDate, as it always was.
    edited: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A parsed feed: its own title, link and generator, and its entries in document order."""

    title: str
    link: str
    generator: str
    entries: tuple[FeedEntry, ...]


def read_feed(body: bytes) -> Feed:
    """Parse Atom or RSS bytes; any XML problem or DTD/entity trick is a content error."""
    try:
        root = fromstring(body, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as err:
        msg = f"Invalid feed XML: {err}"
        raise StatusPageContentError(msg) from err
    if root.tag == f"{ATOM}feed":
        return _atom(root)
    channel = root.find("channel")
    if root.tag == "rss" and channel is not None:
        return _rss(channel)
    msg = f"Not an Atom or RSS feed: root element {root.tag!r}"
    raise StatusPageContentError(msg)


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _atom_link(element: Element) -> str:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href", "")
    return ""


def _atom(root: Element) -> Feed:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        link = _atom_link(entry)
        html = _text(entry.find(f"{ATOM}content")) or _text(entry.find(f"{ATOM}summary"))
        entries.append(
            FeedEntry(
                id=_text(entry.find(f"{ATOM}id")) or link,
                title=_text(entry.find(f"{ATOM}title")),
                link=link,
                html=html,
                published=parse_time(_text(entry.find(f"{ATOM}published"))),
                updated=parse_time(_text(entry.find(f"{ATOM}updated"))),
            )
        )
    return Feed(
        title=_text(root.find(f"{ATOM}title")),
        link=_atom_link(root),
        generator=_text(root.find(f"{ATOM}generator")),
        entries=tuple(entries),
    )


def _rss(channel: Element) -> Feed:
    entries = []
    for item in channel.findall("item"):
        link = _text(item.find("link"))
        published = parse_time(_text(item.find("pubDate")))
        entries.append(
            FeedEntry(
                id=_text(item.find("guid")) or link,
                title=_text(item.find("title")),
                link=link,
                html=_text(item.find(_CONTENT_ENCODED)) or _text(item.find("description")),
                published=published,
                updated=published,
                edited=parse_time(_text(item.find(f"{ATOM}updated"))),
            )
        )
    return Feed(
        title=_text(channel.find("title")),
        link=_text(channel.find("link")),
        generator=_text(channel.find("generator")),
        entries=tuple(entries),
    )


def feed_page(feed: Feed) -> Page:
    """The page a feed describes, named without tails such as " - Incident History" or " Status"."""
    # One space per run first: the title is free text of any length.
    title = " ".join(html_to_text(feed.title).split())
    url = feed.link.rstrip("/")
    name = _page_name(title)
    return Page(id=url or name, name=name, url=url)


def _page_name(title: str) -> str:
    """Titles such as "X Status - Incident History" or "X Service Status" name "X"."""
    name = title
    # Plain suffix checks, no regex: a long title must not make a pattern backtrack.
    while tail := next((t for t in _TITLE_TAILS if _ends_with_word(name, t)), None):
        rest = name[: -len(tail)].rstrip(_TAIL_SEPARATORS)
        if not rest:
            break
        name = rest
    return name


def _ends_with_word(name: str, tail: str) -> bool:
    head = name[: -len(tail)]
    return (
        len(name) > len(tail)
        and name[-len(tail) :].lower() == tail
        and head[-1] in _TAIL_SEPARATORS
    )


def status_from_incidents(incidents: tuple[Incident, ...]) -> PageStatus:
    """Feeds have no indicator: an open incident means degraded, open maintenance maintenance.

    Entries whose status could not be read (UNKNOWN) say nothing either way.
    """
    active = [i for i in incidents if i.is_active and i.status is not IncidentStatus.UNKNOWN]
    if any(not incident.is_maintenance for incident in active):
        return PageStatus.DEGRADED
    if any(incident.status is IncidentStatus.IN_PROGRESS for incident in active):
        return PageStatus.MAINTENANCE
    return PageStatus.OPERATIONAL


def parse_generic_feed(feed: Feed) -> tuple[Incident, ...]:
    """One incident per entry, its single update keyed by the entry's timestamp."""
    return tuple(filter(None, map(generic_incident, feed.entries)))


def generic_incident(entry: FeedEntry) -> Incident | None:
    """The entry as one incident whose state is its newest label; None without id or time."""
    when = entry.updated or entry.published
    if not entry.id or when is None:
        return None
    body = html_to_text(entry.html)
    name = html_to_text(entry.title)
    raw = _newest_label(body) or _first_word(name) or _first_word(body[:200]) or "unknown"
    status = IncidentStatus.from_raw(raw)
    maintenance = status in MAINTENANCE_STATUSES or "maintenance" in name.lower()
    update = IncidentUpdate(
        id=when.isoformat(),
        status=status,
        status_raw=raw,
        body=body,
        created_at=when,
        display_at=when,
    )
    return Incident(
        id=entry.id,
        name=name or entry.id,
        status=status,
        status_raw=raw,
        impact=Impact.MAINTENANCE if maintenance else Impact.UNKNOWN,
        impact_raw="",
        url=entry.link or None,
        created_at=entry.published or when,
        updated_at=when,
        resolved_at=when if status.is_closed else None,
        updates=(update,),
        is_maintenance=maintenance,
    )


def _newest_label(body: str) -> str | None:
    """The first post label in the body ("Completed - ...", "Status: Resolved").

    Timelines list posts newest first, so the first label is the current state; an
    "Update" label changes nothing and is passed over.
    """
    for match in _LABEL.finditer(body):
        label = " ".join(match.group(1).lower().split())
        if label != "update":
            return label
    return None


def _first_word(text: str) -> str | None:
    match = _STATUS_WORDS.search(text)
    return " ".join(match.group(1).lower().split()) if match else None


def feed_snapshot(kind: SourceKind, feed: Feed, incidents: tuple[Incident, ...]) -> Snapshot:
    """A feed's page: named after the feed, its state told by its open entries."""
    return Snapshot(
        source=kind,
        page=feed_page(feed),
        status=status_from_incidents(incidents),
        status_raw="",
        description="",
        incidents=incidents,
    )
