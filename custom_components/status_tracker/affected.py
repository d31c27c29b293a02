"""What an incident affects here: the linked integrations' config entries, and their failures.

An entry following a linked catalog page (links.py) knows which installed
integrations depend on the page's cloud: the ``status_incident`` event, the event
entity and the status sensor name them (``affected_integrations``). While the page has
an open incident, a linked entry failing to set up or its entities going unavailable
is put on the problem sensor (``failing_integrations``) and fired once per incident as
``status_linked_failure``, which the logbook shows as one line tying the two together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntryState
from homeassistant.const import CONF_URL, EVENT_STATE_CHANGED, STATE_UNAVAILABLE
from homeassistant.core import callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.dispatcher import async_dispatcher_connect, async_dispatcher_send
from homeassistant.loader import IntegrationNotLoaded, async_get_loaded_integration
from homeassistant.util.hass_dict import HassKey

from .client import PageStatus
from .const import DOMAIN, EVENT_LINKED_FAILURE
from .links import async_catalog, installed, page_of

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry, ConfigEntryChange
    from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant
    from homeassistant.helpers.update_coordinator import CoordinatorEntity, DataUpdateCoordinator

    from .client import Incident, Snapshot

# Each set-up entry's watcher, for the entities that show what it found.
WATCHERS: Final[HassKey[dict[str, LinkedEntries]]] = HassKey(f"{DOMAIN}_linked")
_SETUP_FAILED = frozenset({ConfigEntryState.SETUP_RETRY, ConfigEntryState.SETUP_ERROR})
# A page status that says nothing about the incident; its name says more then.
_QUIET = frozenset({PageStatus.OPERATIONAL, PageStatus.UNKNOWN})


def signal_linked(entry_id: str) -> str:
    """Sent when the linked entries of ``entry_id``'s page, or their failures, change."""
    return f"{DOMAIN}_linked_{entry_id}"


@callback
def rewrite_on_linked_change(entity: CoordinatorEntity[Any]) -> None:
    """Write ``entity`` again when what it shows of the linked entries changes."""
    entry_id = entity.coordinator.config_entry.entry_id
    entity.async_on_remove(
        async_dispatcher_connect(entity.hass, signal_linked(entry_id), entity.async_write_ha_state)
    )


@callback
def affected_integrations(hass: HomeAssistant, entry_id: str) -> list[dict[str, Any]]:
    """The linked domains installed here with their entries' titles; [] if none."""
    watcher = hass.data.get(WATCHERS, {}).get(entry_id)
    return installed(hass, watcher.domains) if watcher else []


@callback
def failing_integrations(hass: HomeAssistant, entry_id: str) -> list[dict[str, Any]]:
    """The linked entries failing while the page has an open incident; [] otherwise."""
    watcher = hass.data.get(WATCHERS, {}).get(entry_id)
    return watcher.failing if watcher else []


async def async_watch_linked(
    hass: HomeAssistant, entry: ConfigEntry[Any], coordinator: DataUpdateCoordinator[Snapshot]
) -> CALLBACK_TYPE:
    """Find the entry's linked integrations and watch them while it is loaded."""
    page = page_of(await async_catalog(hass), entry)
    watcher = LinkedEntries(hass, entry, coordinator, page.ha_domains if page else ())
    watchers = hass.data.setdefault(WATCHERS, {})
    watchers[entry.entry_id] = watcher
    stop = watcher.start() if watcher.domains else None

    @callback
    def _unload() -> None:
        watchers.pop(entry.entry_id, None)
        if stop is not None:
            stop()

    return _unload


class LinkedEntries:
    """The config entries of one page's linked integrations, and whether they fail now."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        coordinator: DataUpdateCoordinator[Snapshot],
        domains: tuple[str, ...],
    ) -> None:
        """Nothing failing, nothing reported yet."""
        self.hass = hass
        self.entry = entry
        self.coordinator = coordinator
        self.domains = domains
        self.failing: list[dict[str, Any]] = []
        # Incidents already tied to a failure: each is reported once (in memory only).
        self._reported: set[str] = set()
        self._registry = er.async_get(hass)

    @callback
    def start(self) -> CALLBACK_TYPE:
        """Listen to the linked entries, their entities' availability and the page."""
        stops = [
            async_dispatcher_connect(self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, self._entry_changed),
            self.hass.bus.async_listen(
                EVENT_STATE_CHANGED, self._availability_changed, event_filter=self._is_linked
            ),
            self.coordinator.async_add_listener(self.check),
        ]
        self.check()

        @callback
        def _stop() -> None:
            for stop in stops:
                stop()

        return _stop

    @callback
    def _entry_changed(self, _change: ConfigEntryChange, entry: ConfigEntry[Any]) -> None:
        if entry.domain in self.domains:
            # Added, removed, renamed or a state change: the attributes name the entries.
            self.check(changed=True)

    @callback
    def _is_linked(self, data: EventStateChangedData) -> bool:
        """Only a linked entity going unavailable or coming back (cheap test first)."""
        states = (data["new_state"], data["old_state"])
        if not any(state is not None and state.state == STATE_UNAVAILABLE for state in states):
            return False
        item = self._registry.async_get(data["entity_id"])
        if item is None or item.config_entry_id is None:
            return False
        owner = self.hass.config_entries.async_get_entry(item.config_entry_id)
        return owner is not None and owner.domain in self.domains

    @callback
    def _availability_changed(self, _event: Event[EventStateChangedData]) -> None:
        self.check()

    def _unavailable(self, entry_id: str) -> bool:
        for item in er.async_entries_for_config_entry(self._registry, entry_id):
            state = self.hass.states.get(item.entity_id)
            # A restored state is an entity its integration has not set up yet, not a failure.
            if (
                state is not None
                and state.state == STATE_UNAVAILABLE
                and not state.attributes.get("restored")
            ):
                return True
        return False

    def _failing_now(self) -> list[dict[str, Any]]:
        failing = []
        for domain in self.domains:
            titles = [
                entry.title
                for entry in self.hass.config_entries.async_entries(
                    domain, include_ignore=False, include_disabled=False
                )
                if entry.state in _SETUP_FAILED or self._unavailable(entry.entry_id)
            ]
            if titles:
                failing.append({"domain": domain, "entries": titles})
        return failing

    @callback
    def check(self, *, changed: bool = False) -> None:
        """Compare the failures with the page's open incidents; report new pairs once."""
        snapshot = self.coordinator.data
        incidents = [
            incident
            for incident in (snapshot.active_incidents if snapshot else ())
            if not incident.is_maintenance
        ]
        failing = self._failing_now() if incidents else []
        if failing != self.failing:
            self.failing = failing
            changed = True
        # Forget resolved incidents, so the record stays as small as what is open.
        self._reported &= {incident.id for incident in incidents}
        if failing and snapshot is not None:
            for incident in incidents:
                if incident.id not in self._reported:
                    self._reported.add(incident.id)
                    self._fire(snapshot, incident, failing)
        if changed:
            async_dispatcher_send(self.hass, signal_linked(self.entry.entry_id))

    def _fire(self, snapshot: Snapshot, incident: Incident, failing: list[dict[str, Any]]) -> None:
        entry_id = self.entry.entry_id
        provider = snapshot.page.name or self.entry.title
        names = [_integration_name(self.hass, found["domain"]) for found in failing]
        what = (
            incident.name if snapshot.status in _QUIET else snapshot.status.value.replace("_", " ")
        )
        device = dr.async_get(self.hass).async_get_device(identifiers={(DOMAIN, entry_id)})
        self.hass.bus.async_fire(
            EVENT_LINKED_FAILURE,
            {
                "entry_id": entry_id,
                "device_id": device.id if device else None,
                "entity_id": self._registry.async_get_entity_id(
                    "binary_sensor", DOMAIN, f"{entry_id}_problem"
                ),
                "provider": provider,
                "page_url": self.entry.data[CONF_URL],
                "incident_id": incident.id,
                "incident_name": incident.name,
                "status": snapshot.status.value,
                "failing_integrations": failing,
                "message": f"{provider}: {what} — your {' and '.join(names)} entries are affected",
            },
        )


def _integration_name(hass: HomeAssistant, domain: str) -> str:
    try:
        return async_get_loaded_integration(hass, domain).name
    except IntegrationNotLoaded:
        return domain
