"""Pick the parser for a fetched document from its content type, first bytes and JSON shape.

JSON shapes differ clearly between platforms: Statuspage and incident.io have a
``page`` object with an id, Instatus a ``page`` with a status word, Better Stack
a JSON:API ``data`` of type ``status_page``, status.io a ``result.status_overall``,
Slack ``active_incidents``; the bare arrays are told apart by their keys (AWS
``event_log``, Google ``external_desc``, Slack ``notes``). An empty array is AWS's
quiet ``currentevents`` unless the URL says otherwise.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import StatusPageContentError
from ..models import Snapshot, SourceKind
from .aws import aws_snapshot, is_aws, is_aws_feed, parse_aws_feed
from .betterstack import betterstack_snapshot, is_betterstack
from .feed import feed_page, parse_generic_feed, read_feed, status_from_incidents
from .fields import load_json
from .google import google_snapshot, is_google
from .incidentio_feed import is_incidentio_feed, parse_incidentio_feed
from .instatus import instatus_snapshot, is_instatus
from .slack import is_slack, slack_snapshot
from .statusio import is_statusio, statusio_snapshot
from .statuspage_feed import is_statuspage_feed, parse_statuspage_feed
from .statuspage_json import parse_statuspage_json

if TYPE_CHECKING:
    from collections.abc import Callable

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def parse_document(body: bytes, content_type: str, url: str | None = None) -> Snapshot:
    """Parse JSON or a feed; HTML (an error page, a page shell) is refused, not guessed at.

    ``url``, where the document was read, makes relative links absolute and names
    pages whose documents do not (Google, status.io, Better Stack); it is optional.
    """
    body = _utf8(body)
    head = body[:512].lstrip().lower()
    if "html" in content_type and "xml" not in content_type:
        msg = f"Expected JSON or a feed, got an HTML page ({content_type})"
        raise StatusPageContentError(msg)
    if head.startswith((b"<!doctype html", b"<html")):
        msg = "Expected JSON or a feed, got an HTML page"
        raise StatusPageContentError(msg)
    if head.startswith((b"{", b"[")) or "json" in content_type:
        return parse_json(body, url)
    if head.startswith(b"<"):
        return parse_feed(body)
    msg = f"Unrecognised document ({content_type or 'no content type'})"
    raise StatusPageContentError(msg)


def _utf8(body: bytes) -> bytes:
    """JSON in UTF-16/32 (AWS sends UTF-16) or with a UTF-8 BOM, as plain UTF-8.

    Anything else is left as it came: an XML parser reads a UTF-16 feed by its own
    declaration, and what cannot be decoded fails later as the content error it is.
    """
    if not body.startswith((*_UTF16_BOMS, b"\xef\xbb\xbf")) and b"\x00" not in body[:4]:
        return body
    try:
        text = body.decode(json.detect_encoding(body)).lstrip("\ufeff \t\r\n")
    except (UnicodeError, LookupError):
        return body
    return text.encode() if text.startswith(("{", "[")) else body


type _Shape = tuple[Callable[[Any], bool], Callable[[Any, str | None], Snapshot]]
_OBJECT_SHAPES: tuple[_Shape, ...] = (
    (is_instatus, lambda data, _: instatus_snapshot(data)),
    (is_betterstack, betterstack_snapshot),
    (is_statusio, statusio_snapshot),
    (is_slack, lambda data, _: slack_snapshot(data)),
)
_ARRAY_SHAPES: tuple[_Shape, ...] = (
    (is_aws, lambda data, _: aws_snapshot(data)),
    (is_google, google_snapshot),
    (is_slack, lambda data, _: slack_snapshot(data)),
)


def parse_json(body: bytes, url: str | None = None) -> Snapshot:
    """The JSON document's platform, told by its shape; Statuspage v2 is the default."""
    data = load_json(body)
    if isinstance(data, list):
        return _parse_array(data, url)
    for matches, build in _OBJECT_SHAPES:
        if matches(data):
            return build(data, url)
    return parse_statuspage_json(body)


def _parse_array(data: list[Any], url: str | None) -> Snapshot:
    if not data:
        lower = (url or "").lower()
        if lower.endswith("/incidents.json"):
            return google_snapshot(data, url)
        return slack_snapshot(data) if "slack" in lower else aws_snapshot(data)
    for matches, build in _ARRAY_SHAPES:
        if matches(data):
            return build(data, url)
    msg = "Unrecognised JSON array (not AWS, Google or Slack incidents)"
    raise StatusPageContentError(msg)


def parse_feed(body: bytes) -> Snapshot:
    """A feed in the richest flavour it supports."""
    feed = read_feed(body)
    if is_incidentio_feed(feed):
        return parse_incidentio_feed(feed)
    if is_aws_feed(feed):
        return parse_aws_feed(feed)
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
