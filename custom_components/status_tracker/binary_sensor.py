"""A problem binary sensor: on while the page reports an open incident or degraded state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import (  # type: ignore[attr-defined]  # re-exported
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)

from .affected import failing_integrations, rewrite_on_linked_change
from .client import PageStatus, Snapshot
from .entity import StatusTrackerEntity

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .coordinator import StatusTrackerConfigEntry

PARALLEL_UPDATES = 0

PROBLEM = BinarySensorEntityDescription(
    key="problem", translation_key="problem", device_class=BinarySensorDeviceClass.PROBLEM
)
# Maintenance is planned, so it is not a problem; unknown says nothing either way.
_FINE = frozenset({PageStatus.OPERATIONAL, PageStatus.MAINTENANCE, PageStatus.UNKNOWN})


def has_problem(snapshot: Snapshot) -> bool:
    """A degraded state, or any open incident that is not a maintenance."""
    if snapshot.status not in _FINE:
        return True
    return any(not incident.is_maintenance for incident in snapshot.active_incidents)


async def async_setup_entry(
    hass: HomeAssistant,  # noqa: ARG001
    entry: StatusTrackerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the page's problem sensor."""
    async_add_entities([StatusTrackerProblemSensor(entry.runtime_data.coordinator, PROBLEM)])


class StatusTrackerProblemSensor(StatusTrackerEntity, BinarySensorEntity):
    """On while something is wrong on the page."""

    @property
    def is_on(self) -> bool:
        """Whether the current snapshot shows a problem."""
        return has_problem(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Linked integrations failing here during the page's open incident (affected.py)."""
        entry_id = self.coordinator.config_entry.entry_id
        return {"failing_integrations": failing_integrations(self.hass, entry_id)}

    async def async_added_to_hass(self) -> None:
        """Shown as soon as a linked integration fails, not at the page's next change."""
        await super().async_added_to_hass()
        rewrite_on_linked_change(self)
