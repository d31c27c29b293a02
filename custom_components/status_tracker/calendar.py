"""A calendar of the page's scheduled maintenances, for "60 minutes before" calendar triggers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.util import dt as dt_util

from .entity import StatusTrackerEntity

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .client import Incident, Snapshot
    from .coordinator import StatusTrackerConfigEntry

PARALLEL_UPDATES = 0
# A window the page gave no end for is shown as this long.
DEFAULT_LENGTH = timedelta(hours=1)

MAINTENANCE = CalendarEntityDescription(key="maintenance", translation_key="maintenance")


def maintenance_event(incident: Incident) -> CalendarEvent:
    """A maintenance window as a calendar event (planned times where the page gives them)."""
    start = incident.scheduled_for or incident.started_at or incident.created_at
    end = incident.scheduled_until or incident.resolved_at or start + DEFAULT_LENGTH
    latest = incident.updates[-1].body if incident.updates else None
    return CalendarEvent(
        start=start,
        end=max(end, start + timedelta(minutes=1)),
        summary=incident.name,
        description="\n\n".join(filter(None, [latest, incident.url])) or None,
        uid=incident.id,
    )


def maintenance_events(snapshot: Snapshot) -> list[CalendarEvent]:
    """Every maintenance the page shows (scheduled, in progress, recently completed), by start."""
    return sorted(
        map(maintenance_event, snapshot.all_maintenances), key=lambda e: e.start_datetime_local
    )


async def async_setup_entry(
    hass: HomeAssistant,  # noqa: ARG001
    entry: StatusTrackerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the page's maintenance calendar."""
    async_add_entities([MaintenanceCalendar(entry.runtime_data.coordinator, MAINTENANCE)])


class MaintenanceCalendar(StatusTrackerEntity, CalendarEntity):
    """The page's maintenance windows."""

    @property
    def event(self) -> CalendarEvent | None:
        """The window in progress, else the next one to come."""
        now = dt_util.utcnow()
        events = maintenance_events(self.coordinator.data)
        current = [e for e in events if e.start_datetime_local <= now < e.end_datetime_local]
        upcoming = [e for e in events if e.start_datetime_local > now]
        return next(iter(current or upcoming), None)

    async def async_get_events(
        self,
        hass: HomeAssistant,  # noqa: ARG002
        start_date: datetime,
        end_date: datetime,
    ) -> list[CalendarEvent]:
        """Windows overlapping the asked range."""
        return [
            event
            for event in maintenance_events(self.coordinator.data)
            if event.start_datetime_local < end_date and event.end_datetime_local > start_date
        ]
