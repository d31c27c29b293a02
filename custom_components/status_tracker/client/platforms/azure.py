"""Azure status: the RSS feed at ``azure.status.microsoft/en-us/status/feed/``.

The feed is empty while Azure is healthy and lists the current events otherwise, one
item each, titled "Service - Region", with prose ("Summary of impact: ... Mitigation:
...") and no state, severity or update list. So an item is an open incident of unknown
impact (its raw word is the feed's nothing: ""), and the page is degraded while there
is one. The item's guid (else its link, else its title) is the incident id; Azure
rewrites an item's text in place, so an update is keyed by a digest of the text, and
an edited text is a new update, dated by the item's ``a10:updated`` (Atom) when it has
one. ``lastBuildDate`` moves with every build and is ignored.
"""

from __future__ import annotations

from hashlib import sha1
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from ..models import Impact, Incident, IncidentStatus, IncidentUpdate, Page, PageStatus, Snapshot
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, by_shape

if TYPE_CHECKING:
    from ..parsers.feed import Feed, FeedEntry

AZURE_FEED: Final = "https://azure.status.microsoft/en-us/status/feed/"
_PAGE_URL: Final = "https://azure.status.microsoft/en-us/status"
_HOSTS = ("azure.status.microsoft", "status.azure.com", "azure.microsoft.com")


def is_azure_feed(feed: Feed) -> bool:
    """Titled "Azure Status", linking to an Azure status host."""
    host = (urlsplit(feed.link).hostname or "").lower()
    return feed.title.strip().lower() == "azure status" and host.endswith(_HOSTS)


def azure_snapshot(feed: Feed, url: str | None = None) -> Snapshot:  # noqa: ARG001
    """Every item an open incident; no item, a healthy Azure."""
    incidents = tuple(filter(None, map(_incident, feed.entries)))
    return Snapshot(
        source=SourceKind.AZURE,
        page=Page(id=_PAGE_URL, name="Azure", url=_PAGE_URL),
        status=PageStatus.DEGRADED if incidents else PageStatus.OPERATIONAL,
        status_raw="",
        description="",
        incidents=incidents,
    )


def _incident(entry: FeedEntry) -> Incident | None:
    when = entry.edited or entry.updated or entry.published
    title = html_to_text(entry.title)
    incident_id = entry.id or title
    if not incident_id or when is None:
        return None
    body = html_to_text(entry.html)
    service, _, region = title.rpartition(" - ")
    digest = sha1(body.encode(), usedforsecurity=False).hexdigest()[:12]
    return Incident(
        id=incident_id,
        name=title or incident_id,
        status=IncidentStatus.INVESTIGATING,
        status_raw="",
        impact=Impact.UNKNOWN,
        impact_raw="",
        url=entry.link or None,
        created_at=entry.published or when,
        updated_at=when,
        started_at=entry.published or when,
        components=tuple(name for name in (service.strip(), region.strip()) if name),
        updates=(
            IncidentUpdate(
                id=digest,
                status=IncidentStatus.INVESTIGATING,
                status_raw="",
                body=body,
                created_at=when,
                display_at=when,
            ),
        ),
    )


def _page_of(url: str) -> str | None:
    parts = urlsplit(url)
    azure = (parts.hostname or "").lower().endswith(_HOSTS)
    return _PAGE_URL if azure and "/status/feed" in parts.path else None


PLATFORM = Platform(
    kind=SourceKind.AZURE,
    name="Azure status RSS",
    maker="Microsoft",
    format=Format.FEED,
    recognise=by_shape(is_azure_feed),
    build=azure_snapshot,
    hosts={
        "azure.status.microsoft": AZURE_FEED,
        "status.azure.com": AZURE_FEED,
        "rssfeed.azure.status.microsoft": AZURE_FEED,
    },
    page_of=_page_of,
)
