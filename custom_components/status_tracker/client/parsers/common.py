"""Small helpers shared by the parsers of the non-Statuspage platforms.

Platforms without a lifecycle word for an open incident (Better Stack, Google,
Slack, AWS) read as ``INVESTIGATING`` with the platform's own word kept raw.
Platforms without update ids get ids made from the update's own timestamp text;
``unique_ids`` keeps two updates posted in the same second apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..models import ComponentStatus, Impact, PageStatus
from ..text import parse_time

if TYPE_CHECKING:
    from collections.abc import Iterable

# JavaScript's Date.prototype.toString(): "Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated …)".
_JS_DATE = re.compile(
    r"^\s*[A-Za-z]{3},?\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}:\d{2}:\d{2})"
    r"\s+(?:GMT|UTC)\s*([+-]\d{2}:?\d{2})?"
)
# Epoch values above this are milliseconds (this is 5138 in seconds, 1973 in ms).
_MILLIS = 10**11

WORST_TO_IMPACT = {
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.UNDER_MAINTENANCE: Impact.MAINTENANCE,
    ComponentStatus.OPERATIONAL: Impact.NONE,
}
IMPACT_TO_PAGE = {
    Impact.CRITICAL: PageStatus.MAJOR_OUTAGE,
    Impact.MAJOR: PageStatus.PARTIAL_OUTAGE,
    Impact.MINOR: PageStatus.DEGRADED,
    Impact.NONE: PageStatus.DEGRADED,
    Impact.UNKNOWN: PageStatus.DEGRADED,
    Impact.MAINTENANCE: PageStatus.MAINTENANCE,
}
COMPONENT_TO_PAGE = {
    ComponentStatus.MAJOR_OUTAGE: PageStatus.MAJOR_OUTAGE,
    ComponentStatus.PARTIAL_OUTAGE: PageStatus.PARTIAL_OUTAGE,
    ComponentStatus.DEGRADED_PERFORMANCE: PageStatus.DEGRADED,
    ComponentStatus.UNDER_MAINTENANCE: PageStatus.MAINTENANCE,
    ComponentStatus.OPERATIONAL: PageStatus.OPERATIONAL,
    ComponentStatus.UNKNOWN: PageStatus.UNKNOWN,
}


def epoch_time(value: object) -> datetime | None:
    """Seconds (or milliseconds) since 1970 as an int, float or digit string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    seconds = value / 1000 if abs(value) >= _MILLIS else value
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def any_time(value: object) -> datetime | None:
    """ISO 8601, RFC 822, a JavaScript ``Date.toString()`` string, or epoch seconds/ms."""
    if isinstance(value, int | float):
        return epoch_time(value)
    if not isinstance(value, str):
        return None
    # Before parse_time: email.utils reads "GMT+0200" as GMT and drops the offset.
    match = _JS_DATE.match(value)
    if match is None:
        return parse_time(value)
    month, day, year, clock, offset = match.groups()
    text = f"{month} {day} {year} {clock} {(offset or '+0000').replace(':', '')}"
    try:
        return datetime.strptime(text, "%b %d %Y %H:%M:%S %z").astimezone(UTC)
    except ValueError:
        return None


def unique_ids(keys: Iterable[str]) -> list[str]:
    """The keys in order, a repeat getting ``#2``, ``#3``… so every update id is distinct."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        count = seen.get(key, 0) + 1
        seen[key] = count
        out.append(key if count == 1 else f"{key}#{count}")
    return out


def absolute_url(base: str | None, ref: str | None) -> str | None:
    """``ref`` made absolute against the document's URL; None when that cannot be done."""
    if not ref:
        return None
    if urlsplit(ref).scheme in {"http", "https"}:
        return ref
    if not base:
        return None
    return urljoin(base, ref)


def worst_impact(impacts: Iterable[Impact]) -> Impact | None:
    """The highest-ranked impact, or None for none at all."""
    return max(impacts, key=lambda impact: impact.rank, default=None)
