"""The fix flow of our repair issues (raised and cleared in ``issues.py``).

Every fix is the same: detect the source again (at the new address when the
page moved), update the entry, forget the seen update keys so the next poll
is a silent baseline (no flood of "new" history), and reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_URL
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .client import StatusPageError, detect_source
from .const import LOGGER
from .helpers import entry_data, unique_id_for
from .store import EntryStore

if TYPE_CHECKING:
    from homeassistant.components.repairs import RepairsFlowResult
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry


class RedetectRepairFlow(RepairsFlow):
    """Confirm, then re-detect the source and fix the entry."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Keep which entry and which address to re-detect."""
        self._entry_id: str = data["entry_id"]
        self._url: str = data["url"]

    async def async_step_init(self, user_input: dict[str, str] | None = None) -> RepairsFlowResult:  # noqa: ARG002
        """Go straight to the confirmation."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Re-detect on confirmation; abort with a reason if the page still cannot be read."""
        entry: StatusTrackerConfigEntry | None = self.hass.config_entries.async_get_entry(
            self._entry_id
        )
        if entry is None:
            return self.async_abort(reason="entry_removed")
        if user_input is None:
            return self.async_show_form(
                step_id="confirm", description_placeholders={"title": entry.title, "url": self._url}
            )
        try:
            detection = await detect_source(async_get_clientsession(self.hass), self._url)
        except StatusPageError as err:
            LOGGER.warning("%s: re-detection at %s failed: %s", entry.title, self._url, err)
            return self.async_abort(reason="cannot_detect")
        name = detection.snapshot.page.name or entry.title
        self.hass.config_entries.async_update_entry(
            entry,
            data={**entry.data, **entry_data(detection, name)},
            unique_id=unique_id_for(detection),
        )
        # Forget what was seen and the old validators: the next poll is a silent baseline.
        # A loaded entry's own store is reset, so its pending write cannot bring them back.
        if entry.state is ConfigEntryState.LOADED:
            await entry.runtime_data.coordinator.store.async_reset()
        else:
            await EntryStore(self.hass, entry.entry_id).async_reset()
        await self.hass.config_entries.async_reload(entry.entry_id)
        LOGGER.info("%s: source re-detected at %s", entry.title, entry.data[CONF_URL])
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant,  # noqa: ARG001
    issue_id: str,  # noqa: ARG001
    data: dict[str, str | int | float | None] | None,
) -> RepairsFlow:
    """Every issue of ours is fixed by re-detection."""
    return RedetectRepairFlow(dict(data or {}))
