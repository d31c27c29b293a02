"""Any RSS or Atom feed of no known flavour: one incident per entry.

The fallback of detection: a feed tells less than a platform's own JSON (no
components, no impact), so a page whose feed is of no known flavour is read from
its JSON when it has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..parsers.feed import Feed, feed_snapshot, parse_generic_feed
from ..source import SourceKind
from .base import Format, Platform, Round, by_shape, url_free

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Snapshot

# Where status pages publish their feeds, richest flavour first.
FEED_PATHS: tuple[str, ...] = ("/history.atom", "/feed.atom", "/history.rss", "/feed.rss")
# A URL ending so names a feed: it is read as it is.
FEED_SUFFIXES: tuple[str, ...] = (".atom", ".rss", ".xml", "/feed", "/rss", "/atom")


def generic_feed_snapshot(feed: Feed, url: str | None = None) -> Snapshot:  # noqa: ARG001
    """The page of a feed of no known flavour; its state is told by its open entries."""
    incidents = parse_generic_feed(feed)
    return feed_snapshot(SourceKind.FEED, feed, incidents)


def _any_feed(feed: Feed, url: str) -> bool:  # noqa: ARG001
    return True


def feed_flavour(
    *,
    kind: SourceKind,
    name: str,
    maker: str,
    recognise: Callable[[Feed], bool],
    read: Callable[[Feed], Snapshot],
) -> Platform:
    """A known flavour of feed: tried at the usual feed paths, recognised before the generic."""
    return Platform(
        kind=kind,
        name=name,
        maker=maker,
        format=Format.FEED,
        recognise=by_shape(recognise),
        build=url_free(read),
        paths=FEED_PATHS,
        detect_round=Round.FEED,
        markers=FEED_PATHS,
        suffixes=FEED_SUFFIXES,
    )


PLATFORM = Platform(
    kind=SourceKind.FEED,
    name="RSS/Atom feed",
    maker="Status page",
    format=Format.FEED,
    recognise=_any_feed,
    build=generic_feed_snapshot,
    paths=FEED_PATHS,
    detect_round=Round.FEED,
    markers=FEED_PATHS,
    suffixes=FEED_SUFFIXES,
    fallback=True,
)
