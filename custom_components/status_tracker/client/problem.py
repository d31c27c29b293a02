"""What turns a follower's "problem" on: degraded or only outages, maintenance, unknown.

The default policy is the problem sensor's behaviour before it was configurable: on
while the status is degraded or worse, or while any incident that is not a maintenance
is open; maintenance and unknown alone are no problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from .models import Impact, PageStatus

if TYPE_CHECKING:
    from .models import Incident
    from .scope import PageView


class ProblemLevel(StrEnum):
    """From how bad a problem is one."""

    DEGRADED = "degraded"
    OUTAGE = "outage"


_BAD: Final = {
    ProblemLevel.DEGRADED: frozenset(
        {PageStatus.DEGRADED, PageStatus.PARTIAL_OUTAGE, PageStatus.MAJOR_OUTAGE}
    ),
    ProblemLevel.OUTAGE: frozenset({PageStatus.PARTIAL_OUTAGE, PageStatus.MAJOR_OUTAGE}),
}
# Outage-level impacts (Statuspage's "major" is a partial outage, "critical" a major one).
_OUTAGE_IMPACTS: Final = frozenset({Impact.MAJOR, Impact.CRITICAL})


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemPolicy:
    """Which states and open incidents count as a problem."""

    level: ProblemLevel = ProblemLevel.DEGRADED
    maintenance: bool = False
    unknown: bool = False

    @classmethod
    def of(cls, level: str | None, *, maintenance: bool, unknown: bool) -> ProblemPolicy:
        """From stored option values."""
        try:
            parsed = ProblemLevel(level or ProblemLevel.DEGRADED)
        except ValueError:
            parsed = ProblemLevel.DEGRADED
        return cls(level=parsed, maintenance=maintenance, unknown=unknown)

    def counts(self, incident: Incident) -> bool:
        """Whether this open incident is a problem by itself."""
        if incident.is_maintenance:
            return self.maintenance
        return self.level is ProblemLevel.DEGRADED or incident.impact in _OUTAGE_IMPACTS

    def is_problem(self, view: PageView) -> bool:
        """Whether ``view`` shows a problem.

        Incidents the hold-down still holds do not count yet, and while they are the only
        open incidents the state they cause waits with them: a blip shorter than the
        hold-down never turns the problem on.
        """
        incidents = [i for i in view.incidents if not i.is_maintenance]
        waiting = bool(incidents) and all(i.id in view.held for i in incidents)
        status = view.status
        if status in _BAD[self.level] and not waiting:
            return True
        if (status is PageStatus.UNKNOWN and self.unknown) or (
            status is PageStatus.MAINTENANCE and self.maintenance
        ):
            return True
        return any(self.counts(i) for i in view.incidents if i.id not in view.held)
