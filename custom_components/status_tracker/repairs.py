"""The fix flow of our repair issues (raised and cleared in ``issues.py``).

Every fix is the same: detect the source at the issue's address (the new one
when the page moved), refuse a different page, show what was found, then point
the entry at it and reload. Entities and the seen update keys stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.const import CONF_URL
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .client import StatusPageError, detect_source
from .const import LOGGER
from .helpers import entry_data, unique_id_for
from .identity import found_placeholders, refusal

if TYPE_CHECKING:
    from homeassistant.components.repairs import RepairsFlowResult
    from homeassistant.core import HomeAssistant

    from .client import Detection
    from .coordinator import StatusTrackerConfigEntry


class RedetectRepairFlow(RepairsFlow):
    """Detect the page at the issue's address, show what was found, then fix the entry."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Keep which entry and which address to re-detect."""
        self._entry_id: str = data["entry_id"]
        self._url: str = data["url"]
        self._detection: Detection | None = None

    async def async_step_init(self, user_input: dict[str, str] | None = None) -> RepairsFlowResult:  # noqa: ARG002
        """Detect first, so the confirmation can say what will be followed."""
        entry: StatusTrackerConfigEntry | None = self.hass.config_entries.async_get_entry(
            self._entry_id
        )
        if entry is None:
            return self.async_abort(reason="entry_removed")
        try:
            detection = await detect_source(async_get_clientsession(self.hass), self._url)
        except StatusPageError as err:
            LOGGER.warning("%s: re-detection at %s failed: %s", entry.title, self._url, err)
            return self.async_abort(reason="cannot_detect")
        if (refused := refusal(self.hass, entry, detection)) is not None:
            return self.async_abort(
                reason=refused.reason, description_placeholders=refused.placeholders
            )
        self._detection = detection
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Show what was found; switch the entry to it on confirmation."""
        entry: StatusTrackerConfigEntry | None = self.hass.config_entries.async_get_entry(
            self._entry_id
        )
        detection = self._detection
        if entry is None or detection is None:
            return self.async_abort(reason="entry_removed")
        placeholders = {"title": entry.title, "url": self._url, **found_placeholders(detection)}
        if user_input is None:
            return self.async_show_form(step_id="confirm", description_placeholders=placeholders)
        # Entities stay (keyed on the entry id), and so do the seen update keys: it is the
        # same page, so nothing old fires, and updates published meanwhile fire once.
        self.hass.config_entries.async_update_entry(
            entry,
            data={**entry.data, **entry_data(detection, placeholders["name"])},
            unique_id=unique_id_for(detection),
        )
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
