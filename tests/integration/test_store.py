"""When the per-entry store writes: soon after updates fire, never later than already due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.status_tracker.client import SeenUpdates, TrackerState
from custom_components.status_tracker.store import EntryStore

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

KEY = "status_tracker.01STOREENTRY"


def _state(*incidents: str) -> TrackerState:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    seen = SeenUpdates(
        updates={i: (f"{i}u1",) for i in incidents}, last_seen=dict.fromkeys(incidents, when)
    )
    return TrackerState(seen=seen)


async def _after(hass: HomeAssistant, seconds: float) -> None:
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=seconds))
    await hass.async_block_till_done()


async def test_a_quiet_save_never_delays_a_sooner_one(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    store = EntryStore(hass, "01STOREENTRY")
    store.async_save(_state("a"), fired=True)
    store.async_save(_state("a", "b"))  # a quiet poll right after: due in 10-20 s
    await _after(hass, 1.5)  # written 1 s after updates fire (CHANGELOG)
    # Written on the first schedule, with the state as it was by then.
    assert set(hass_storage[KEY]["data"]["seen"]) == {"a", "b"}


async def test_saves_after_a_reset_are_written(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    store = EntryStore(hass, "01STOREENTRY")
    store.async_save(_state("a"), fired=True)
    await store.async_reset()
    assert hass_storage[KEY]["data"]["seen"] is None
    store.async_save(_state("c"), fired=True)
    await _after(hass, 1.5)
    assert set(hass_storage[KEY]["data"]["seen"]) == {"c"}
