"""Config entry migration: entries made by older versions, brought to the flow's version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.core import callback
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .const import DOMAIN, LOGGER
from .helpers import CONF_WEBHOOK_ID

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry


async def async_migrate_entry_data(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> bool:
    """Bring ``entry`` to version 1.3; False for a version newer than this code knows."""
    if entry.version > 1:
        # Made by a newer release: refuse rather than guess (2026.3 leaves this to us;
        # later Home Assistant releases refuse such an entry before asking, so only the
        # floor run reaches this line).
        return False  # pragma: no cover
    if entry.minor_version == 1:
        # 1.1 kept the webhook id, a secret, in options; 1.2 keeps it in data.
        options = dict(entry.options)
        data = dict(entry.data)
        if (webhook_id := options.pop(CONF_WEBHOOK_ID, None)) is not None:
            data[CONF_WEBHOOK_ID] = webhook_id
        hass.config_entries.async_update_entry(entry, data=data, options=options, minor_version=2)
        LOGGER.debug("%s: migrated config entry to version 1.2", entry.title)
    if entry.minor_version == 2:  # noqa: PLR2004  # the versions are the steps
        await _key_on_entry_id(hass, entry)
        hass.config_entries.async_update_entry(entry, minor_version=3)
        LOGGER.debug("%s: migrated config entry to version 1.3", entry.title)
    # A newer minor version (1.3+) is readable as it is: minor versions only add.
    return True


async def _key_on_entry_id(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> None:
    """Key the entities and the device on the entry id instead of the entry's unique id.

    1.2 used the unique id (a URL or page id, which a move changes). Entity ids, names,
    areas and history stay: only the registry keys change.
    """
    old = entry.unique_id
    if not old or old == entry.entry_id:
        return

    @callback
    def rekey(item: er.RegistryEntry) -> dict[str, str] | None:
        if not item.unique_id.startswith(f"{old}_"):
            return None
        return {"new_unique_id": entry.entry_id + item.unique_id.removeprefix(old)}

    await er.async_migrate_entries(hass, entry.entry_id, rekey)
    devices = dr.async_get(hass)
    for device in dr.async_entries_for_config_entry(devices, entry.entry_id):
        if (DOMAIN, old) in device.identifiers:
            devices.async_update_device(device.id, new_identifiers={(DOMAIN, entry.entry_id)})
