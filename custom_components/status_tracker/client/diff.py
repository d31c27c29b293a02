"""Change detection: which incident updates are new since the updates we have seen.

Identity is ``(incident id, update id)``, never text or timestamps, so edits to
a body do not re-fire and identical timestamps do not drop anything. Seen keys
outlive the page's window (incidents that scroll out and back in are not new),
and are pruned by age and count so the record stays small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from .models import Incident, NewUpdate, Snapshot
from .serialize import from_data

RETENTION: Final = timedelta(days=30)
MAX_INCIDENTS: Final = 500
# With this many incidents in the window and none known, the ids were re-keyed
# (a platform migration), not 3+ incidents born at once.
REKEY_THRESHOLD: Final = 3


@dataclass(slots=True, kw_only=True)
class SeenUpdates:
    """Update ids seen per incident, with when each incident was last in the window."""

    # Tuples, not sets: a few ids per incident, and a small set costs six times the memory.
    updates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    last_seen: dict[str, datetime] = field(default_factory=dict)

    def __contains__(self, key: tuple[str, str]) -> bool:
        """Whether (incident id, update id) was seen."""
        return key[1] in self.updates.get(key[0], ())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for storage."""
        return {
            incident: {"updates": sorted(ids), "last_seen": self.last_seen[incident].isoformat()}
            for incident, ids in self.updates.items()
        }

    @classmethod
    def from_dict(cls, data: Any) -> SeenUpdates:
        """Read stored keys; raise ValueError when the data is not ours."""
        if not isinstance(data, dict):
            raise ValueError("seen updates must be an object")  # noqa: TRY003, TRY004, EM101
        seen = cls()
        for incident, item in data.items():
            ids, when = (
                (item.get("updates"), item.get("last_seen"))
                if isinstance(item, dict)
                else (None, None)
            )
            if not isinstance(ids, list) or not isinstance(when, str):
                raise ValueError(f"bad seen record for {incident!r}")  # noqa: TRY003, TRY004, EM102
            seen.updates[incident] = tuple(dict.fromkeys(str(i) for i in ids))
            # As every stored time is read: a zone-less (hand-edited) one is UTC.
            seen.last_seen[incident] = from_data(datetime, when)
        return seen


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeSet:
    """The result of comparing a snapshot with what was seen."""

    new_updates: tuple[NewUpdate, ...]
    seen: SeenUpdates
    baseline: bool = False
    rekeyed: bool = False


def _all_incidents(snapshot: Snapshot) -> list[Incident]:
    by_id = {incident.id: incident for incident in snapshot.maintenances}
    by_id.update((incident.id, incident) for incident in snapshot.incidents)
    incidents = list(by_id.values())
    if len(incidents) <= MAX_INCIDENTS:
        return incidents
    # A window larger than the record (1,000 open incidents): follow its newest MAX_INCIDENTS.
    # Recording them all and pruning to MAX_INCIDENTS forgot a different few hundred each
    # round, and those fired again as new on the next change of the page.
    return sorted(incidents, key=lambda i: (i.created_at, i.id), reverse=True)[:MAX_INCIDENTS]


def _record(
    seen: SeenUpdates, incidents: list[Incident], now: datetime, *, prune: bool = True
) -> SeenUpdates:
    """Add every update of ``incidents`` to a copy of ``seen``; prune by age then count."""
    updates = dict(seen.updates)
    last_seen = dict(seen.last_seen)
    for incident in incidents:
        known = updates.get(incident.id, ())
        new = tuple(dict.fromkeys(u.id for u in incident.updates if u.id not in known))
        updates[incident.id] = known + new if new else known
        last_seen[incident.id] = now
    if not prune:
        return SeenUpdates(updates=updates, last_seen=last_seen)
    # The window's incidents (at most MAX_INCIDENTS) are kept even when ``now`` ties older times.
    window = {incident.id for incident in incidents}
    keep = sorted(
        (i for i in updates if now - last_seen[i] <= RETENTION),
        key=lambda i: (i in window, last_seen[i]),
        reverse=True,
    )[:MAX_INCIDENTS]
    return SeenUpdates(
        updates={i: updates[i] for i in keep}, last_seen={i: last_seen[i] for i in keep}
    )


def detect_changes(
    seen: SeenUpdates | None,
    snapshot: Snapshot,
    now: datetime | None = None,
    *,
    whole: bool = True,
) -> ChangeSet:
    """New updates in ``snapshot`` oldest first, and the seen record to keep.

    ``seen=None`` (never polled) records a silent baseline. Incidents missing
    from the snapshot are left alone: absence is not resolution. A snapshot that
    is not ``whole`` (part of it is only what the reader kept of an unchanged
    window) prunes nothing: the incidents cut from it are still in the page's window.
    """
    now = now or datetime.now(UTC)
    incidents = _all_incidents(snapshot)
    if seen is None:
        return ChangeSet(new_updates=(), seen=_record(SeenUpdates(), incidents, now), baseline=True)
    if _rekeyed(seen, incidents):
        recorded = _record(seen, incidents, now, prune=whole)
        return ChangeSet(new_updates=(), seen=recorded, rekeyed=True)
    found: list[NewUpdate] = []
    for incident in incidents:
        known = seen.updates.get(incident.id)
        # An update id listed twice in one document is still one update: it fires once.
        fresh: set[str] = set()
        previous = None
        for update in incident.updates:
            if (known is None or update.id not in known) and update.id not in fresh:
                fresh.add(update.id)
                found.append(
                    NewUpdate(
                        incident=incident,
                        update=update,
                        previous_status=previous,
                        is_new_incident=known is None and previous is None,
                    )
                )
            previous = update.status
    found.sort(key=lambda new: (new.update.display_at, new.update.created_at))
    return ChangeSet(new_updates=tuple(found), seen=_record(seen, incidents, now, prune=whole))


def _rekeyed(seen: SeenUpdates, incidents: list[Incident]) -> bool:
    """Several incidents, none known, and some of them older than our last look at the page.

    A platform migration shows the page's history under new ids. A burst of genuinely new
    incidents on a page whose window was empty (a summary-only page between incidents, or a
    page with no history yet) is younger than anything we saw, and must fire.
    """
    if len(incidents) < REKEY_THRESHOLD or not seen.last_seen:
        return False
    if any(incident.id in seen.updates for incident in incidents):
        return False
    last_look = max(seen.last_seen.values())
    return any(incident.created_at < last_look for incident in incidents)
