"""Typed, immutable models of a status page, normalised across platforms.

Every normalised enum sits beside the raw value the platform sent, so an
unknown value maps to ``UNKNOWN`` without losing what was actually there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime  # noqa: TC003  # resolved at run time by serialize.py
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Self, cast

from .source import SourceKind  # noqa: TC001  # resolved at run time by serialize.py

if TYPE_CHECKING:
    from collections.abc import Mapping


class _RawEnum(StrEnum):
    """A StrEnum that reads platform values leniently and falls back to UNKNOWN."""

    @classmethod
    def aliases(cls) -> Mapping[str, str]:
        """Platform spellings that mean one of our members."""
        return {}

    @classmethod
    def from_raw(cls, raw: object) -> Self:
        """Map a platform value (any case, spaces or dashes) to a member, else UNKNOWN."""
        # Pages repeat a handful of values thousands of times: look each up once.
        return cast("Self", _member(cls, str(raw)))


@lru_cache(maxsize=4096)
def _member(cls: type[_RawEnum], raw: str) -> _RawEnum:
    key = raw.strip().lower().replace(" ", "_").replace("-", "_")
    key = cls.aliases().get(key, key)
    try:
        return cls(key)
    except ValueError:
        return cls("unknown")


class PageStatus(_RawEnum):
    """The overall state of a page (Statuspage's ``status.indicator``, normalised)."""

    OPERATIONAL = "operational"
    DEGRADED = "degraded"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    MAINTENANCE = "maintenance"
    UNKNOWN = "unknown"

    @classmethod
    def aliases(cls) -> Mapping[str, str]:
        """Statuspage indicators and feed words."""
        return {
            "none": "operational",
            "minor": "degraded",
            "major": "partial_outage",
            "critical": "major_outage",
            "under_maintenance": "maintenance",
        }


class ComponentStatus(_RawEnum):
    """The state of one component."""

    OPERATIONAL = "operational"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    UNDER_MAINTENANCE = "under_maintenance"
    UNKNOWN = "unknown"

    @classmethod
    def aliases(cls) -> Mapping[str, str]:
        """incident.io and Instatus spellings."""
        return {
            "full_outage": "major_outage",
            "degraded": "degraded_performance",
            "maintenance": "under_maintenance",
        }

    @property
    def severity(self) -> int:
        """Order for "worst of": operational < maintenance < degraded < partial < major."""
        return _COMPONENT_SEVERITY[self]


_COMPONENT_SEVERITY = {
    ComponentStatus.UNKNOWN: -1,
    ComponentStatus.OPERATIONAL: 0,
    ComponentStatus.UNDER_MAINTENANCE: 1,
    ComponentStatus.DEGRADED_PERFORMANCE: 2,
    ComponentStatus.PARTIAL_OUTAGE: 3,
    ComponentStatus.MAJOR_OUTAGE: 4,
}


class IncidentStatus(_RawEnum):
    """The state an incident or maintenance is in after an update."""

    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    UPDATE = "update"
    RESOLVED = "resolved"
    POSTMORTEM = "postmortem"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"
    UNKNOWN = "unknown"

    @property
    def is_closed(self) -> bool:
        """Whether this status ends the incident or maintenance."""
        return self in _CLOSED

    @classmethod
    def aliases(cls) -> Mapping[str, str]:
        """incident.io maintenance names and feed labels."""
        return {
            "maintenance_scheduled": "scheduled",
            "maintenance_in_progress": "in_progress",
            "fixed": "resolved",
            "watching": "monitoring",
        }


_CLOSED = frozenset({IncidentStatus.RESOLVED, IncidentStatus.POSTMORTEM, IncidentStatus.COMPLETED})


class Impact(_RawEnum):
    """How bad an incident is, as the page rates it."""

    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    MAINTENANCE = "maintenance"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Order for thresholds: unknown and none rank lowest, critical highest."""
        return _IMPACT_RANK[self]


_IMPACT_RANK = {
    Impact.UNKNOWN: 0,
    Impact.NONE: 0,
    Impact.MAINTENANCE: 1,
    Impact.MINOR: 2,
    Impact.MAJOR: 3,
    Impact.CRITICAL: 4,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """The page itself."""

    id: str
    name: str
    url: str
    time_zone: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentGroup:
    """A heading that groups components; never a component itself."""

    id: str
    name: str
    component_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Component:
    """One service of the page."""

    id: str
    name: str
    status: ComponentStatus
    status_raw: str
    group_id: str | None = None
    description: str | None = None
    position: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AffectedComponent:
    """A component named by an update, with its state before and after."""

    id: str
    name: str
    new_status: ComponentStatus
    new_status_raw: str
    old_status: ComponentStatus | None = None
    old_status_raw: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentUpdate:
    """One post on an incident's timeline."""

    id: str
    status: IncidentStatus
    status_raw: str
    body: str
    created_at: datetime
    display_at: datetime
    affected_components: tuple[AffectedComponent, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """An incident or a scheduled maintenance, with its updates oldest first."""

    id: str
    name: str
    status: IncidentStatus
    status_raw: str
    impact: Impact
    impact_raw: str
    url: str | None
    created_at: datetime
    updated_at: datetime | None = None
    started_at: datetime | None = None
    resolved_at: datetime | None = None
    components: tuple[str, ...] = ()
    # Regions or locations the incident names (AWS, Google Cloud); most platforms name none.
    # Stored parses without it read as none (a field with a default), so the format holds.
    regions: tuple[str, ...] = ()
    updates: tuple[IncidentUpdate, ...] = ()
    is_maintenance: bool = False
    scheduled_for: datetime | None = None
    scheduled_until: datetime | None = None

    @property
    def is_active(self) -> bool:
        """Not yet resolved or completed."""
        return not self.status.is_closed


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """Everything one poll learnt about a page."""

    source: SourceKind
    page: Page
    status: PageStatus
    status_raw: str
    description: str
    components: tuple[Component, ...] = ()
    groups: tuple[ComponentGroup, ...] = ()
    incidents: tuple[Incident, ...] = ()
    maintenances: tuple[Incident, ...] = ()

    @property
    def active_incidents(self) -> tuple[Incident, ...]:
        """Open incidents and maintenances in progress (README), newest first.

        A maintenance only scheduled is not open yet.
        """
        incidents = (i for i in self.incidents if i.is_active and not i.is_maintenance)
        under_way = (
            m
            for m in self.all_maintenances
            if m.is_active and m.status is not IncidentStatus.SCHEDULED
        )
        return tuple(sorted((*incidents, *under_way), key=lambda i: i.created_at, reverse=True))

    @property
    def all_maintenances(self) -> tuple[Incident, ...]:
        """Every maintenance, from either list (feeds list them among the incidents)."""
        found = {i.id: i for i in self.incidents if i.is_maintenance}
        found.update((i.id, i) for i in self.maintenances)
        return tuple(found.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class NewUpdate:
    """An incident update seen for the first time, with the context an event needs."""

    incident: Incident
    update: IncidentUpdate
    previous_status: IncidentStatus | None = None
    is_new_incident: bool = False
    key: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        """Derive the identity once: (incident id, update id)."""
        object.__setattr__(self, "key", (self.incident.id, self.update.id))

    @property
    def is_resolution(self) -> bool:
        """Whether this update closed the incident or maintenance."""
        return self.update.status.is_closed
