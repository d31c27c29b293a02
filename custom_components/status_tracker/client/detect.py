"""From any status-page or feed URL to the best machine-readable source, using the registry.

A URL that names a document, or belongs to a platform read from one known
document (Google Cloud and Workspace, Slack, AWS, status.io), is read as it is.
Otherwise the platforms' paths are tried under the page's base address round by
round: Statuspage's API first (components, impacts, update ids), then feeds, then
the other platforms' JSON (Instatus, Better Stack), which beats a feed of no known
flavour. Each candidate is fetched and read for real, so what is chosen is known to
work. This is the only place where a document's shape decides its platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .document import decode_any, off_loop
from .errors import StatusPageConnectionError, StatusPageContentError, StatusPageError
from .fetch import Document, Validators, fetch
from .platforms import PLATFORMS, Platform, detection_rounds, markers, platform_for, recognising
from .source import Source, SourceKind
from .window import merge_parts

if TYPE_CHECKING:
    import aiohttp

    from .models import Snapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class Detection:
    """The chosen source, what it showed on the first read, and why it was chosen."""

    source: Source
    snapshot: Snapshot
    reason: str

    @property
    def platform(self) -> Platform:
        """The platform the source is read with."""
        return platform_for(self.source.kind)


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
    if (page := next(filter(None, (p.page_of(url) for p in PLATFORMS)), None)) is not None:
        return page
    for marker in markers():
        if marker in url:
            return url.split(marker, 1)[0]
    return url


def source_for(kind: SourceKind, url: str) -> Source:
    """The documents polled for a page of ``kind`` whose document (or base) is ``url``."""
    return Source(kind=kind, page_url=page_base(url), endpoints=platform_for(kind).documents(url))


def known_document(url: str) -> str | None:
    """The one document to read when ``url`` names one or belongs to a single-API platform."""
    path = urlsplit(url).path.lower()
    # Any JSON document but Statuspage's (whose page has two) is read as it is.
    if path.endswith(".json") and "/api/v2/" not in path:
        return url
    # A document's own address first: AWS's RSS lives on a host read from its JSON.
    for claim in (Platform.names_document, Platform.host_document):
        if (document := next(filter(None, (claim(p, url) for p in PLATFORMS)), None)) is not None:
            return document
    return None


def _sniff(document: Document) -> tuple[Platform, Snapshot]:
    """Decode once, find whose document it is, and read it with that platform."""
    try:
        data = decode_any(document.body, document.content_type)
    except StatusPageContentError:
        # Not JSON or a feed: maybe a platform that decodes its own documents (JSONP).
        for owner in PLATFORMS:
            if owner.decode is None:
                continue
            try:
                data = owner.decode(document.body, document.content_type)
            except StatusPageContentError:
                continue
            if owner.recognise(data, document.final_url):
                return owner, owner.build(data, document.final_url)
        raise
    platform = recognising(data, document.final_url)
    if platform is None:
        kind = "JSON array" if isinstance(data, list) else "document"
        msg = f"Unrecognised {kind} at {document.final_url} (no platform we read)"
        raise StatusPageContentError(msg)
    return platform, platform.build(data, document.final_url)


async def _read(session: aiohttp.ClientSession, url: str) -> tuple[Document, Platform, Snapshot]:
    document = await fetch(session, url)
    if not isinstance(document, Document):  # pragma: no cover - no validators were sent
        msg = f"Unexpected 304 from {url}"
        raise StatusPageContentError(msg)
    return document, *await off_loop(len(document.body), _sniff, document)


async def detect_source(session: aiohttp.ClientSession, url: str) -> Detection:
    """Find and verify the best source for ``url``; raise the most telling error if none works."""
    url = normalise_url(url)
    if (document_url := known_document(url)) is not None:
        rounds: list[list[str]] = [[document_url]]
    else:
        base = page_base(url)
        rounds = [[base + path for path in paths] for paths in detection_rounds()]
    errors: list[StatusPageError] = []
    fallback: tuple[Document, Platform, Snapshot] | None = None
    for candidates in rounds:
        for candidate in candidates:
            try:
                found = await _read(session, candidate)
            except StatusPageError as err:
                errors.append(err)
                continue
            if not found[1].fallback:
                return await _chosen(session, *found)
            # A feed of no known flavour: a platform's JSON, if there is one, knows more.
            fallback = fallback or found
            break
    if fallback is not None:
        return await _chosen(session, *fallback)
    if errors and all(isinstance(err, StatusPageConnectionError) for err in errors):
        raise errors[0]
    tried = "; ".join(str(err) for err in errors)
    msg = f"No status-page API or feed found at {url} ({tried})"
    raise StatusPageContentError(msg)


async def _chosen(
    session: aiohttp.ClientSession, document: Document, platform: Platform, snapshot: Snapshot
) -> Detection:
    """Check the platform's other documents too; a page that serves only some is read so.

    (Some incident.io pages serve ``summary.json`` but no window or component list.)
    """
    final = document.final_url
    base = page_base(final)
    documents = [final]
    parts = [snapshot]
    for other in platform.documents(final)[1:]:
        try:
            fetched = await fetch(session, other)
            if not isinstance(fetched, Document):  # pragma: no cover - no validators were sent
                raise StatusPageContentError(other)
            part = await off_loop(
                len(fetched.body),
                platform.parse,
                fetched.body,
                fetched.content_type,
                fetched.final_url,
            )
        except StatusPageError:
            continue
        documents.append(other)
        parts.append(part)
    merged = merge_parts(parts)
    source = Source(kind=platform.kind, page_url=base, endpoints=tuple(documents))
    where = f"{base}{platform.markers[0]}" if len(documents) > 1 else final
    return Detection(source=source, snapshot=merged, reason=f"{platform.name} at {where}")


def sniff_document(body: bytes, content_type: str = "", url: str = "") -> Snapshot:
    """Detection's reading of one document whose platform is not known yet."""
    document = Document(
        url=url, final_url=url, body=body, content_type=content_type, validators=Validators()
    )
    return _sniff(document)[1]
