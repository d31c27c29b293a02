"""A second Home Assistant on the same storage: how tests restart one."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_test_home_assistant,
)

from custom_components.status_tracker.const import DOMAIN

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Sequence

    from homeassistant.core import HomeAssistant


@asynccontextmanager
async def restarted(
    hass: HomeAssistant, entries: Sequence[MockConfigEntry], *, set_up: bool = True
) -> AsyncIterator[tuple[HomeAssistant, list[MockConfigEntry]]]:
    """A second Home Assistant on the same (mocked) storage, with copies of ``entries``.

    ``hass`` must be stopped first (its delayed writes land on stop).
    """
    async with async_test_home_assistant(config_dir=hass.config.config_dir) as hass2:
        hass2.data.pop("custom_components", None)
        copies = []
        for entry in entries:
            copy = MockConfigEntry(
                domain=DOMAIN,
                title=entry.title,
                unique_id=entry.unique_id,
                data=dict(entry.data),
                options=dict(entry.options),
                entry_id=entry.entry_id,
            )
            copy.add_to_hass(hass2)
            copies.append(copy)
        if set_up:
            for copy in copies:
                # Setting up the first entry sets up the integration, and with it every entry.
                if copy.state is ConfigEntryState.NOT_LOADED:
                    assert await hass2.config_entries.async_setup(copy.entry_id)
            await hass2.async_block_till_done()
        try:
            yield hass2, copies
        finally:
            for copy in copies:
                if copy.state is ConfigEntryState.LOADED:
                    await hass2.config_entries.async_unload(copy.entry_id)
            await hass2.async_stop(force=True)
