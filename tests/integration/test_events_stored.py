"""status_incident events and storage: restart-safe, saved within seconds, rebuilt, removed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.restart import restarted
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


async def test_restart_mid_incident_fires_only_missed_updates(
    hass: HomeAssistant,
    hass_storage: dict[str, object],
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    assert [e.data["status"] for e in events] == ["investigating"]
    await hass.async_stop(force=True)  # the delayed save is written on stop
    assert f"{DOMAIN}.{setup_entry.entry_id}" in hass_storage

    serve_stage(demo_page, 2)  # identified and monitoring happen while we are down
    async with restarted(hass, [setup_entry], set_up=False) as (hass2, (entry,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        assert await hass2.config_entries.async_setup(entry.entry_id)
        await hass2.async_block_till_done()
        assert entry.state is ConfigEntryState.LOADED
        # The stored snapshot is shown before any poll; the first poll comes after a jitter.
        shown = hass2.states.get("sensor.demo_cloud_status")
        assert shown is not None
        assert shown.state == "partial_outage"
        assert later == []
        # "The first poll comes 1 to 30 seconds later" (README).
        async_fire_time_changed(hass2, dt_util.utcnow() + timedelta(seconds=31))
        await hass2.async_block_till_done()
        assert [(e.data["status"], e.data["is_new_incident"]) for e in later] == [
            ("identified", False),
            ("monitoring", False),
        ]
        await poll(hass2, entry)
        assert len(later) == 2


async def test_remove_entry_removes_its_store(
    hass: HomeAssistant, hass_storage: dict[str, object], setup_entry: MockConfigEntry
) -> None:
    key = f"{DOMAIN}.{setup_entry.entry_id}"
    # A quiet poll's state is written within 10-20 s (CHANGELOG).
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=21))
    await hass.async_block_till_done()
    assert key in hass_storage  # the delayed save was written
    await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert key not in hass_storage


async def test_fired_updates_are_stored_within_seconds(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    """A poll that fired writes its keys 1 s later (CHANGELOG), not the 10-20 s of a quiet one.

    A hard crash (no final write) can then only fire again what fired in that last second.
    """
    key = f"{DOMAIN}.{setup_entry.entry_id}"
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=20))
    await hass.async_block_till_done()
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=1.5))
    await hass.async_block_till_done()
    assert "inc000000001" in hass_storage[key]["data"]["seen"]


async def test_corrupt_store_is_rebuilt(
    hass: HomeAssistant,
    hass_storage: dict[str, object],
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    hass_storage[f"{DOMAIN}.{mock_entry.entry_id}"] = {
        "version": 1,
        "key": f"{DOMAIN}.{mock_entry.entry_id}",
        # Under the address the entry reads, so the loader meets the damaged record.
        "data": {
            "reader": {mock_entry.data["endpoints"][0]: {"part": 3}},
            "seen": {"inc": "not a record"},
        },
    }
    serve_stage(demo_page, 0)
    events = async_capture_events(hass, EVENT_INCIDENT)
    mock_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_entry.state is ConfigEntryState.LOADED
    assert events == []  # rebuilt as a silent baseline, not a flood
