"""Pick the parser for a fetched document from its content type and first bytes."""

from __future__ import annotations

from ..errors import StatusPageContentError
from ..models import Snapshot, SourceKind
from .feed import feed_page, parse_generic_feed, read_feed, status_from_incidents
from .incidentio_feed import is_incidentio_feed, parse_incidentio_feed
from .statuspage_feed import is_statuspage_feed, parse_statuspage_feed
from .statuspage_json import parse_statuspage_json


def parse_document(body: bytes, content_type: str) -> Snapshot:
    """Parse JSON or a feed; HTML (an error page, a page shell) is refused, not guessed at."""
    head = body[:512].lstrip().lower()
    if "html" in content_type and "xml" not in content_type:
        msg = f"Expected JSON or a feed, got an HTML page ({content_type})"
        raise StatusPageContentError(msg)
    if head.startswith((b"<!doctype html", b"<html")):
        msg = "Expected JSON or a feed, got an HTML page"
        raise StatusPageContentError(msg)
    if head.startswith((b"{", b"[")) or "json" in content_type:
        return parse_statuspage_json(body)
    if head.startswith(b"<"):
        return parse_feed(body)
    msg = f"Unrecognised document ({content_type or 'no content type'})"
    raise StatusPageContentError(msg)


def parse_feed(body: bytes) -> Snapshot:
    """A feed in the richest flavour it supports."""
    feed = read_feed(body)
    if is_incidentio_feed(feed):
        return parse_incidentio_feed(feed)
    if is_statuspage_feed(feed):
        return parse_statuspage_feed(feed)
    incidents = parse_generic_feed(feed)
    return Snapshot(
        source=SourceKind.FEED,
        page=feed_page(feed),
        status=status_from_incidents(incidents),
        status_raw="",
        description="",
        incidents=incidents,
    )
