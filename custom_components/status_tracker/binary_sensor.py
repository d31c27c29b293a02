"""A problem binary sensor: on while the page (or the entry's scope of it) has a problem.

What counts is the entry's problem policy (``client/problem.py``); the hold-down keeps
it off while the only open incidents are still young.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.binary_sensor import (  # type: ignore[attr-defined]  # re-exported
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)

from .affected import failing_integrations, rewrite_on_linked_change
from .const import MAX_ATTR_INCIDENTS
from .entity import StatusTrackerEntity
from .incident_view import clip

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .coordinator import StatusTrackerConfigEntry

PARALLEL_UPDATES = 0

PROBLEM = BinarySensorEntityDescription(
    key="problem", translation_key="problem", device_class=BinarySensorDeviceClass.PROBLEM
)


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
        """Whether the current view shows a problem."""
        coordinator = self.coordinator
        return coordinator.following.problem.is_problem(coordinator.view)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The names of the open incidents that count: a recovery notice can name them."""
        coordinator = self.coordinator
        view = coordinator.view
        problem = coordinator.following.problem
        names = [
            clip(i.name) for i in view.incidents if i.id not in view.held and problem.counts(i)
        ]
        entry_id = coordinator.config_entry.entry_id
        return {
            "incidents": names[:MAX_ATTR_INCIDENTS],
            # Linked integrations failing here during the page's open incident (affected.py).
            "failing_integrations": failing_integrations(self.hass, entry_id),
        }

    async def async_added_to_hass(self) -> None:
        """Shown as soon as a linked integration fails, not at the page's next change."""
        await super().async_added_to_hass()
        rewrite_on_linked_change(self)
