"""Hold-down: report a new incident only once it has been open for a while.

A short blip (an incident opened and resolved within the hold-down) is noise: its
updates are held back while it is young and dropped if it resolves young (reported as
suppressed), unless its impact is at least ``bypass``. Once it has been open long
enough its held updates are released in order. Young is measured from when the page
says the incident was created, so it is the same before and after a restart, and held
updates are kept in the tracker's stored state (``TrackerState.held``) so a restart
neither loses nor repeats them. Maintenances are planned, never held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from .models import Impact

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .models import Incident, NewUpdate, Snapshot

# The stored word for "no impact is big enough to fire a blip".
BYPASS_NEVER: Final = "never"


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldResult:
    """What to fire now (in order), what stays held, and the blips dropped."""

    fire: tuple[NewUpdate, ...] = ()
    held: tuple[NewUpdate, ...] = ()
    suppressed: tuple[Incident, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldDown:
    """Hold a new incident's updates until it has been open ``minutes`` (0: off)."""

    minutes: int = 0
    # An incident resolved young still fires from this impact up; None: never.
    bypass: Impact | None = Impact.MAJOR
    _period: timedelta = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """The period once, as a timedelta."""
        object.__setattr__(self, "_period", timedelta(minutes=max(self.minutes, 0)))

    @classmethod
    def of(cls, minutes: float | None, bypass: str | None) -> HoldDown:
        """From stored option values (``bypass``: an impact word, or ``BYPASS_NEVER``)."""
        impact = None if bypass == BYPASS_NEVER else Impact.from_raw(bypass or Impact.MAJOR.value)
        return cls(minutes=int(minutes or 0), bypass=impact)

    def _holds(self, incident: Incident) -> bool:
        return bool(self._period) and not incident.is_maintenance

    def due(self, incident: Incident) -> datetime:
        """When ``incident`` has been open long enough."""
        return incident.created_at + self._period

    def young(self, snapshot: Snapshot, now: datetime) -> frozenset[str]:
        """Ids of the open incidents still held at ``now`` (for the problem sensor)."""
        return frozenset(
            i.id for i in snapshot.active_incidents if self._holds(i) and now < self.due(i)
        )

    def next_due(self, incidents: Iterable[Incident], now: datetime) -> datetime | None:
        """The next time one of ``incidents`` (open ones) stops being young, if any will."""
        dues = [
            self.due(i) for i in incidents if self._holds(i) and i.is_active and now < self.due(i)
        ]
        return min(dues, default=None)

    def sort(
        self, held: Sequence[NewUpdate], new: Sequence[NewUpdate], now: datetime
    ) -> HoldResult:
        """Held then new updates (oldest first), sorted into fire, hold, and drop."""
        queue = [*held, *new]
        # Later updates carry the incident as it is now (resolved, or rated anew).
        latest = {item.incident.id: item.incident for item in queue}
        fire: list[NewUpdate] = []
        keep: list[NewUpdate] = []
        dropped: dict[str, Incident] = {}
        for item in queue:
            incident = latest[item.incident.id]
            if not self._holds(incident):
                fire.append(item)
            elif not incident.is_active:
                if self._ended(incident, now) < self.due(incident) and not self._bypassed(incident):
                    dropped[incident.id] = incident
                else:
                    fire.append(item)
            elif now >= self.due(incident):
                fire.append(item)
            else:
                keep.append(item)
        return HoldResult(fire=tuple(fire), held=tuple(keep), suppressed=tuple(dropped.values()))

    def _bypassed(self, incident: Incident) -> bool:
        impact = incident.impact
        return (
            self.bypass is not None
            and impact is not Impact.UNKNOWN
            and (impact.rank >= self.bypass.rank)
        )

    @staticmethod
    def _ended(incident: Incident, now: datetime) -> datetime:
        if incident.resolved_at is not None:
            return incident.resolved_at
        return incident.updates[-1].display_at if incident.updates else now
