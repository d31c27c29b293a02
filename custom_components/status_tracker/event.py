"""An event entity per page: the same new updates as the bus event, visible in the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback

from .affected import affected_integrations
from .client import UPDATE_KINDS
from .entity import StatusTrackerEntity
from .events import entity_attributes

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .coordinator import StatusTrackerConfigEntry

PARALLEL_UPDATES = 0

INCIDENT = EventEntityDescription(
    key="incident", translation_key="incident", event_types=list(UPDATE_KINDS)
)


async def async_setup_entry(
    hass: HomeAssistant,  # noqa: ARG001
    entry: StatusTrackerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the page's incident event entity."""
    async_add_entities([StatusTrackerEventEntity(entry.runtime_data.coordinator, INCIDENT)])


class StatusTrackerEventEntity(StatusTrackerEntity, EventEntity):
    """Fires once per new incident update, oldest first; the state is the last one's time."""

    # Bodies can be long; they belong in the event, not in the recorder.
    _unrecorded_attributes = frozenset({"body"})

    @callback
    def _handle_coordinator_update(self) -> None:
        affected = affected_integrations(self.hass, self.coordinator.config_entry.entry_id)
        for new in self.coordinator.new_updates:
            self._trigger_event(*entity_attributes(new, affected))
            self.async_write_ha_state()
        super()._handle_coordinator_update()
