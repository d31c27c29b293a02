"""Per-entry persistence of the library's tracker state (its own versioned format)."""

from __future__ import annotations

import random
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store

from .client import TrackerState
from .const import DOMAIN, LOGGER

# The file's own version; the state inside carries the library's format version and is
# migrated by the library (``TrackerState.from_dict``), so this one stays 1.
STORAGE_VERSION: Final = 1
# Coalesce writes: a burst of polls costs one write. Each write waits SAVE_DELAY plus up
# to SAVE_SPREAD more, so entries that polled together do not all write together.
SAVE_DELAY: Final = 10
SAVE_SPREAD: Final = 10
# Once updates have fired, their keys are written this soon: a hard crash (no final write)
# can only fire again what fired in this last second.
FIRED_SAVE_DELAY: Final = 1


class _StoreFile(Store[dict[str, Any]]):
    """Our file: another version of it (older or newer) is never migrated, only rebuilt."""

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],  # noqa: ARG002
    ) -> dict[str, Any]:
        LOGGER.info(
            "Stored state of %s has version %s.%s; rebuilding it",
            self.key,
            old_major_version,
            old_minor_version,
        )
        return {}


class EntryStore:
    """The ``.storage/status_tracker.<entry_id>`` file of one entry."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Address the entry's own file, so removing one entry never touches another."""
        self._hass = hass
        self._store = _StoreFile(hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}")
        # Set by async_load (or async_reset), always before anything reads it.
        self.state: TrackerState
        # When the pending delayed write is due (loop time), if one is.
        self._due: float | None = None

    async def async_load(self) -> TrackerState:
        """Read the file; a corrupt or foreign file is logged and replaced, never fatal."""
        try:
            data = await self._store.async_load()
        # Not valid JSON, or a version Store cannot migrate.
        except (HomeAssistantError, NotImplementedError) as err:
            LOGGER.warning(
                "Stored state of %s is unreadable (%s); starting afresh", self._store.key, err
            )
            self.state = TrackerState()
        else:
            self.state = TrackerState.from_dict(data)
        return self.state

    @callback
    def async_save(self, state: TrackerState, *, fired: bool = False) -> None:
        """Schedule a write of ``state``: soon if updates ``fired``, else within 10-20 s.

        Written at the latest when Home Assistant stops.
        """
        self.state = state
        if fired:
            delay: float = FIRED_SAVE_DELAY
        else:
            delay = SAVE_DELAY + random.uniform(0, SAVE_SPREAD)  # noqa: S311  # not security
        now = self._hass.loop.time()
        if self._due is not None and now < self._due < now + delay:
            return  # a sooner write is pending; it writes the state as it is then
        self._due = now + delay
        self._store.async_delay_save(self._data, delay)

    @callback
    def _data(self) -> dict[str, Any]:
        return self.state.to_dict()

    async def async_reset(self) -> None:
        """Forget everything now (replacing any pending write): the next poll is a baseline."""
        self.state = TrackerState()
        self._due = None
        await self._store.async_save(self._data())

    async def async_remove(self) -> None:
        """Delete the file."""
        await self._store.async_remove()
