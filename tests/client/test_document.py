"""A fetched body decoded once, as JSON or as a feed; HTML is refused, never guessed at.

Module promises (client/document.py, docs/reliability.md "Content"): an HTML page is a
content error, ``Expected JSON or a feed, got an HTML page`` (with the content type when
that is what told it); JSON in UTF-16/32 or behind a byte-order mark reads as plain UTF-8
JSON, and anything else is left as it came; detection tells JSON from a feed by the first
512 bytes and the content type, and says when it can do neither
(``Unrecognised document (no content type)``); a body of 8 KiB or more is read in the
executor, off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
import threading
from typing import Any

import pytest

from custom_components.status_tracker.client import StatusPageContentError
from custom_components.status_tracker.client.document import (
    decode_any,
    decode_feed,
    decode_json,
    off_loop,
)

_RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>Acme Status</title>
<item><title>Login errors</title><guid>urn:acme:1</guid></item>
</channel></rss>"""
_HTML_PAGE = "Expected JSON or a feed, got an HTML page"

Decoder = Callable[[bytes, str], Any]


@pytest.mark.parametrize("decode", [decode_json, decode_any], ids=["json", "any"])
def test_an_html_content_type_is_refused_and_named(decode: Decoder) -> None:
    with pytest.raises(StatusPageContentError) as err:
        decode(b'{"page": {"id": "p1"}}', "text/html; charset=utf-8")
    assert str(err.value) == f"{_HTML_PAGE} (text/html; charset=utf-8)"


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body><h1>We'll be right back</h1></body></html>",
        b"\r\n  <!doctype html>\n<html><p>Maintenance</p></html>",
        b"<HTML><BODY>Oops</BODY></HTML>",
        b"\t<html lang='en'><p>Oops</p></html>",
    ],
    ids=["doctype", "doctype_after_whitespace", "html_in_capitals", "html_after_whitespace"],
)
@pytest.mark.parametrize("content_type", ["application/json", ""])
@pytest.mark.parametrize(
    "decode", [decode_json, decode_any, decode_feed], ids=["json", "any", "feed"]
)
def test_an_html_page_is_refused_by_its_first_bytes(
    decode: Decoder, content_type: str, body: bytes
) -> None:
    with pytest.raises(StatusPageContentError) as err:
        decode(body, content_type)
    assert str(err.value) == _HTML_PAGE


def test_an_xml_content_type_naming_html_is_not_refused() -> None:
    """XHTML's type names html but is XML: only the first bytes can tell an HTML page."""
    body = _RSS.format(encoding="UTF-8").encode()
    for decode in (decode_any, decode_feed):
        feed = decode(body, "application/xhtml+xml")
        assert [entry.title for entry in feed.entries] == ["Login errors"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ('{"a": 1}', "utf-8-sig"),
        ('{"a": 1}', "utf-16"),
        ('\n  [{"a": 1}]', "utf-16"),
        ('{"a": 1}', "utf-16-be"),
        ('[{"a": 1}]', "utf-16-le"),
        ('\r\n{"a": 1}', "utf-32"),
        ('\ufeff{"a": 1}', "utf-16"),
    ],
    ids=[
        "utf8_bom",
        "utf16_bom_object",
        "utf16_bom_array_after_whitespace",
        "utf16_be_without_bom",
        "utf16_le_without_bom",
        "utf32_after_whitespace",
        "doubled_bom",
    ],
)
@pytest.mark.parametrize("decode", [decode_json, decode_any], ids=["json", "any"])
def test_json_in_utf16_or_behind_a_bom_is_read_without_a_content_type(
    decode: Decoder, text: str, encoding: str
) -> None:
    """AWS sends UTF-16: read as JSON even when the content type does not say so."""
    assert decode(text.encode(encoding), "") in ({"a": 1}, [{"a": 1}])


@pytest.mark.parametrize("text", ['\xa0{"a": 1}', 'X{"a": 1}'], ids=["nbsp", "text"])
def test_only_json_whitespace_is_skipped_after_a_bom(text: str) -> None:
    with pytest.raises(StatusPageContentError) as err:
        decode_json(text.encode("utf-16"), "application/json")
    assert str(err.value) == "Invalid JSON: Expecting value: line 1 column 1 (char 0)"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\n[1,]", "Illegal trailing comma before end of array: line 2 column 3 (char 3)"),
        (b"\n[1,\x00]", "Expecting value: line 2 column 4 (char 4)"),
    ],
    ids=["leading_newline", "stray_nul_byte"],
)
def test_a_plain_body_is_parsed_as_it_came(body: bytes, message: str) -> None:
    """An error points into the body as served (nothing stripped or re-encoded first)."""
    with pytest.raises(StatusPageContentError) as err:
        decode_json(body, "application/json")
    assert str(err.value) == f"Invalid JSON: {message}"


@pytest.mark.parametrize(
    ("prefix", "encoding", "content_type"),
    [
        (b"", "UTF-8", ""),
        (b"\xef\xbb\xbf", "UTF-8", "application/rss+xml"),
        (b"", "UTF-16", "text/xml"),
    ],
    ids=["plain_without_a_type", "utf8_bom", "utf16"],
)
def test_a_feed_is_told_by_its_first_bytes_or_its_xml_content_type(
    prefix: bytes, encoding: str, content_type: str
) -> None:
    """A feed behind a mark or in UTF-16 keeps both (and its declaration) for its XML parser."""
    feed = decode_any(prefix + _RSS.format(encoding=encoding).encode(encoding), content_type)
    assert feed.title == "Acme Status"
    assert [entry.title for entry in feed.entries] == ["Login errors"]


def test_a_json_content_type_decides_when_the_first_bytes_do_not() -> None:
    assert decode_any(b"42", "application/json") == 42
    with pytest.raises(StatusPageContentError) as err:
        decode_any(b"", "application/json")
    assert str(err.value) == "Invalid JSON: Expecting value: line 1 column 1 (char 0)"


def test_an_unrecognised_document_names_its_content_type() -> None:
    with pytest.raises(StatusPageContentError) as err:
        decode_any(b"plain words")
    assert str(err.value) == "Unrecognised document (no content type)"
    with pytest.raises(StatusPageContentError) as err:
        decode_any(b"plain words", "text/plain")
    assert str(err.value) == "Unrecognised document (text/plain)"


def test_detection_looks_at_the_first_512_bytes() -> None:
    assert decode_any(b" " * 511 + b'{"a": 1}') == {"a": 1}
    with pytest.raises(StatusPageContentError) as err:
        decode_any(b" " * 512 + b'{"a": 1}')
    assert str(err.value) == "Unrecognised document (no content type)"


def _where(*args: object, **kwargs: object) -> tuple[int, tuple[object, ...], dict[str, object]]:
    return threading.get_ident(), args, kwargs


@pytest.mark.parametrize(
    ("size", "on_the_loop"), [(8 * 1024 - 1, True), (8 * 1024, False), (10**6, False)]
)
async def test_a_body_of_8_kib_or_more_is_read_off_the_loop(size: int, on_the_loop: bool) -> None:
    loop_thread = threading.get_ident()
    thread, args, kwargs = await off_loop(size, _where, b"body", "text/plain", url="https://x")
    assert (thread == loop_thread) is on_the_loop
    assert args == (b"body", "text/plain")
    assert kwargs == {"url": "https://x"}
