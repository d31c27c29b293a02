"""Properties of the parsers: whatever a page sends parses to valid models or is refused cleanly.

"Valid" means what the rest of the integration relies on: every time is aware UTC, every
string encodes (Home Assistant's orjson refuses lone surrogates), every enum is one of ours,
the snapshot survives the store's round trip, and diffing it against itself fires nothing.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
import json
from typing import Any, Final
from xml.sax.saxutils import escape, quoteattr

from homeassistant.helpers.json import json_bytes
from hypothesis import HealthCheck, given, settings, strategies as st

from custom_components.status_tracker.client import (
    Snapshot,
    StatusPageContentError,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.fetch import MAX_RETRY_AFTER, retry_after_seconds
from custom_components.status_tracker.client.serialize import from_data, to_data
from custom_components.status_tracker.client.text import html_to_text, parse_time

SETTINGS: Final = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_KEYS: Final = (
    "page", "id", "name", "url", "status", "indicator", "description", "components",
    "incidents", "scheduled_maintenances", "incident_updates", "created_at", "updated_at",
    "display_at", "body", "impact", "group", "group_id", "position", "affected_components",
    "code", "new_status", "old_status", "shortlink", "scheduled_for", "scheduled_until",
    "started_at", "resolved_at", "time_zone", "active_incidents", "result", "data",
)  # fmt: skip
_TIMES: Final = st.sampled_from(
    [
        "2026-11-23T12:00:00Z",
        "2026-11-23T12:00:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "Mon, 23 Nov 2026 12:00:00 GMT",
        "Sat, 01 Jan 0001 00:00:00 +0500",
        "2026-13-45T99:00:00Z",
        "",
        "yesterday",
    ]
)
_TEXT: Final = st.text(max_size=12) | st.sampled_from(
    ["\ud83d", "<b>x</b>", "&amp;lt;", "none", "minor", "resolved", "investigating", "\x00"]
)
_LEAF: Final = st.none() | st.booleans() | st.integers() | st.floats() | _TEXT | _TIMES
_JSON: Final = st.recursive(
    _LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=6)
    ),
    max_leaves=30,
)

_AFFECTED: Final = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(("code", "id", "name", "new_status", "old_status"), _LEAF)
)
_UPDATE: Final = st.fixed_dictionaries(
    {"id": _TEXT | st.integers(), "display_at": _TIMES},
    optional={"created_at": _TIMES, "status": _TEXT, "body": _TEXT | _LEAF}
    | {"affected_components": st.lists(_AFFECTED, max_size=2) | _LEAF},
)
_INCIDENT_FIELDS: Final = (
    "name", "status", "impact", "shortlink", "updated_at", "started_at", "resolved_at",
    "scheduled_for", "scheduled_until",
)  # fmt: skip
_INCIDENT: Final = st.fixed_dictionaries(
    {"id": _TEXT | st.integers(), "created_at": _TIMES},
    optional=dict.fromkeys(_INCIDENT_FIELDS, _LEAF)
    | {"incident_updates": st.lists(_UPDATE, max_size=4), "components": _JSON},
)


def _check(value: Any) -> None:
    """Every time aware UTC, every enum ours, every string a plain str (recursively)."""
    if isinstance(value, datetime):
        assert value.utcoffset() == timedelta(0), value
    elif isinstance(value, Enum):
        assert value.value == type(value)(value.value).value
    elif isinstance(value, tuple):
        for item in value:
            _check(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            _check(getattr(value, field.name))
    else:
        assert value is None or isinstance(value, str | int | bool), repr(value)


def _parses_or_refuses(body: bytes, content_type: str) -> None:
    try:
        snapshot = sniff_document(body, content_type)
    except StatusPageContentError:
        return
    assert isinstance(snapshot, Snapshot)
    _check(snapshot)
    stored = json.loads(json_bytes(to_data(snapshot)))  # orjson, as the store writes it
    assert from_data(Snapshot, stored) == snapshot
    seen = detect_changes(None, snapshot).seen
    assert detect_changes(seen, snapshot).new_updates == ()


@SETTINGS
@given(
    st.fixed_dictionaries(
        {"page": st.fixed_dictionaries({"id": _TEXT, "name": _TEXT}) | _JSON},
        optional={
            "status": _JSON,
            "components": _JSON,
            "incidents": st.lists(_INCIDENT, max_size=4) | _JSON,
            "scheduled_maintenances": st.lists(_INCIDENT, max_size=2) | _JSON,
        },
    ),
    st.sampled_from(["application/json", "text/plain", ""]),
)
def test_json_like_documents(document: dict[str, Any], content_type: str) -> None:
    _parses_or_refuses(json.dumps(document).encode("utf-8", "surrogatepass"), content_type)


@SETTINGS
@given(_JSON)
def test_any_json_value(value: Any) -> None:
    _parses_or_refuses(json.dumps(value).encode("utf-8", "surrogatepass"), "application/json")


_LINKS: Final = st.sampled_from(
    [
        "https://status.example.com/incidents/abc123",
        "https://status.example.com//incidents/01ABCDEFGHJKMNPQRSTVWXYZ12",
        "javascript:alert(1)",
        "",
    ]
) | st.text(max_size=10)
_STAMPS: Final = st.sampled_from(
    ["Jan <var>1</var>, <var>00:05</var> JST", "Dec 31, 23:59 HST", "Feb 29, 10:00 UTC", "x"]
) | st.text(max_size=20)
_POSTS: Final = st.builds(
    "<p><small>{}</small><strong>{}</strong> - {}</p>".format,
    _STAMPS,
    st.sampled_from(["Resolved", "Investigating", "Update", "Scheduled", "Odd"]),
    _TEXT,
)
_HTML: Final = (
    st.lists(_POSTS, max_size=3).map("".join)
    | st.sampled_from(
        [
            (
                "<b>Status: Resolved</b><br/><br/>Fixed<br/><br/><b>Affected components</b>"
                "<ul><li>API (Operational)</li><li>Web (Under maintenance)</li></ul>"
            ),
            "<b>Status: Investigating</b>",
            "<script>alert(1)</script>",
        ]
    )
    | _TEXT
)


def _xml_text(value: str) -> str:
    """``value`` as XML character data (characters XML cannot hold are dropped)."""
    allowed = (
        c for c in value if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
    )
    return escape("".join(allowed))


@st.composite
def _feeds(draw: st.DrawFn) -> str:
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 3))):
        parts = {
            ("id" if atom else "guid"): _xml_text(draw(_LINKS)),
            "title": _xml_text(draw(_TEXT)),
            ("published" if atom else "pubDate"): _xml_text(draw(_TIMES)),
            "updated": _xml_text(draw(_TIMES)),
            ("content" if atom else "description"): _xml_text(draw(_HTML)),
        }
        chosen = draw(st.lists(st.sampled_from(sorted(parts)), unique=True))
        body = "".join(f"<{tag}>{parts[tag]}</{tag}>" for tag in chosen)
        link = _xml_text(draw(_LINKS))
        body += (
            f'<link rel="alternate" href={quoteattr(link)}/>' if atom else f"<link>{link}</link>"
        )
        items.append(f"<entry>{body}</entry>" if atom else f"<item>{body}</item>")
    generator = draw(st.sampled_from(["incident.io", "Atlassian Statuspage", ""]))
    if atom:
        return (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Demo - Incident History</title>'
            f"<generator>{generator}</generator>{''.join(items)}</feed>"
        )
    return f"<rss><channel><title>Demo</title><link>x</link>{''.join(items)}</channel></rss>"


@SETTINGS
@given(_feeds(), st.binary(max_size=4), st.integers(min_value=0), st.booleans())
def test_xml_like_documents(feed: str, noise: bytes, where: int, corrupt: bool) -> None:
    body = feed.encode()
    if corrupt:
        at = where % (len(body) + 1)
        body = body[:at] + noise + body[at:]
    _parses_or_refuses(body, "application/atom+xml")


@SETTINGS
@given(st.binary(max_size=200), st.sampled_from(["", "application/json", "text/xml", "text/html"]))
def test_any_bytes(body: bytes, content_type: str) -> None:
    _parses_or_refuses(body, content_type)


_PLAIN: Final = st.text(alphabet=st.characters(exclude_characters="<>&"), max_size=8)
_TAGS: Final = st.sampled_from(
    ["<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", '<a href="x">', "</a>", "<li>", "<div>"]
)


@SETTINGS
@given(st.lists(_PLAIN | _TAGS, max_size=12).map("".join))
def test_html_to_text_leaves_no_markup_and_is_stable(html: str) -> None:
    text = html_to_text(html)
    assert "<" not in text
    assert ">" not in text
    assert "\r" not in text
    assert html_to_text(text) == text


@SETTINGS
@given(st.text(max_size=40) | _TIMES)
def test_parse_time_is_aware_utc_or_none(value: str) -> None:
    parsed = parse_time(value)
    assert parsed is None or parsed.tzinfo is UTC


@SETTINGS
@given(
    st.text(max_size=40)
    | st.floats().map(str)
    | st.datetimes().map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT"))
)
def test_retry_after_is_bounded(value: str) -> None:
    seconds = retry_after_seconds(value)
    assert seconds is None or 0 <= seconds <= MAX_RETRY_AFTER
