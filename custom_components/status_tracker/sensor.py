"""Sensors: the page's overall status (with its open incidents) and how many are open.

Both read the coordinator's ``PageView``: the whole page, or the entry's scope of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_call_later

from .affected import affected_integrations, rewrite_on_linked_change
from .client import Component, ComponentStatus, PageStatus, PageView
from .const import COMPONENT_GONE_AFTER, CONF_COMPONENTS, DOMAIN, MAX_ATTR_INCIDENTS
from .entity import StatusTrackerEntity
from .incident_view import incident_attributes

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

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
    """Add the page's sensors, and one per chosen component (see ``ComponentSensors``)."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(StatusTrackerSensor(coordinator, description) for description in SENSORS)
    components = ComponentSensors(hass, entry, async_add_entities)
    components.sync()
    entry.async_on_unload(coordinator.async_add_listener(components.sync))
    entry.async_on_unload(components.cancel)


class ComponentSensors:
    """The chosen components' sensors: added when they appear, kept through a flaky poll.

    A component missing from one poll keeps its entity (unavailable), with the user's
    name, area and history; only after ``COMPONENT_GONE_AFTER`` of successful polls
    without it is the entity removed (if it is chosen again or comes back, a new entity is
    made). The registry is read once, at set-up.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry: StatusTrackerConfigEntry,
        add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Drop entities of components no longer chosen; keep the others' registry entries."""
        self._coordinator = entry.runtime_data.coordinator
        self._add = add_entities
        self._registry = er.async_get(hass)
        self._chosen = frozenset(entry.options.get(CONF_COMPONENTS) or ())
        self._prefix = f"{entry.entry_id}_{COMPONENT.key}_"
        self._entities: dict[str, str | None] = {}  # component id -> entity id, once added
        self._hass = hass
        # Components whose entity exists but the page stopped listing: their removal timer.
        self._missing: dict[str, CALLBACK_TYPE] = {}
        self._present: frozenset[str] | None = None
        registered: dict[str, str] = {}  # component id -> the name it was last shown with
        for item in er.async_entries_for_config_entry(self._registry, entry.entry_id):
            component_id = item.unique_id.removeprefix(self._prefix)
            if not item.unique_id.startswith(self._prefix):
                continue
            if component_id in self._chosen:
                registered[component_id] = item.original_name or ""
            else:
                self._registry.async_remove(item.entity_id)  # the user deselected it
        # Registered ones come back at once (unavailable while the page does not list them).
        self._create(registered)

    def _create(self, names: dict[str, str]) -> None:
        """Entities for these components (id -> the name to show while the page omits it)."""
        new = [c for c in sorted(names) if c not in self._entities]
        sensors = [ComponentSensor(self._coordinator, c, names[c]) for c in new]
        self._entities.update(dict.fromkeys(new))
        self._add(sensors)

    @callback
    def sync(self) -> None:
        """After a changed poll: add chosen components that appeared, time the missing ones."""
        coordinator = self._coordinator
        if not coordinator.last_update_success and self._present is not None:
            return  # a failed poll says nothing about the page's components
        present = frozenset(c.id for c in coordinator.data.components)
        if present == self._present:
            return
        self._present = present
        self._create(dict.fromkeys(self._chosen & present, ""))
        for component_id in present:
            if (cancel := self._missing.pop(component_id, None)) is not None:
                cancel()
        for component_id in self._entities.keys() - present - self._missing.keys():
            # An unchanged page writes nothing, so the day is timed, not counted in polls.
            self._missing[component_id] = async_call_later(
                self._hass, COMPONENT_GONE_AFTER, partial(self._gone, component_id)
            )

    @callback
    def _gone(self, component_id: str, _now: datetime) -> None:
        """A day after a component went missing: remove it if the page still does not list it."""
        self._missing.pop(component_id, None)
        if not self._coordinator.last_update_success:
            # The page is failing: wait for a successful poll that still lacks it.
            self._missing[component_id] = async_call_later(
                self._hass,
                self._coordinator.update_interval or COMPONENT_GONE_AFTER,
                partial(self._gone, component_id),
            )
            return
        if component_id not in (self._present or ()):
            self._remove(component_id)

    @callback
    def cancel(self) -> None:
        """Stop the timers (the entry unloads)."""
        for cancel in self._missing.values():
            cancel()
        self._missing.clear()

    def _remove(self, component_id: str) -> None:
        self._entities.pop(component_id, None)
        entity_id = self._registry.async_get_entity_id(
            "sensor", DOMAIN, f"{self._prefix}{component_id}"
        )
        if entity_id is not None:
            self._registry.async_remove(entity_id)


class ComponentSensor(StatusTrackerEntity, SensorEntity):
    """The state of one component the user chose to follow."""

    def __init__(
        self, coordinator: StatusTrackerCoordinator, component_id: str, name: str = ""
    ) -> None:
        """Name the entity after the component (``name``: as last shown, while it is missing)."""
        super().__init__(coordinator, COMPONENT)
        self.component_id = component_id
        self._attr_unique_id = f"{self._attr_unique_id}_{component_id}"
        component = self._component
        name = component.name if component else name
        self._attr_translation_placeholders = {"component": name}

    @property
    def _component(self) -> Component | None:
        return next(
            (c for c in self.coordinator.data.components if c.id == self.component_id), None
        )

    @property
    def available(self) -> bool:
        """Unavailable while the page does not list the component (see ComponentSensors)."""
        return super().available and self._component is not None

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
        """Incident details, capped in count and length; the status names what they affect."""
        attributes_fn = self.entity_description.attributes_fn
        attributes = attributes_fn(self.coordinator.view) if attributes_fn else None
        if attributes is not None and self.entity_description.key == "status":
            entry_id = self.coordinator.config_entry.entry_id
            attributes["affected_integrations"] = affected_integrations(self.hass, entry_id)
        return attributes

    async def async_added_to_hass(self) -> None:
        """The status also follows the linked integrations installed here (affected.py)."""
        await super().async_added_to_hass()
        if self.entity_description.key == "status":
            rewrite_on_linked_change(self)
