"""Restarts and storage: no update is lost or repeated across a stop; a bad file never crashes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
import json
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import storage
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
    SUMMARY,
    FastReader,
    coordinator_of,
    error_lines,
    fired,
    make_entry,
    resolved_window,
    serve,
    setup,
    state,
)
from tests.restart import restarted
from tests.status_page_server import demo_documents, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import Event, HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


def _key(entry: MockConfigEntry) -> str:
    return f"{DOMAIN}.{entry.entry_id}"


async def test_stopped_between_polls(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    entry = await setup(hass, make_entry(fault_page))
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve(fault_page, 0)
    await poll(hass, entry)
    await hass.async_stop(force=True)
    serve(fault_page, 2)  # two updates while we are down
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        assert state(hass2).state == "partial_outage"  # the stored state, before any poll
        await poll(hass2, entry2)
        await poll(hass2, entry2)
        assert [e.data["status"] for e in events + later] == [
            "investigating",
            "identified",
            "monitoring",
        ]


async def test_stopped_during_a_poll(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    entry = await setup(hass, make_entry(fault_page))
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve(fault_page, 0)
    fault_page.delay = 0.3  # the poll is in flight when Home Assistant stops
    refresh = hass.async_create_task(coordinator_of(entry).async_refresh())
    await asyncio.sleep(0.05)
    await hass.async_stop(force=True)
    assert refresh.done()
    assert events == []  # the poll was cut: nothing was seen, so nothing may be recorded as seen
    await asyncio.sleep(fault_page.delay)  # let the page finish answering nobody
    fault_page.delay = 0
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        await poll(hass2, entry2)
        await poll(hass2, entry2)
        assert [e.data["status"] for e in later] == ["investigating"]


async def test_stopped_during_an_event_burst(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    entry = await setup(hass, make_entry(fault_page))
    handled: list[str] = []

    async def slow_listener(event: Event) -> None:
        await asyncio.sleep(0.01)
        handled.append(event.data["update_id"])

    hass.bus.async_listen(EVENT_INCIDENT, slow_listener)
    events = async_capture_events(hass, EVENT_INCIDENT)
    summary, incidents = demo_documents(None)
    summary["incidents"] = incidents["incidents"] = [
        demo_incident(3, f"inc{n:09d}") for n in range(20)
    ]
    fault_page.set("/api/v2/summary.json", summary)
    fault_page.set("/api/v2/incidents.json", incidents)
    await coordinator_of(entry).async_refresh()  # 80 events fired; listeners still running
    assert len(events) == 80
    assert len(handled) < 80
    await hass.async_stop(force=True)
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        await poll(hass2, entry2)
        fault_page.set("/api/v2/summary.json", summary | {"status": {"indicator": "minor"}})
        await poll(hass2, entry2)  # a change, so the window is diffed again: nothing repeats
        assert later == []
        assert coordinator_of(entry2).tracker.parse_count == 1


# What a damaged .storage/status_tracker.<entry_id> may hold instead of our data. Records sit
# under the addresses the entry reads ({summary}, {incidents}), so the loader meets them.
BAD_STORES: dict[str, Any] = {
    "a_list": [1, 2, 3],
    "a_string": "garbage",
    "null": None,
    "wrong_types": {"reader": [], "seen": []},
    "unreadable_records": {
        "reader": {"{summary}": {"part": {"page": 1}}, "{incidents}": "z"},
        "seen": {"inc000000001": {"updates": [1], "last_seen": "not a date"}},
    },
    "foreign_enum_values": {
        "reader": {
            "{summary}": {"validators": None, "part": {"source": "ftp"}},
            "{incidents}": {"validators": {"etag": 7}, "part": {"incidents": [{"id": None}]}},
        },
        "seen": None,
    },
}


@pytest.mark.parametrize("data", BAD_STORES.values(), ids=BAD_STORES)
async def test_damaged_store_is_rebuilt(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fault_page: FaultServer,
    caplog: pytest.LogCaptureFixture,
    data: Any,
) -> None:
    entry = make_entry(fault_page)
    summary, incidents = entry.data["endpoints"]
    text = json.dumps(data).replace("{summary}", summary).replace("{incidents}", incidents)
    hass_storage[_key(entry)] = {
        "version": 1,
        "minor_version": 1,
        "key": _key(entry),
        "data": json.loads(text),
    }
    serve(fault_page, 1)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await setup(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    assert events == []  # rebuilt as a silent baseline, not a flood of old updates
    assert state(hass).state == "partial_outage"
    serve(fault_page, 2)
    await poll(hass, entry)
    assert [e.data["status"] for e in events] == ["monitoring"]


async def test_unreadable_store_file(
    hass: HomeAssistant,
    fault_page: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A file Home Assistant cannot read (its loader raises): logged, and started afresh."""
    load = storage.Store.async_load

    async def failing_load(store: storage.Store[Any]) -> Any:
        if store.key.startswith(f"{DOMAIN}."):
            msg = f"Error while loading {store.path}: Permission denied"
            raise HomeAssistantError(msg)
        return await load(store)

    monkeypatch.setattr(storage.Store, "async_load", failing_load)
    entry = make_entry(fault_page)
    serve(fault_page, 1)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await setup(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    assert events == []
    (line,) = error_lines(caplog)
    assert line.startswith(f"Stored state of {_key(entry)} is unreadable (")
    assert "Permission denied" in line  # why, in the loader's words
    assert line.endswith("); starting afresh")
    assert state(hass).state == "partial_outage"


async def test_naive_times_in_the_store(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    """A hand-edited file with times without a zone: read as UTC, not a TypeError per poll."""
    entry = await setup(hass, make_entry(fault_page))
    serve(fault_page, 0)
    await poll(hass, entry)
    await hass.async_stop(force=True)
    stored = hass_storage[_key(entry)]["data"]
    for record in stored["seen"].values():
        record["last_seen"] = record["last_seen"][:19]  # "2026-11-23T17:00:00"
    part = stored["documents"][entry.data["endpoints"][1]]["part"]
    part["incidents"][0]["created_at"] = "2026-11-23T12:00:00"
    serve(fault_page, 1)
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        await poll(hass2, entry2)
        assert [e.data["status"] for e in later] == ["identified"]


async def test_unreadable_seen_record_loses_no_update(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    entry = await setup(hass, make_entry(fault_page))
    await hass.async_stop(force=True)
    hass_storage[_key(entry)]["data"]["seen"] = {"inc": "not a record"}
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        serve(fault_page, 0)
        await poll(hass2, entry2)
        assert [e.data["status"] for e in later] == ["investigating"]


async def test_unreadable_seen_record_with_a_long_window(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    """The stored parse holds only the newest resolved incidents of 12; the lost record is
    rebuilt from it, and the 7 older ones the page still lists do not fire as new."""
    serve(fault_page, None)
    fault_page.set(INCIDENTS, resolved_window("old", 12))
    entry = await setup(hass, make_entry(fault_page))
    await hass.async_stop(force=True)
    hass_storage[_key(entry)]["data"]["seen"] = None
    window = resolved_window("old", 12)
    window["incidents"].insert(0, demo_incident(0, "new000001", datetime(2026, 2, 1, tzinfo=UTC)))
    fault_page.set(INCIDENTS, window)
    fault_page.set(SUMMARY, demo_documents(0)[0] | {"incidents": window["incidents"][:1]})
    async with restarted(hass, [entry]) as (hass2, (entry2,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        await poll(hass2, entry2)
        assert fired(later) == [("new000001", "new00000upd0", "investigating")]


@pytest.mark.parametrize(("version", "said"), [(0, "version 0.1"), (2, "version 2")])
async def test_store_of_another_version(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fault_page: FaultServer,
    caplog: pytest.LogCaptureFixture,
    version: int,
    said: str,
) -> None:
    caplog.set_level(logging.INFO, logger="custom_components.status_tracker")
    entry = make_entry(fault_page)
    hass_storage[_key(entry)] = {
        "version": version,
        "minor_version": 1,
        "key": _key(entry),
        "data": {"reader": {}, "seen": {}, "something_else": True},
    }
    serve(fault_page, 1)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await setup(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    assert events == []
    assert state(hass).state == "partial_outage"
    # One line says which file was replaced and which version it had.
    (line,) = [r.getMessage() for r in caplog.records if r.module == "store"]
    assert _key(entry) in line
    assert said in line


async def test_many_entries_restart_at_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fault_page: FaultServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 60 requests at once queue for connections, and the wait counts against the timeout.
    monkeypatch.setattr(FastReader, "test_timeout", 20.0)
    count = 30
    entries = [
        make_entry(fault_page, f"/p{n}", number=n + 1, title=f"Page {n}") for n in range(count)
    ]
    for n, entry in enumerate(entries):
        serve(fault_page, None, prefix=f"/p{n}")
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    for n in range(count):
        serve(fault_page, 0, prefix=f"/p{n}")
    events = async_capture_events(hass, EVENT_INCIDENT)
    await asyncio.gather(*(coordinator_of(entry).async_refresh() for entry in entries))
    await hass.async_block_till_done()
    assert len(events) == count
    await hass.async_stop(force=True)

    fault_page.hits.clear()
    async with restarted(hass, entries) as (hass2, entries2):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        assert all(entry.state is ConfigEntryState.LOADED for entry in entries2)
        assert fault_page.hits == []  # every page shown from storage, none fetched at start
        assert {state(hass2, f"sensor.page_{n}_status").state for n in range(count)} == {
            "partial_outage"
        }
        # "The first poll comes 1 to 30 seconds later" (README): by then each page polled once.
        async_fire_time_changed(hass2, dt_util.utcnow() + timedelta(seconds=31))
        await hass2.async_block_till_done()
        assert sorted(hit.status for hit in fault_page.hits) == [304] * (2 * count)
        assert [coordinator_of(entry).tracker.parse_count for entry in entries2] == [0] * count
        assert later == []
        assert error_lines(caplog) == []
    assert sorted(event.data["entry_id"] for event in events) == sorted(
        entry.entry_id for entry in entries
    )
    assert {status for _, _, status in fired(events)} == {"investigating"}
