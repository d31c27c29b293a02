"""incident.io ``feed.atom`` / ``feed.rss``: one entry per incident, latest state only.

The entry HTML reads ``<b>Status: Resolved</b><br/><br/>message<br/><br/><b>Affected
components</b><ul><li>Name (Operational)</li></ul>``. There is no update id:
the entry's ``updated`` time stands in, so each poll sees at most the newest
post of an incident (posts between two polls collapse into one).
"""

from __future__ import annotations

import re

from ..models import (
    AffectedComponent,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Snapshot,
)
from ..parsers.feed import Feed, FeedEntry, feed_snapshot
from ..source import SourceKind
from ..text import html_to_text
from .feed import feed_flavour

_STATUS_LINE = re.compile(r"^\s*<b>\s*Status:", re.IGNORECASE)
_STATUS = re.compile(r"^\s*Status:\s*(.+)$", re.MULTILINE)
_AFFECTED = re.compile(r"^(.*\S)\s*\(([^()]+)\)\s*$")
_INCIDENT_ID = re.compile(r"/incidents/([A-Za-z0-9]+)")
# The heading the feed writes before its list. A message may name "affected components"
# itself (even in bold), so the list starts after the last heading, not the first mention.
_HEADING = re.compile(r"<b>\s*Affected components\s*</b>", re.IGNORECASE)
_WORST_TO_IMPACT = {
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.UNDER_MAINTENANCE: Impact.MAINTENANCE,
}


def is_incidentio_feed(feed: Feed) -> bool:
    """incident.io names itself as the Atom generator; its RSS shows only the "Status:" line."""
    if "incident.io" in feed.generator.lower():
        return True
    return any(_STATUS_LINE.search(entry.html) for entry in feed.entries)


def parse_incidentio_feed(feed: Feed) -> Snapshot:
    """Each entry's latest state as an incident with one update."""
    incidents = tuple(filter(None, (_incident(entry) for entry in feed.entries)))
    return feed_snapshot(SourceKind.INCIDENTIO_FEED, feed, incidents)


def _incident(entry: FeedEntry) -> Incident | None:
    when = entry.updated or entry.published
    if when is None or not entry.id:
        return None
    head_html, components_html = _sections(entry.html)
    head, components_text = html_to_text(head_html), html_to_text(components_html)
    match = _STATUS.search(head)
    raw = match.group(1).strip() if match else "unknown"
    status = IncidentStatus.from_raw(raw)
    body = _STATUS.sub("", head).strip()
    affected = tuple(filter(None, map(_affected, components_text.splitlines())))
    worst = max((c.new_status for c in affected), key=lambda s: s.severity, default=None)
    maintenance = status in {IncidentStatus.SCHEDULED, IncidentStatus.IN_PROGRESS} or (
        worst is ComponentStatus.UNDER_MAINTENANCE
    )
    code = _INCIDENT_ID.search(entry.id) or _INCIDENT_ID.search(entry.link)
    impact = _WORST_TO_IMPACT.get(worst, Impact.NONE) if worst else Impact.UNKNOWN
    return Incident(
        id=code.group(1) if code else entry.id,
        name=html_to_text(entry.title) or entry.id,
        status=status,
        status_raw=raw,
        impact=impact,
        impact_raw="",
        url=entry.link.replace("//incidents/", "/incidents/") or None,
        created_at=entry.published or when,
        updated_at=when,
        resolved_at=when if status.is_closed else None,
        components=tuple(c.name for c in affected),
        updates=(
            IncidentUpdate(
                id=when.isoformat(),
                status=status,
                status_raw=raw,
                body=body,
                created_at=when,
                display_at=when,
                affected_components=affected,
            ),
        ),
        is_maintenance=maintenance,
    )


def _sections(html: str) -> tuple[str, str]:
    """The entry's status and message, and its component list (empty without a heading)."""
    headings = list(_HEADING.finditer(html))
    if not headings:
        return html, ""
    return html[: headings[-1].start()], html[headings[-1].end() :]


def _affected(line: str) -> AffectedComponent | None:
    match = _AFFECTED.match(line.strip())
    if match is None:
        return None
    raw = match.group(2).strip()
    return AffectedComponent(
        id=match.group(1),
        name=match.group(1),
        new_status=ComponentStatus.from_raw(raw),
        new_status_raw=raw,
    )


PLATFORM = feed_flavour(
    kind=SourceKind.INCIDENTIO_FEED,
    name="incident.io feed",
    maker="incident.io",
    recognise=is_incidentio_feed,
    read=parse_incidentio_feed,
)
