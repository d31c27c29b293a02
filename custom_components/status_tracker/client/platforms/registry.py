"""Every platform the library reads, in the order their documents are recognised.

Adding a platform is its module and one line here. The order matters only where
two platforms could read the same document: the more specific shape comes first
(Instatus, Better Stack and Sorry™ before Statuspage, whose only mark is a page id;
incident.io before Statuspage; Google and Slack, who know an empty array by its
address, before AWS; the feed flavours before the generic feed; hund.io's feed last of them, so its
path is tried after the usual feed paths).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..parsers.feed import Feed
from . import (
    apple,
    aws,
    aws_feed,
    azure,
    azure_devops,
    betterstack,
    cachet,
    feed,
    gatus,
    google,
    heroku,
    hund,
    hyperping,
    incidentio,
    incidentio_feed,
    instatus,
    openstatus,
    rootly,
    salesforce,
    slack,
    sorry,
    statusio,
    statuspage,
    statuspage_feed,
    statuspal,
    uptimekuma,
    uptimerobot,
)
from .base import Format

if TYPE_CHECKING:
    from ..source import SourceKind
    from .base import Platform

PLATFORMS: tuple[Platform, ...] = (
    instatus.PLATFORM,
    betterstack.PLATFORM,
    statusio.PLATFORM,
    heroku.PLATFORM,
    apple.PLATFORM,
    azure_devops.PLATFORM,
    statuspal.PLATFORM,
    salesforce.PLATFORM,
    google.PLATFORM,
    slack.PLATFORM,
    aws.PLATFORM,
    sorry.PLATFORM,
    cachet.PLATFORM,
    uptimerobot.PLATFORM,
    uptimekuma.PLATFORM,
    gatus.PLATFORM,
    rootly.PLATFORM,
    openstatus.PLATFORM,
    hyperping.PLATFORM,
    incidentio.PLATFORM,
    statuspage.PLATFORM,
    incidentio_feed.PLATFORM,
    aws_feed.PLATFORM,
    azure.PLATFORM,
    statuspage_feed.PLATFORM,
    hund.PLATFORM,
    feed.PLATFORM,
)
_BY_KIND: dict[str, Platform] = {platform.kind: platform for platform in PLATFORMS}


def platform_for(kind: SourceKind | str) -> Platform:
    """The platform of a kind (an entry's stored ``source``); KeyError for an unknown one."""
    return _BY_KIND[kind]


def recognising(data: object, url: str) -> Platform | None:
    """Detection only: the first platform whose documents look like ``data`` read at ``url``."""
    wanted = Format.FEED if isinstance(data, Feed) else Format.JSON
    return next(
        (p for p in PLATFORMS if p.format is wanted and p.recognise(data, url)),
        None,
    )


@cache
def markers() -> tuple[str, ...]:
    """Where a document's path starts, richest platforms' first.

    ``/api/v2/`` comes before Instatus' ``/summary.json``, which ``/api/v2/summary.json`` holds.
    """
    ordered = sorted(PLATFORMS, key=lambda p: p.detect_round)
    return tuple(dict.fromkeys(marker for p in ordered for marker in p.markers))


@cache
def detection_rounds() -> tuple[tuple[str, ...], ...]:
    """The paths tried under a page's base address, round by round, each path once."""
    rounds: dict[int, dict[str, None]] = {}
    for platform in PLATFORMS:
        if platform.paths:
            rounds.setdefault(platform.detect_round, {}).update(dict.fromkeys(platform.paths))
    return tuple(tuple(paths) for _, paths in sorted(rounds.items()))
