"""Sensors: the page's overall status (with its open incidents) and how many are open.

Both read the coordinator's ``PageView``: the whole page, or the entry's scope of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.core import callback
from homeassistant.helpers import entity_registry as er

from .client import Component, ComponentStatus, PageStatus, PageView
from .const import CONF_COMPONENTS, MAX_ATTR_INCIDENTS
from .entity import StatusTrackerEntity
from .incident_view import incident_attributes

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .coordinator import StatusTrackerConfigEntry, StatusTrackerCoordinator

PARALLEL_UPDATES = 0


def _status_attributes(view: PageView) -> dict[str, Any]:
    snapshot = view.snapshot
    active = view.incidents
    attributes = {
        "description": snapshot.description or None,
        "indicator": snapshot.status_raw or None,
        "incidents": [incident_attributes(i) for i in active[:MAX_ATTR_INCIDENTS]],
        "incidents_truncated": len(active) > MAX_ATTR_INCIDENTS,
        "page_updated_at": snapshot.page.updated_at.isoformat()
        if snapshot.page.updated_at
        else None,
    }
    if view.scoped:
        # The state is the scope's; what the page says of itself stays at hand.
        attributes["page_status"] = snapshot.status.value
    return attributes


@dataclass(frozen=True, kw_only=True)
class StatusTrackerSensorDescription(SensorEntityDescription):
    """A sensor read from the page as the entry sees it."""

    value_fn: Callable[[PageView], str | int | None]
    attributes_fn: Callable[[PageView], dict[str, Any]] | None = None


SENSORS: tuple[StatusTrackerSensorDescription, ...] = (
    StatusTrackerSensorDescription(
        key="status",
        translation_key="status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in PageStatus],
        value_fn=lambda view: view.status.value,
        attributes_fn=_status_attributes,
    ),
    StatusTrackerSensorDescription(
        key="active_incidents",
        translation_key="active_incidents",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: len(view.incidents),
    ),
)


COMPONENT = SensorEntityDescription(
    key="component",
    translation_key="component",
    device_class=SensorDeviceClass.ENUM,
    options=[status.value for status in ComponentStatus],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: StatusTrackerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the page's sensors, and one per chosen component while it exists on the page."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(StatusTrackerSensor(coordinator, description) for description in SENSORS)
    chosen = set(entry.options.get(CONF_COMPONENTS) or ())
    registry = er.async_get(hass)
    prefix = f"{entry.unique_id or entry.entry_id}_{COMPONENT.key}_"
    added: set[str] = set()

    @callback
    def sync_components() -> None:
        present = {component.id for component in coordinator.data.components}
        new = sorted((chosen & present) - added)
        added.update(new)
        async_add_entities(ComponentSensor(coordinator, component_id) for component_id in new)
        # Stale: components no longer chosen, or gone from the page.
        for item in er.async_entries_for_config_entry(registry, entry.entry_id):
            component_id = item.unique_id.removeprefix(prefix)
            if item.unique_id.startswith(prefix) and component_id not in chosen & present:
                added.discard(component_id)
                registry.async_remove(item.entity_id)

    sync_components()
    entry.async_on_unload(coordinator.async_add_listener(sync_components))


class ComponentSensor(StatusTrackerEntity, SensorEntity):
    """The state of one component the user chose to follow."""

    def __init__(self, coordinator: StatusTrackerCoordinator, component_id: str) -> None:
        """Name the entity after the component."""
        super().__init__(coordinator, COMPONENT)
        self.component_id = component_id
        self._attr_unique_id = f"{self._attr_unique_id}_{component_id}"
        component = self._component
        self._attr_translation_placeholders = {"component": component.name if component else ""}

    @property
    def _component(self) -> Component | None:
        return next(
            (c for c in self.coordinator.data.components if c.id == self.component_id), None
        )

    @property
    def native_value(self) -> str | None:
        """The component's normalised status."""
        component = self._component
        return component.status.value if component else None

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The raw status and the group the component belongs to."""
        component = self._component
        if component is None:
            return None
        groups = {group.id: group.name for group in self.coordinator.data.groups}
        return {"raw_status": component.status_raw, "group": groups.get(component.group_id or "")}


class StatusTrackerSensor(StatusTrackerEntity, SensorEntity):
    """A value of the page's snapshot."""

    entity_description: StatusTrackerSensorDescription
    # The incident list is for automations and cards, not for history.
    _unrecorded_attributes = frozenset({"incidents", "description", "page_updated_at"})

    @property
    def native_value(self) -> str | int | None:
        """The value from the current snapshot."""
        return self.entity_description.value_fn(self.coordinator.view)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Incident details, capped in count and length."""
        attributes_fn = self.entity_description.attributes_fn
        return attributes_fn(self.coordinator.view) if attributes_fn else None
