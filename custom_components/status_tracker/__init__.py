"""Status Page Tracker: public status pages as Home Assistant state and events."""

from __future__ import annotations

import asyncio
import random
from typing import TYPE_CHECKING, Final

from homeassistant.const import Platform
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.event import async_call_later
from homeassistant.util.hass_dict import HassKey

from .affected import async_watch_linked
from .const import DOMAIN, SETUPS_AT_ONCE, START_JITTER
from .coordinator import StatusTrackerConfigEntry, StatusTrackerCoordinator, StatusTrackerData
from .entity import page_device_info
from .issues import clear_issues
from .links import async_catalog
from .migrate import async_migrate_entry_data
from .services import async_setup_services
from .store import EntryStore
from .suggestions import async_start_discovery
from .webhook import async_register_webhook

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.typing import ConfigType

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
SETUP_SLOTS: Final[HassKey[asyncio.Semaphore]] = HassKey(f"{DOMAIN}_setup_slots")
PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.SENSOR,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:  # noqa: ARG001
    """Register the integration's actions; discover the pages of integrations added later."""
    async_setup_services(hass)
    hass.data[SETUP_SLOTS] = asyncio.Semaphore(SETUPS_AT_ONCE)
    # Runs as long as Home Assistant does: async_setup is called once per start.
    async_start_discovery(hass, await async_catalog(hass))
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> bool:
    """Bring entries made by older versions up to date."""
    return await async_migrate_entry_data(hass, entry)


async def async_setup_entry(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> bool:
    """Resume from storage (or poll), and set up the platforms; a few entries at a time."""
    async with hass.data[SETUP_SLOTS]:
        await _async_setup_entry(hass, entry)
    return True


async def _async_setup_entry(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> None:
    store = EntryStore(hass, entry.entry_id)
    await store.async_load()
    coordinator = StatusTrackerCoordinator(hass, entry, store)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **page_device_info(coordinator)
    )
    coordinator.device_id = device.id
    restored = coordinator.tracker.snapshot
    if restored is None:
        await coordinator.async_config_entry_first_refresh()
    else:
        # Show the last good state at once; poll a little later, spread across entries.
        coordinator.async_set_updated_data(restored)

        async def _first_poll(_now: datetime) -> None:
            await coordinator.async_request_refresh()

        delay = random.uniform(1, START_JITTER.total_seconds())  # noqa: S311  # not security
        entry.async_on_unload(async_call_later(hass, delay, _first_poll))
    entry.runtime_data = StatusTrackerData(coordinator=coordinator)
    entry.async_on_unload(await async_watch_linked(hass, entry, coordinator))
    async_register_webhook(hass, entry)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)


async def async_unload_entry(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> bool:
    """Unload the platforms."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> None:
    """Delete the entry's stored state and its repair issues with it."""
    clear_issues(hass, entry.entry_id)
    await EntryStore(hass, entry.entry_id).async_remove()
