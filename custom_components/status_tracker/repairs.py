"""Fixable repair issues: the page moved, vanished, or changed platform.

Every fix is the same: detect the source again (at the new address when the
page moved), update the entry, forget the seen update keys so the next poll
is a silent baseline (no flood of "new" history), and reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_URL
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .client import StatusPageError, detect_source
from .config_flow import entry_data, unique_id_for
from .const import DOMAIN, LOGGER
from .store import EntryStore

if TYPE_CHECKING:
    from homeassistant.components.repairs import RepairsFlowResult
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry

ISSUE_MOVED: Final = "page_moved"
ISSUE_GONE: Final = "page_gone"
ISSUE_REKEYED: Final = "platform_changed"


def issue_id(kind: str, entry_id: str) -> str:
    """One issue of each kind per entry."""
    return f"{kind}_{entry_id}"


def raise_issue(hass: HomeAssistant, entry: StatusTrackerConfigEntry, kind: str, url: str) -> None:
    """Create (or refresh) a fixable issue that re-detects the page at ``url``."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(kind, entry.entry_id),
        is_fixable=True,
        is_persistent=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=kind,
        translation_placeholders={"title": entry.title, "url": url},
        data={"entry_id": entry.entry_id, "url": url},
    )


def clear_issue(hass: HomeAssistant, entry_id: str, kind: str) -> None:
    """Remove an issue that no longer applies."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(kind, entry_id))


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
