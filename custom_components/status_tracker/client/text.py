"""Plain text and timestamps out of what status pages send."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
import re

# Tags after which a reader expects a new line.
_BLOCK_TAGS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# A character reference left after one decoding: the feed escaped its text twice.
_LEFT_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_DECODES = 3
# A common tag escaped once more than its text (AWS: "&lt;br&gt;" inside CDATA). Only such
# tags are turned back into markup: "a &lt; b" stays text.
_ESCAPED_TAG = re.compile(
    r"&lt;/?(?:a|b|br|div|em|i|li|ol|p|span|strong|u|ul)(?:\s[^<>]*?)?\s*/?&gt;", re.IGNORECASE
)


class _TextExtractor(HTMLParser):
    """Collects text nodes; drops scripts and styles; breaks lines at block tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(value: str | None, *, escaped_tags: bool = False) -> str:
    """Turn an HTML fragment or plain text into clean plain text.

    Tags go, entities are decoded (also those escaped twice), NBSP and other odd
    spaces become spaces, CRLF becomes LF, and runs of blank lines collapse to one.
    With ``escaped_tags``, common tags escaped once too often are read as tags.
    """
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if escaped_tags:
        text = _ESCAPED_TAG.sub(lambda match: unescape(match.group()), text)
    if "<" in text or "&" in text:
        extractor = _TextExtractor()
        extractor.feed(text)
        extractor.close()
        text = "".join(extractor.parts)
    # Feeds that escaped their text twice leave "&amp;nbsp;" as "&nbsp;" after the parser's
    # decoding: decode what is left as text (never re-parsed as markup), a few rounds at most.
    for _ in range(_MAX_DECODES):
        if "&" not in text or not _LEFT_REFERENCE.search(text):
            break
        text = _LEFT_REFERENCE.sub(lambda match: unescape(match.group()), text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_time(value: object) -> datetime | None:
    """Parse ISO 8601 or RFC 822 into an aware UTC datetime; None when absent or invalid.

    A time without a zone is taken as UTC (Cachet and some feeds send naive times).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # "0001-01-01T00:00+05:00" is before year 1 in UTC
        return None
