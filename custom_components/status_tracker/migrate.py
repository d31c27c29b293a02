"""Config entry migration: entries made by older versions, brought to the flow's version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .const import LOGGER
from .helpers import CONF_WEBHOOK_ID

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry


async def async_migrate_entry_data(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> bool:
    """Bring ``entry`` to version 1.2; False for a version newer than this code knows."""
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
    # A newer minor version (1.3+) is readable as it is: minor versions only add.
    return True
