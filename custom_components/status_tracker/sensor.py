"""Sensors: the page's overall status (with its open incidents) and how many are open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)

from .client import Incident, PageStatus, Snapshot
from .const import MAX_ATTR_COMPONENTS, MAX_ATTR_INCIDENTS, MAX_ATTR_TEXT
from .entity import StatusTrackerEntity

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

    from .coordinator import StatusTrackerConfigEntry

PARALLEL_UPDATES = 0


def _clip(text: str, limit: int = MAX_ATTR_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def incident_attributes(incident: Incident) -> dict[str, Any]:
    """A small, recorder-friendly view of one incident."""
    latest = incident.updates[-1] if incident.updates else None
    return {
        "id": incident.id,
        "name": _clip(incident.name),
        "status": incident.status.value,
        "impact": incident.impact.value,
        "latest_update": _clip(latest.body) if latest else None,
        "components": list(incident.components[:MAX_ATTR_COMPONENTS]),
        "link": incident.url,
        "started_at": (incident.started_at or incident.created_at).isoformat(),
    }


def _status_attributes(snapshot: Snapshot) -> dict[str, Any]:
    active = snapshot.active_incidents
    return {
        "description": snapshot.description or None,
        "indicator": snapshot.status_raw or None,
        "incidents": [incident_attributes(i) for i in active[:MAX_ATTR_INCIDENTS]],
        "incidents_truncated": len(active) > MAX_ATTR_INCIDENTS,
        "page_updated_at": snapshot.page.updated_at.isoformat()
        if snapshot.page.updated_at
        else None,
    }


@dataclass(frozen=True, kw_only=True)
class StatusTrackerSensorDescription(SensorEntityDescription):
    """A sensor read from the snapshot."""

    value_fn: Callable[[Snapshot], str | int | None]
    attributes_fn: Callable[[Snapshot], dict[str, Any]] | None = None


SENSORS: tuple[StatusTrackerSensorDescription, ...] = (
    StatusTrackerSensorDescription(
        key="status",
        translation_key="status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in PageStatus],
        value_fn=lambda snapshot: snapshot.status.value,
        attributes_fn=_status_attributes,
    ),
    StatusTrackerSensorDescription(
        key="active_incidents",
        translation_key="active_incidents",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda snapshot: len(snapshot.active_incidents),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,  # noqa: ARG001
    entry: StatusTrackerConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the page's sensors."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(StatusTrackerSensor(coordinator, description) for description in SENSORS)


class StatusTrackerSensor(StatusTrackerEntity, SensorEntity):
    """A value of the page's snapshot."""

    entity_description: StatusTrackerSensorDescription
    # The incident list is for automations and cards, not for history.
    _unrecorded_attributes = frozenset({"incidents", "description", "page_updated_at"})

    @property
    def native_value(self) -> str | int | None:
        """The value from the current snapshot."""
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Incident details, capped in count and length."""
        attributes_fn = self.entity_description.attributes_fn
        return attributes_fn(self.coordinator.data) if attributes_fn else None
