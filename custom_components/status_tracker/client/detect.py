"""From any status-page or feed URL to the best machine-readable source.

JSON comes first (it has components, impacts and update ids), feeds after.
Each candidate is fetched and parsed for real, so what is chosen is known to work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .errors import StatusPageConnectionError, StatusPageContentError, StatusPageError
from .fetch import Document, fetch
from .models import Snapshot, Source, SourceKind
from .parsers.dispatch import parse_document

if TYPE_CHECKING:
    import aiohttp

API: tuple[str, str] = ("/api/v2/summary.json", "/api/v2/incidents.json")
FEEDS: tuple[str, ...] = ("/history.atom", "/feed.atom", "/history.rss", "/feed.rss")
_FEED_SUFFIXES = (".atom", ".rss", ".xml", "/feed", "/rss", "/atom")


@dataclass(frozen=True, slots=True, kw_only=True)
class Detection:
    """The chosen source, what it showed on the first read, and why it was chosen."""

    source: Source
    snapshot: Snapshot
    reason: str


def normalise_url(url: str) -> str:
    """Https by default, no query, fragment or trailing slash."""
    url = url.strip()
    if "://" not in url:
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        msg = f"Not a web address: {url!r}"
        raise StatusPageContentError(msg)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


def page_base(url: str) -> str:
    """The page a document URL belongs to (``…/api/v2/summary.json`` -> ``…``)."""
    for marker in ("/api/v2/", *FEEDS):
        if marker in url:
            return url.split(marker, 1)[0]
    return url


def statuspage_source(base: str, kind: SourceKind = SourceKind.STATUSPAGE) -> Source:
    """The two documents a Statuspage-compatible page is read from."""
    return Source(kind=kind, page_url=base, endpoints=tuple(base + path for path in API))


async def _try(session: aiohttp.ClientSession, url: str) -> tuple[Document, Snapshot]:
    document = await fetch(session, url)
    if not isinstance(document, Document):  # pragma: no cover - no validators were sent
        msg = f"Unexpected 304 from {url}"
        raise StatusPageContentError(msg)
    return document, parse_document(document.body, document.content_type)


async def detect_source(session: aiohttp.ClientSession, url: str) -> Detection:
    """Find and verify the best source for ``url``; raise the most telling error if none works."""
    url = normalise_url(url)
    lower = url.lower()
    if (lower.endswith(".json") and "/api/v2/" not in lower) or lower.endswith(_FEED_SUFFIXES):
        candidates = [url]
    else:
        base = page_base(url)
        candidates = [base + API[0], *(base + path for path in FEEDS)]
    errors: list[StatusPageError] = []
    for candidate in candidates:
        try:
            document, snapshot = await _try(session, candidate)
        except StatusPageError as err:
            errors.append(err)
            continue
        return await _chosen(session, document, snapshot)
    if errors and all(isinstance(err, StatusPageConnectionError) for err in errors):
        raise errors[0]
    tried = "; ".join(str(err) for err in errors)
    msg = f"No status-page API or feed found at {url} ({tried})"
    raise StatusPageContentError(msg)


async def _chosen(
    session: aiohttp.ClientSession, document: Document, snapshot: Snapshot
) -> Detection:
    final = document.final_url
    if snapshot.source in {SourceKind.STATUSPAGE, SourceKind.INCIDENTIO} and "/api/v2/" in final:
        base = page_base(final)
        source = statuspage_source(base, snapshot.source)
        try:
            _, window = await _try(session, source.endpoints[1])
        except StatusPageError:
            # Some incident.io pages serve summary.json only: read that alone.
            source = Source(kind=snapshot.source, page_url=base, endpoints=(final,))
            return Detection(source=source, snapshot=snapshot, reason=f"Statuspage API at {final}")
        merged = snapshot if not window.incidents else _with_window(snapshot, window)
        return Detection(
            source=source, snapshot=merged, reason=f"Statuspage API v2 at {base}/api/v2/"
        )
    source = Source(kind=snapshot.source, page_url=page_base(final), endpoints=(final,))
    return Detection(source=source, snapshot=snapshot, reason=f"{snapshot.source} at {final}")


def _with_window(summary: Snapshot, window: Snapshot) -> Snapshot:
    from .reader import merge_parts  # noqa: PLC0415  # reader imports this module's siblings

    return merge_parts([summary, window])
