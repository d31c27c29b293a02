"""One coordinator per status page: schedule the tracker's polls and adapt what they find.

The library's ``PageTracker`` fetches, parses and tells what is new; this adapts it
to Home Assistant: when to poll (with backoff), errors as translated ``UpdateFailed``,
``status_incident`` events, repair issues, and the entry's Store. What a follower
wants (the entry's options, ``follow.py``) is the library's too: which updates fire,
the scope the entities show, and the hold-down, whose held updates are released by a
timer even while polls find nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .affected import affected_integrations
from .client import (
    NewUpdate,
    PageTracker,
    PageView,
    Snapshot,
    StatusPageError,
    StatusPageRateLimitError,
    TrackResult,
)
from .const import (
    DEFAULT_SCAN_INTERVAL,
    LOGGER,
    MAX_BACKOFF,
    MIN_SCAN_INTERVAL,
)
from .errors import update_failed
from .events import fire_events, page_keys
from .follow import Following
from .helpers import source_from_entry
from .issues import PageHealth

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

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
        # What the last refresh (or release of held updates) fired, for the event entity.
        self.new_updates: tuple[NewUpdate, ...] = ()
        self._following = (entry.options, Following.of(entry.options))
        self._unsub_release: CALLBACK_TYPE | None = None
        self._view: tuple[Snapshot, Following, frozenset[str], PageView] | None = None
        entry.async_on_unload(self._cancel_release)

    @property
    def following(self) -> Following:
        """The entry's options as follower settings (options are replaced, never changed)."""
        options = self.config_entry.options
        if self._following[0] is not options:
            self._following = (options, Following.of(options))
        return self._following[1]

    @property
    def view(self) -> PageView:
        """The page as the entry's scope sees it now (the hold-down depends on the time)."""
        following, snapshot = self.following, self.data
        hold = following.hold
        held = hold.young(snapshot, dt_util.utcnow()) if hold.minutes else frozenset()
        # Every entity reads the view, several times per write: build it once per change.
        cached = self._view
        if cached and cached[0] is snapshot and cached[1] is following and cached[2] == held:
            return cached[3]
        view = following.scope.view(snapshot, held=held)
        self._view = (snapshot, following, held, view)
        return view

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
        elif self.tracker.held:
            # Nothing new, but what was held may be due (after a restart, or a late timer).
            self._fire((), result.snapshot)
        self._schedule_release(result.snapshot)
        return result.snapshot

    def _back_off(self, err: StatusPageError) -> float:
        """Seconds to the next poll: the interval doubled per failure (capped), or as asked."""
        self.failures += 1
        cap = max(MAX_BACKOFF, self._interval)
        # Doubling stops once it has passed the cap (that many doublings always do), so the
        # product never overflows a timedelta: a daily interval doubled 30 times did.
        doublings = min(self.failures - 1, (cap // self._interval).bit_length())
        wait: timedelta = min(self._interval * 2**doublings, cap)
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
        events = self.following.events
        wanted = [new for new in result.new_updates if events.wanted(new, snapshot)]
        self._fire(wanted, snapshot, recorded=result.recorded)

    def _fire(
        self, wanted: Sequence[NewUpdate], snapshot: Snapshot, *, recorded: bool = False
    ) -> None:
        """Fire what the hold-down lets through, oldest first; keep the rest held; save."""
        entry = self.config_entry
        held_before = self.tracker.held
        sorted_ = self.following.hold.sort(held_before, wanted, dt_util.utcnow())
        self.tracker.held = sorted_.held
        self.new_updates = sorted_.fire
        page = page_keys(
            entry_id=entry.entry_id,
            device_id=self.device_id,
            provider=snapshot.page.name or entry.title,
            page_url=self.tracker.source.page_url,
        )
        affected = affected_integrations(self.hass, entry.entry_id) if sorted_.fire else []
        fire_events(
            self.hass,
            page,
            fire=sorted_.fire,
            suppressed=sorted_.suppressed,
            hold_down=self.following.hold.minutes,
            affected=affected,
        )
        # Held updates are state too: what changed among them is written as soon as firing.
        changed = recorded or sorted_.held != held_before
        self.store.async_save(self.tracker.state, fired=changed)

    @callback
    def _schedule_release(self, snapshot: Snapshot) -> None:
        """Wake when a held update, or a young incident the problem sensor waits for, is due."""
        self._cancel_release()
        incidents = [*(new.incident for new in self.tracker.held), *snapshot.active_incidents]
        due = self.following.hold.next_due(incidents, dt_util.utcnow())
        if due is not None:
            self._unsub_release = async_track_point_in_utc_time(self.hass, self._release, due)

    @callback
    def _release(self, _now: datetime) -> None:
        self._unsub_release = None
        # Scheduled only by a poll, so there is a snapshot.
        snapshot = self.data
        self._fire((), snapshot)
        # The event entity fires what was released; the problem sensor looks again.
        self.async_update_listeners()
        self.new_updates = ()
        self._schedule_release(snapshot)

    @callback
    def _cancel_release(self) -> None:
        if self._unsub_release is not None:
            self._unsub_release()
            self._unsub_release = None
