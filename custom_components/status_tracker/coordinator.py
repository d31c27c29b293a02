"""One coordinator per status page: poll conditionally, detect new updates, fire events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .client import (
    Impact,
    IncidentStatus,
    NewUpdate,
    PageReader,
    SeenUpdates,
    Snapshot,
    Source,
    SourceKind,
    StatusPageConnectionError,
    StatusPageContentError,
    StatusPageError,
    StatusPageHTTPError,
    StatusPageNotFoundError,
    StatusPageRateLimitError,
    StatusPageTooLargeError,
    detect_changes,
)
from .client.detect import page_base
from .const import (
    CONF_COMPONENTS,
    CONF_ENDPOINTS,
    CONF_MIN_IMPACT,
    CONF_SOURCE,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    EVENT_INCIDENT,
    GONE_AFTER,
    LOGGER,
    MAX_ATTR_TEXT,
    MAX_BACKOFF,
    MAX_EVENT_BODY,
    MIN_SCAN_INTERVAL,
)
from .incident_view import clip
from .repairs import ISSUE_GONE, ISSUE_MOVED, ISSUE_REKEYED, clear_issue, raise_issue
from .store import EntryStore, StoredState

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant


@dataclass(slots=True, kw_only=True)
class StatusTrackerData:
    """Runtime data of an entry."""

    coordinator: StatusTrackerCoordinator


type StatusTrackerConfigEntry = ConfigEntry[StatusTrackerData]


def source_from_entry(entry: ConfigEntry[Any]) -> Source:
    """The source an entry was configured with."""
    return Source(
        kind=SourceKind(entry.data[CONF_SOURCE]),
        page_url=entry.data["url"],
        endpoints=tuple(entry.data[CONF_ENDPOINTS]),
    )


def _error_key(err: StatusPageError) -> tuple[str, dict[str, str]]:
    """The translation key and placeholders for a client error, mapped in one place."""
    if isinstance(err, StatusPageRateLimitError):
        return "rate_limited", {"retry_after": f"{err.retry_after or 0:.0f}"}
    if isinstance(err, StatusPageHTTPError):
        return "http_error", {"status": str(err.status)}
    if isinstance(err, StatusPageTooLargeError):
        return "too_large", {"error": str(err)}
    if isinstance(err, StatusPageContentError):
        return "bad_content", {"error": str(err)}
    if isinstance(err, StatusPageConnectionError):
        return "cannot_connect", {"error": str(err)}
    return "unknown_error", {"error": str(err)}


def event_type(new: NewUpdate) -> str:
    """What kind of step this update is, for automations (also the event entity's type)."""
    if new.incident.is_maintenance:
        return _MAINTENANCE_TYPES.get(new.update.status, "maintenance_updated")
    if new.is_resolution:
        return "incident_resolved"
    return "incident_created" if new.is_new_incident else "incident_updated"


_MAINTENANCE_TYPES = {
    IncidentStatus.SCHEDULED: "maintenance_scheduled",
    IncidentStatus.IN_PROGRESS: "maintenance_started",
    IncidentStatus.VERIFYING: "maintenance_updated",
    IncidentStatus.COMPLETED: "maintenance_completed",
}
EVENT_TYPES = [
    "incident_created",
    "incident_updated",
    "incident_resolved",
    "maintenance_scheduled",
    "maintenance_started",
    "maintenance_updated",
    "maintenance_completed",
]


class StatusTrackerCoordinator(DataUpdateCoordinator[Snapshot]):
    """Reads one page; the snapshot it holds is the entities' only source."""

    config_entry: StatusTrackerConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: StatusTrackerConfigEntry,
        store: EntryStore,
        stored: StoredState,
    ) -> None:
        """Resume from ``stored`` (validators, last parse, seen keys) when there is one."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=entry.title,
            update_interval=self.base_interval(entry),
            # A 304 returns the very same snapshot: entities are then not written at all.
            always_update=False,
        )
        self.store = store
        self.reader = PageReader(
            async_get_clientsession(hass), source_from_entry(entry), stored.reader
        )
        self.seen: SeenUpdates | None = stored.seen
        # Updates at or before this time are recorded without firing (see below).
        self._quiet_until: datetime | None = None
        restored = self.reader.snapshot
        if self.seen is None and restored is not None:
            # The update keys were lost but the last parse was not: what it shows was seen,
            # so updates published since still fire instead of vanishing into a baseline.
            # The parse kept only the newest closed incidents; older ones the page still
            # lists were seen too, and are known by being older than anything it shows.
            self.seen = detect_changes(None, restored).seen
            self._quiet_until = max(
                (u.display_at for i in (*restored.incidents, *restored.maintenances)
                 for u in i.updates),
                default=None,
            )  # fmt: skip
        self.failures = 0
        # Set by setup once the page's device exists; events name it.
        self.device_id: str | None = None
        self.new_updates: tuple[NewUpdate, ...] = ()
        self.missing_since: datetime | None = None

    @staticmethod
    def base_interval(entry: ConfigEntry[Any]) -> timedelta:
        """The user's poll interval, never below the minimum."""
        seconds = entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL.total_seconds())
        return max(timedelta(seconds=seconds), MIN_SCAN_INTERVAL)

    async def _async_update_data(self) -> Snapshot:
        # What this refresh found new, for the event entity; empty unless _detect fills it.
        self.new_updates = ()
        try:
            snapshot = await self.reader.poll()
        except StatusPageError as err:
            self._track_missing(err)
            self._back_off(err)
            key, placeholders = _error_key(err)
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key=key,
                translation_placeholders=placeholders,
            ) from err
        self.failures = 0
        self.update_interval = self.base_interval(self.config_entry)
        self._track_missing(None)
        self._track_moved()
        if snapshot is None:
            # Unchanged, nothing parsed: the same object as before, or after a restart the stored
            # one (the reader only answers "unchanged" when it holds a parse of every document).
            return self.data or cast("Snapshot", self.reader.snapshot)
        self._detect(snapshot)
        # The entities show what the reader kept (open incidents, the newest closed ones),
        # not the whole parse that was diffed: that is freed now.
        return cast("Snapshot", self.reader.snapshot)

    def _track_missing(self, err: StatusPageError | None) -> None:
        """Raise a repair once the page has answered 404/410 for GONE_AFTER; clear it on success."""
        entry = self.config_entry
        if not isinstance(err, StatusPageNotFoundError):
            self.missing_since = None
            clear_issue(self.hass, entry.entry_id, ISSUE_GONE)
            return
        now = dt_util.utcnow()
        self.missing_since = self.missing_since or now
        if now - self.missing_since >= GONE_AFTER:
            raise_issue(self.hass, entry, ISSUE_GONE, self.reader.source.page_url)

    def _track_moved(self) -> None:
        """A permanent redirect to another host means the page moved: offer to follow it."""
        moved = self.reader.moved_to
        if moved and urlsplit(moved).netloc != urlsplit(self.reader.source.page_url).netloc:
            raise_issue(self.hass, self.config_entry, ISSUE_MOVED, page_base(moved))

    def _back_off(self, err: StatusPageError) -> None:
        """Double the interval per failure (capped), or wait as long as the page asked."""
        self.failures += 1
        base = self.base_interval(self.config_entry)
        wait = min(base * 2 ** (self.failures - 1), max(MAX_BACKOFF, base))
        if isinstance(err, StatusPageRateLimitError) and err.retry_after:
            wait = max(wait, timedelta(seconds=err.retry_after))
        self.update_interval = wait

    def _detect(self, snapshot: Snapshot) -> None:
        changes = detect_changes(self.seen, snapshot, whole=self.reader.whole)
        if changes.rekeyed:
            LOGGER.warning(
                "%s: every incident id changed (platform migration?); re-baselined silently",
                self.config_entry.title,
            )
            raise_issue(self.hass, self.config_entry, ISSUE_REKEYED, self.reader.source.page_url)
        self.seen = changes.seen
        quiet, self._quiet_until = self._quiet_until, None
        self.new_updates = tuple(
            new
            for new in changes.new_updates
            if (quiet is None or new.update.display_at > quiet) and self._wanted(new)
        )
        for new in self.new_updates:
            self.hass.bus.async_fire(EVENT_INCIDENT, self._event_data(snapshot, new))
        self.store.async_save(
            StoredState(reader=self.reader.state, seen=self.seen), fired=bool(changes.new_updates)
        )

    def _wanted(self, new: NewUpdate) -> bool:
        """Apply the minimum impact and component filter (unknown passes: feeds lack both)."""
        options = self.config_entry.options
        threshold = Impact.from_raw(options.get(CONF_MIN_IMPACT, "none"))
        impact = new.incident.impact
        if impact is not Impact.UNKNOWN and impact.rank < threshold.rank:
            return False
        chosen = set(options.get(CONF_COMPONENTS) or ())
        if not chosen:
            return True
        named = {c.id for c in new.update.affected_components} | set(new.incident.components)
        named |= {c.name for c in new.update.affected_components}
        components = {c.id: c.name for c in (self.data.components if self.data else ())}
        chosen |= {components[c] for c in chosen if c in components}
        return not named or bool(named & chosen)

    def _event_data(self, snapshot: Snapshot, new: NewUpdate) -> dict[str, Any]:
        incident, update = new.incident, new.update
        return {
            "type": event_type(new),
            "entry_id": self.config_entry.entry_id,
            "device_id": self.device_id,
            "provider": snapshot.page.name or self.config_entry.title,
            "page_url": self.reader.source.page_url,
            "incident_id": incident.id,
            "incident_name": clip(incident.name, MAX_ATTR_TEXT),
            "status": update.status.value,
            "previous_status": new.previous_status.value if new.previous_status else None,
            "impact": incident.impact.value,
            "update_id": update.id,
            # Capped so the event stays under the recorder's 32 KiB (get_incidents has it all).
            "body": clip(update.body, MAX_EVENT_BODY),
            "affected_components": [c.name for c in update.affected_components]
            or list(incident.components),
            "shortlink": incident.url,
            "created_at": update.created_at.isoformat(),
            "display_at": update.display_at.isoformat(),
            "is_new_incident": new.is_new_incident,
            "is_resolution": new.is_resolution,
            "is_maintenance": incident.is_maintenance,
        }
