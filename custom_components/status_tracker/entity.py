"""The base entity: one service device per status page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .client import platform_for
from .const import DOMAIN
from .coordinator import StatusTrackerCoordinator

if TYPE_CHECKING:
    from homeassistant.helpers.entity import EntityDescription


def page_device_info(coordinator: StatusTrackerCoordinator) -> DeviceInfo:
    """The service device of the page, keyed on the entry id: an address or page id can change."""
    entry = coordinator.config_entry
    source = coordinator.tracker.source
    platform = platform_for(source.kind)
    return DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        manufacturer=platform.maker,
        model=platform.name,
        configuration_url=source.page_url,
        entry_type=DeviceEntryType.SERVICE,
    )


class StatusTrackerEntity(CoordinatorEntity[StatusTrackerCoordinator]):
    """An entity of a status page's device."""

    _attr_has_entity_name = True

    def __init__(
        self, coordinator: StatusTrackerCoordinator, description: EntityDescription
    ) -> None:
        """Attach to the page's device; unique id: the entry id and the key, as feedreader's."""
        super().__init__(coordinator)
        entry = coordinator.config_entry
        self.entity_description = description
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = page_device_info(coordinator)
