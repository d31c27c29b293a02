"""From any status-page or feed URL to the best machine-readable source.

Statuspage JSON comes first (it has components, impacts and update ids), feeds
after, then the other platforms' JSON (Instatus ``v3/summary.json`` and
``summary.json``, Better Stack ``index.json``), which beats a feed of no known
flavour. A URL that already names a document is used as is, and the big
single-page platforms (Google Cloud and Workspace, Slack, AWS) go straight to
their API. Each candidate is fetched and parsed for real, so what is chosen is
known to work.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .errors import StatusPageConnectionError, StatusPageContentError, StatusPageError
from .fetch import Document, fetch
from .models import Snapshot, Source, SourceKind
from .parsers.dispatch import parse_document
from .window import merge_parts

if TYPE_CHECKING:
    import aiohttp

API: tuple[str, str] = ("/api/v2/summary.json", "/api/v2/incidents.json")
FEEDS: tuple[str, ...] = ("/history.atom", "/feed.atom", "/history.rss", "/feed.rss")
# Instatus (new, then legacy) and Better Stack, tried after the feeds.
PLATFORM_JSON: tuple[str, ...] = ("/v3/summary.json", "/summary.json", "/index.json")
GOOGLE_CLOUD = "https://status.cloud.google.com/incidents.json"
GOOGLE_WORKSPACE = "https://www.google.com/appsstatus/dashboard/incidents.json"
SLACK = "https://slack-status.com/api/v2.0.0/current"
AWS = "https://health.aws.amazon.com/public/currentevents"
_KNOWN_HOSTS = {
    "status.cloud.google.com": GOOGLE_CLOUD,
    "slack-status.com": SLACK,
    "status.slack.com": SLACK,
    "health.aws.amazon.com": AWS,
    "status.aws.amazon.com": AWS,
}
_FEED_SUFFIXES = (".atom", ".rss", ".xml", "/feed", "/rss", "/atom")
_DOCUMENT_SUFFIXES = ("/public/currentevents", "/api/v2.0.0/current", "/api/v2.0.0/history")
# status.io's public API: https://api.status.io/1.0/status/<24 hex digits>.
_STATUSIO = re.compile(r"/1\.0/status/[0-9a-f]{24}$")
# Where a document's path starts, to find the page it belongs to (order matters).
_MARKERS = (
    "/api/v2/",
    *FEEDS,
    "/v3/summary.json",
    "/summary.json",
    "/index.json",
    "/incidents.json",
    "/api/v2.0.0/",
    "/public/currentevents",
)


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
    for marker in _MARKERS:
        if marker in url:
            return url.split(marker, 1)[0]
    return url


def statuspage_source(base: str, kind: SourceKind = SourceKind.STATUSPAGE) -> Source:
    """The two documents a Statuspage-compatible page is read from."""
    return Source(kind=kind, page_url=base, endpoints=tuple(base + path for path in API))


def known_document(url: str) -> str | None:
    """The one document to read when ``url`` names one or belongs to a single-API platform."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    if path.endswith(".json") and "/api/v2/" not in path:
        return url
    if path.endswith((*_FEED_SUFFIXES, *_DOCUMENT_SUFFIXES)) or _STATUSIO.search(path):
        return url
    if host == "www.google.com" and path.startswith("/appsstatus"):
        return GOOGLE_WORKSPACE
    return _KNOWN_HOSTS.get(host)


async def _try(session: aiohttp.ClientSession, url: str) -> tuple[Document, Snapshot]:
    document = await fetch(session, url)
    if not isinstance(document, Document):  # pragma: no cover - no validators were sent
        msg = f"Unexpected 304 from {url}"
        raise StatusPageContentError(msg)
    return document, parse_document(document.body, document.content_type, document.final_url)


async def detect_source(session: aiohttp.ClientSession, url: str) -> Detection:
    """Find and verify the best source for ``url``; raise the most telling error if none works."""
    url = normalise_url(url)
    if (document_url := known_document(url)) is not None:
        rounds = [[document_url]]
    else:
        base = page_base(url)
        rounds = [
            [base + API[0]],
            [base + path for path in FEEDS],
            [base + path for path in PLATFORM_JSON],
        ]
    errors: list[StatusPageError] = []
    generic_feed: tuple[Document, Snapshot] | None = None
    for candidates in rounds:
        for candidate in candidates:
            try:
                document, snapshot = await _try(session, candidate)
            except StatusPageError as err:
                errors.append(err)
                continue
            if snapshot.source is not SourceKind.FEED:
                return await _chosen(session, document, snapshot)
            # A feed of no known flavour: a platform's JSON, if there is one, knows more.
            generic_feed = generic_feed or (document, snapshot)
            break
    if generic_feed is not None:
        return await _chosen(session, *generic_feed)
    if errors and all(isinstance(err, StatusPageConnectionError) for err in errors):
        raise errors[0]
    tried = "; ".join(str(err) for err in errors)
    msg = f"No status-page API or feed found at {url} ({tried})"
    raise StatusPageContentError(msg)


async def _chosen(
    session: aiohttp.ClientSession, document: Document, snapshot: Snapshot
) -> Detection:
    final = document.final_url
    if snapshot.source.is_statuspage_api and "/api/v2/" in final:
        base = page_base(final)
        source = statuspage_source(base, snapshot.source)
        try:
            _, window = await _try(session, source.endpoints[1])
        except StatusPageError:
            # Some incident.io pages serve summary.json only: read that alone.
            source = Source(kind=snapshot.source, page_url=base, endpoints=(final,))
            return Detection(source=source, snapshot=snapshot, reason=f"Statuspage API at {final}")
        merged = snapshot if not window.incidents else merge_parts([snapshot, window])
        return Detection(
            source=source, snapshot=merged, reason=f"Statuspage API v2 at {base}/api/v2/"
        )
    source = Source(kind=snapshot.source, page_url=page_base(final), endpoints=(final,))
    return Detection(source=source, snapshot=snapshot, reason=f"{snapshot.source} at {final}")
