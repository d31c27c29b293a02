"""The ``Platform``: all the library knows of one kind of status page, declared in one place.

A platform module parses its documents and ends with one ``PLATFORM = Platform(...)``
that says what it is (kind, name, maker), where its documents are (the paths tried
under a page's address during detection, the addresses it claims outright, the
documents polled once a document is found), how a document is recognised during
detection and read into a ``Snapshot``, and how it behaves (whether the first
document moves with every update, whether the page can push a webhook).

Detection is the only place where a document's shape is sniffed; a poll reads each
document with the entry's own platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..document import decode_feed, decode_json

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..models import Snapshot
    from ..source import SourceKind


class Format(StrEnum):
    """How a platform's documents are decoded before they are recognised and read."""

    JSON = "json"
    FEED = "feed"


class Round(IntEnum):
    """Detection tries candidates round by round: richest documents first."""

    API = 0
    FEED = 1
    OTHER_JSON = 2


def _no_claim(url: str) -> str | None:  # noqa: ARG001
    return None


def by_shape(check: Callable[[Any], bool]) -> Callable[[Any, str], bool]:
    """A recogniser that looks at the document only (most do; some need its address)."""
    return lambda data, _url: check(data)


def url_free(read: Callable[[Any], Snapshot]) -> Callable[[Any, str | None], Snapshot]:
    """A reader whose documents carry absolute links and their page's name themselves."""
    return lambda data, _url: read(data)


def _one_document(url: str) -> tuple[str, ...]:
    return (url,)


@dataclass(frozen=True, slots=True, kw_only=True)
class Platform:
    """One kind of status page: its identity, its documents, its parser and its properties."""

    kind: SourceKind
    # The document flavour we read (the device model) and who makes the platform.
    name: str
    maker: str
    format: Format
    # Detection only: whether a decoded document (JSON value or Feed) at ``url`` is ours.
    recognise: Callable[[Any, str], bool]
    # A decoded document (and where it was read, for relative links and names) as a snapshot.
    build: Callable[[Any, str | None], Snapshot]
    # Paths tried under a page's base address during detection, in this round.
    paths: tuple[str, ...] = ()
    detect_round: Round = Round.OTHER_JSON
    # Where a document's path starts, to find the page a document URL belongs to.
    markers: tuple[str, ...] = ()
    # Hosts whose pages are read from one known document, and a URL ending that names one.
    hosts: Mapping[str, str] | None = None
    suffixes: tuple[str, ...] = ()
    claim: Callable[[str], str | None] = _no_claim
    # The page a document URL belongs to, where cutting at a marker would leave only the
    # host (pages that share a host, one per token or slug) or a central API host.
    page_of: Callable[[str], str | None] = _no_claim
    # Documents that are neither plain JSON nor a feed (a JSONP wrapper) are decoded here.
    decode: Callable[[bytes, str], Any] | None = None
    # From the document detection found to every document polled (first one first).
    documents: Callable[[str], tuple[str, ...]] = _one_document
    # Chosen only when no richer platform answers (a feed of no known flavour).
    fallback: bool = False
    # The first document lists every open incident with its updates: while it is unchanged,
    # the others need not be asked every poll.
    first_document_moves: bool = False
    # Statuspage-style pages: the page id identifies the page across addresses, and the
    # page can push subscriber webhooks.
    keyed_by_page_id: bool = False
    webhook: bool = False

    def parse(self, body: bytes, content_type: str, url: str | None = None) -> Snapshot:
        """Decode ``body`` (once) and read it as this platform's document."""
        if self.decode is not None:
            return self.build(self.decode(body, content_type), url)
        if self.format is Format.FEED:
            return self.build(decode_feed(body, content_type), url)
        return self.build(decode_json(body, content_type), url)

    def names_document(self, url: str) -> str | None:
        """``url`` itself when it names one of this platform's documents, else its own claim."""
        if self.suffixes and urlsplit(url).path.lower().endswith(self.suffixes):
            return url
        return self.claim(url)

    def host_document(self, url: str) -> str | None:
        """The one document of a page on a host this platform reads from one document."""
        return self.hosts.get((urlsplit(url).hostname or "").lower()) if self.hosts else None
