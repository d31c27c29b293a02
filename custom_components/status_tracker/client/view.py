"""One view of a new update: what kind of step it is and what a person or automation sees.

The Home Assistant event and event entity, and the console's line, are all made
from ``UpdateView``; only how much of the text each keeps differs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final

from .models import IncidentStatus

if TYPE_CHECKING:
    from .models import NewUpdate

# The kinds of step, for automations (the event's and the event entity's ``type``).
UPDATE_KINDS: Final = (
    "incident_created",
    "incident_updated",
    "incident_resolved",
    "maintenance_scheduled",
    "maintenance_started",
    "maintenance_updated",
    "maintenance_completed",
)
_MAINTENANCE_KINDS: Final = {
    IncidentStatus.SCHEDULED: "maintenance_scheduled",
    IncidentStatus.IN_PROGRESS: "maintenance_started",
    IncidentStatus.VERIFYING: "maintenance_updated",
    IncidentStatus.COMPLETED: "maintenance_completed",
}


def update_kind(new: NewUpdate) -> str:
    """What kind of step this update is."""
    if new.incident.is_maintenance:
        return _MAINTENANCE_KINDS.get(new.update.status, "maintenance_updated")
    if new.is_resolution:
        return "incident_resolved"
    return "incident_created" if new.is_new_incident else "incident_updated"


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateView:
    """A new update as people see it: plain values only (text, ISO 8601 times, flags)."""

    type: str
    incident_id: str
    incident_name: str
    status: str
    # The platform's own word for the status ("Investigating", "Fixed", ...).
    status_raw: str
    previous_status: str | None
    impact: str
    update_id: str
    body: str
    affected_components: list[str]
    shortlink: str | None
    created_at: str
    display_at: str
    # When the incident began (the page's start, else its creation): for durations.
    started_at: str
    is_new_incident: bool
    is_resolution: bool
    is_maintenance: bool

    def as_dict(self) -> dict[str, Any]:
        """The view as a dict (a copy)."""
        return asdict(self)


def view_of(new: NewUpdate) -> UpdateView:
    """The view of a new update."""
    incident, update = new.incident, new.update
    return UpdateView(
        type=update_kind(new),
        incident_id=incident.id,
        incident_name=incident.name,
        status=update.status.value,
        status_raw=update.status_raw or update.status.value,
        previous_status=new.previous_status.value if new.previous_status else None,
        impact=incident.impact.value,
        update_id=update.id,
        body=update.body,
        # The components this update names; else the incident's.
        affected_components=[c.name for c in update.affected_components]
        or list(incident.components),
        shortlink=incident.url,
        created_at=update.created_at.isoformat(),
        display_at=update.display_at.isoformat(),
        started_at=(incident.started_at or incident.created_at).isoformat(),
        is_new_incident=new.is_new_incident,
        is_resolution=new.is_resolution,
        is_maintenance=incident.is_maintenance,
    )
