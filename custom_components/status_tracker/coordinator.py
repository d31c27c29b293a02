"""One coordinator per status page: schedule the tracker's polls and adapt what they find.

The library's ``PageTracker`` fetches, parses and tells what is new; this adapts it
to Home Assistant: when to poll (with backoff), errors as translated ``UpdateFailed``,
``status_incident`` events, repair issues, and the entry's Store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .affected import affected_integrations
from .client import (
    NewUpdate,
    PageTracker,
    Snapshot,
    StatusPageError,
    StatusPageRateLimitError,
    TrackResult,
    UpdateFilter,
)
from .const import (
    CONF_COMPONENTS,
    CONF_MIN_IMPACT,
    DEFAULT_SCAN_INTERVAL,
    EVENT_INCIDENT,
    LOGGER,
    MAX_BACKOFF,
    MIN_SCAN_INTERVAL,
)
from .errors import update_failed
from .events import event_data
from .helpers import source_from_entry
from .issues import PageHealth

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .store import EntryStore


@dataclass(slots=True, kw_only=True)
class StatusTrackerData:
    """Runtime data of an entry."""

    coordinator: StatusTrackerCoordinator


type StatusTrackerConfigEntry = ConfigEntry[StatusTrackerData]


def base_interval(entry: ConfigEntry[Any]) -> timedelta:
    """The user's poll interval, never below the minimum."""
    seconds = entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL.total_seconds())
    return max(timedelta(seconds=seconds), MIN_SCAN_INTERVAL)


class StatusTrackerCoordinator(DataUpdateCoordinator[Snapshot]):
    """Polls one page; the snapshot it holds is the entities' only source."""

    config_entry: StatusTrackerConfigEntry

    def __init__(
        self, hass: HomeAssistant, entry: StatusTrackerConfigEntry, store: EntryStore
    ) -> None:
        """Resume the tracker from the state ``store`` loaded."""
        self._interval = base_interval(entry)
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=entry.title,
            update_interval=self._interval,
            # An unchanged page returns the very same snapshot: entities are not written.
            always_update=False,
        )
        self.store = store
        self.tracker = PageTracker(
            async_get_clientsession(hass), source_from_entry(entry), store.state
        )
        self.health = PageHealth(hass, entry)
        self.failures = 0
        # Set by setup once the page's device exists; events name it.
        self.device_id: str | None = None
        # What the last refresh found new and wanted, for the event entity.
        self.new_updates: tuple[NewUpdate, ...] = ()

    async def _async_update_data(self) -> Snapshot:
        self.new_updates = ()
        try:
            result = await self.tracker.poll()
        except StatusPageError as err:
            self.health.failed(err, self.tracker.source.page_url)
            # Home Assistant waits this long once, then returns to the interval by itself.
            raise update_failed(err, retry_after=self._back_off(err)) from err
        self.failures = 0
        self.health.succeeded(result.moved_to)
        if not result.unchanged:
            self._report(result)
        return result.snapshot

    def _back_off(self, err: StatusPageError) -> float:
        """Seconds to the next poll: the interval doubled per failure (capped), or as asked."""
        self.failures += 1
        wait: timedelta = min(
            self._interval * 2 ** (self.failures - 1), max(MAX_BACKOFF, self._interval)
        )
        if isinstance(err, StatusPageRateLimitError) and err.retry_after:
            wait = max(wait, timedelta(seconds=err.retry_after))
        return wait.total_seconds()

    def _report(self, result: TrackResult) -> None:
        """Fire what is new and wanted, oldest first; then save (soon, if keys were recorded)."""
        if result.rekeyed:
            # Already re-baselined, nothing to fix: a log line, not a repair issue.
            LOGGER.warning(
                "%s: every incident id changed (platform migration?); re-baselined silently",
                self.config_entry.title,
            )
        snapshot = result.snapshot
        entry = self.config_entry
        wanted = UpdateFilter.of(
            entry.options.get(CONF_MIN_IMPACT), entry.options.get(CONF_COMPONENTS)
        )
        self.new_updates = tuple(new for new in result.new_updates if wanted.wanted(new, snapshot))
        for new in self.new_updates:
            self.hass.bus.async_fire(
                EVENT_INCIDENT,
                event_data(
                    new,
                    entry_id=entry.entry_id,
                    device_id=self.device_id,
                    provider=snapshot.page.name or entry.title,
                    page_url=self.tracker.source.page_url,
                    affected=affected_integrations(self.hass, entry.entry_id),
                ),
            )
        self.store.async_save(self.tracker.state, fired=result.recorded)
