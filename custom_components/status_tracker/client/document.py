"""A fetched body decoded once, as JSON or as a feed; HTML is refused, never guessed at.

Every platform reads its documents through here, so an HTML error page, a UTF-16
body or a byte-order mark is handled the same way whatever the platform.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any, Final

from .errors import StatusPageContentError
from .parsers.feed import Feed, read_feed
from .parsers.fields import load_json

if TYPE_CHECKING:
    from collections.abc import Callable

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Reading a body this large holds the event loop for a millisecond or more (a 25 KB
# summary.json with three open incidents: ~6 ms): it is read in a thread instead.
EXECUTOR_THRESHOLD: Final = 8 * 1024


async def off_loop[**P, T](size: int, read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``read(*args)``, in the executor when the body it reads is ``size`` bytes or more.

    Polls and detection (config flow, reconfigure, repairs) all read through here.
    """
    if size < EXECUTOR_THRESHOLD:
        return read(*args, **kwargs)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, lambda: read(*args, **kwargs))


def _refuse_html(head: bytes, content_type: str) -> None:
    if "html" in content_type and "xml" not in content_type:
        msg = f"Expected JSON or a feed, got an HTML page ({content_type})"
        raise StatusPageContentError(msg)
    if head.startswith((b"<!doctype html", b"<html")):
        msg = "Expected JSON or a feed, got an HTML page"
        raise StatusPageContentError(msg)


def _head(body: bytes) -> bytes:
    return body[:512].lstrip().lower()


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


def decode_json(body: bytes, content_type: str = "") -> Any:
    """The JSON value of ``body``; an HTML page or invalid JSON is a content error."""
    body = _utf8(body)
    _refuse_html(_head(body), content_type)
    return load_json(body)


def decode_feed(body: bytes, content_type: str = "") -> Feed:
    """The Atom or RSS feed in ``body``; an HTML page or broken XML is a content error."""
    _refuse_html(_head(body), content_type)
    return read_feed(body)


def decode_any(body: bytes, content_type: str = "") -> Any:
    """Detection only: JSON or a feed, told by the first 512 bytes and the content type.

    A feed keeps its byte-order mark or UTF-16 (its XML parser reads them), so one that
    starts with either is told by its XML content type.
    """
    body = _utf8(body)
    head = _head(body)
    _refuse_html(head, content_type)
    if head.startswith((b"{", b"[")) or "json" in content_type:
        return load_json(body)
    if head.startswith(b"<") or "xml" in content_type:
        return read_feed(body)
    msg = f"Unrecognised document ({content_type or 'no content type'})"
    raise StatusPageContentError(msg)
