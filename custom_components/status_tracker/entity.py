"""The base entity: one service device per status page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import StatusTrackerCoordinator

if TYPE_CHECKING:
    from homeassistant.helpers.entity import EntityDescription

# Who runs the page's platform, and which of its documents we read.
_PLATFORMS: dict[str, tuple[str, str]] = {
    "statuspage": ("Atlassian Statuspage", "Statuspage API v2"),
    "statuspage_feed": ("Atlassian Statuspage", "Statuspage feed"),
    "incidentio": ("incident.io", "Statuspage-compatible API"),
    "incidentio_feed": ("incident.io", "incident.io feed"),
    "instatus": ("Instatus", "Instatus API"),
    "betterstack": ("Better Stack", "Status page API"),
    "statusio": ("Status.io", "Public status API"),
    "google": ("Google", "incidents.json"),
    "slack": ("Slack", "Slack status API"),
    "aws": ("Amazon Web Services", "Health current events"),
    "feed": ("Status page", "RSS/Atom feed"),
}


def page_device_info(coordinator: StatusTrackerCoordinator) -> DeviceInfo:
    """The service device of the page, keyed by the entry's unique id (the page id)."""
    entry = coordinator.config_entry
    source = coordinator.reader.source
    manufacturer, model = _PLATFORMS.get(source.kind.value, ("Status page", source.kind.value))
    return DeviceInfo(
        identifiers={(DOMAIN, entry.unique_id or entry.entry_id)},
        name=entry.title,
        manufacturer=manufacturer,
        model=model,
        configuration_url=source.page_url,
        entry_type=DeviceEntryType.SERVICE,
    )


class StatusTrackerEntity(CoordinatorEntity[StatusTrackerCoordinator]):
    """An entity of a status page's device."""

    _attr_has_entity_name = True

    def __init__(
        self, coordinator: StatusTrackerCoordinator, description: EntityDescription
    ) -> None:
        """Attach to the page's device; ids come from the entry's unique id."""
        super().__init__(coordinator)
        entry = coordinator.config_entry
        self.entity_description = description
        self._attr_unique_id = f"{entry.unique_id or entry.entry_id}_{description.key}"
        self._attr_device_info = page_device_info(coordinator)
