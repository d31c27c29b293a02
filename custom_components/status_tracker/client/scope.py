"""What a follower looks at: some components, whole groups, some regions; and the page so seen.

An incident is in scope when it names a chosen component (or names none at all) and, with
regions chosen, names a chosen region (or none). Saying nothing is not saying "not you":
feeds name no components, most platforms no regions, and an incident that names nothing
may well be yours. A group stands for all of its components, including ones the page adds
later, because a scope is resolved against each snapshot, never stored resolved.

Scoped, the status is the worst of the chosen components' states and of what the open
incidents in scope imply (their impact); without any choice it is the page's own status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from .models import ComponentStatus, Impact, PageStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Component, Incident, IncidentUpdate, Snapshot

# "Worst of": unknown says least, an outage most.
_SEVERITY: Final = {
    PageStatus.UNKNOWN: -1,
    PageStatus.OPERATIONAL: 0,
    PageStatus.MAINTENANCE: 1,
    PageStatus.DEGRADED: 2,
    PageStatus.PARTIAL_OUTAGE: 3,
    PageStatus.MAJOR_OUTAGE: 4,
}
_OF_COMPONENT: Final = {
    ComponentStatus.OPERATIONAL: PageStatus.OPERATIONAL,
    ComponentStatus.UNDER_MAINTENANCE: PageStatus.MAINTENANCE,
    ComponentStatus.DEGRADED_PERFORMANCE: PageStatus.DEGRADED,
    ComponentStatus.PARTIAL_OUTAGE: PageStatus.PARTIAL_OUTAGE,
    ComponentStatus.MAJOR_OUTAGE: PageStatus.MAJOR_OUTAGE,
    ComponentStatus.UNKNOWN: PageStatus.UNKNOWN,
}
# An open incident is at least a degradation, whatever (or however little) it says.
_OF_IMPACT: Final = {
    Impact.MAJOR: PageStatus.PARTIAL_OUTAGE,
    Impact.CRITICAL: PageStatus.MAJOR_OUTAGE,
    Impact.MAINTENANCE: PageStatus.MAINTENANCE,
}


def worst(statuses: Iterable[PageStatus]) -> PageStatus:
    """The worst of ``statuses``; unknown when there are none."""
    return max(statuses, key=_SEVERITY.__getitem__, default=PageStatus.UNKNOWN)


def incident_status(incident: Incident) -> PageStatus:
    """What an open incident says about the state of what it names."""
    if incident.is_maintenance:
        return PageStatus.MAINTENANCE
    return _OF_IMPACT.get(incident.impact, PageStatus.DEGRADED)


def named_by(incident: Incident, update: IncidentUpdate | None = None) -> set[str]:
    """Ids and names of the components an incident (and one of its updates) names."""
    named = set(incident.components)
    if update is not None:
        named |= {c.id for c in update.affected_components}
        named |= {c.name for c in update.affected_components}
    return named


def chosen_components(chosen: frozenset[str], snapshot: Snapshot) -> tuple[Component, ...]:
    """The page's components that are chosen by id, or belong to a chosen group."""
    in_groups = {cid for g in snapshot.groups if g.id in chosen for cid in g.component_ids}
    return tuple(
        c
        for c in snapshot.components
        if c.id in chosen or c.id in in_groups or (c.group_id is not None and c.group_id in chosen)
    )


def chosen_names(chosen: frozenset[str], snapshot: Snapshot) -> set[str]:
    """What an incident may call a chosen component: its id or its name.

    Incidents name components by name (feeds, incident lists), updates by id too.
    """
    components = chosen_components(chosen, snapshot)
    return set(chosen) | {c.id for c in components} | {c.name for c in components}


@dataclass(frozen=True, slots=True, kw_only=True)
class PageView:
    """The page as a follower sees it: what the status sensor, count and problem show."""

    snapshot: Snapshot
    status: PageStatus
    # Open incidents and in-progress maintenances in scope, newest first.
    incidents: tuple[Incident, ...]
    scoped: bool
    # Open incidents the hold-down still holds back (they have not been open long enough).
    held: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Scope:
    """Chosen components or groups (ids) and regions; empty means the whole page."""

    components: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, components: Iterable[str] | None, regions: Iterable[str] | None) -> Scope:
        """From stored option values."""
        return cls(components=frozenset(components or ()), regions=frozenset(regions or ()))

    @property
    def whole_page(self) -> bool:
        """Nothing chosen: the page as it reports itself."""
        return not self.components and not self.regions

    def covers(
        self, incident: Incident, snapshot: Snapshot, update: IncidentUpdate | None = None
    ) -> bool:
        """Whether ``incident`` (with one of its updates) is in scope."""
        names = chosen_names(self.components, snapshot) if self.components else set()
        return self._covers(names, incident, update)

    def _covers(
        self, names: set[str], incident: Incident, update: IncidentUpdate | None = None
    ) -> bool:
        if self.regions and incident.regions and not self.regions & set(incident.regions):
            return False
        named = named_by(incident, update) if names else set()
        return not named or bool(named & names)

    def view(self, snapshot: Snapshot, held: frozenset[str] = frozenset()) -> PageView:
        """The page seen through this scope."""
        active = snapshot.active_incidents
        if self.whole_page:
            return PageView(
                snapshot=snapshot, status=snapshot.status, incidents=active, scoped=False, held=held
            )
        names = chosen_names(self.components, snapshot) if self.components else set()
        incidents = tuple(i for i in active if self._covers(names, i))
        statuses = [incident_status(i) for i in incidents]
        if self.components:
            components = chosen_components(self.components, snapshot)
            statuses += [_OF_COMPONENT[c.status] for c in components]
        # Only regions chosen: nothing open in them is all well there.
        status = worst(statuses) if statuses or self.components else PageStatus.OPERATIONAL
        return PageView(
            snapshot=snapshot, status=status, incidents=incidents, scoped=True, held=held
        )
