"""Storage: a damaged, unreadable, zone-less or foreign store is rebuilt and never crashes."""

from __future__ import annotations

from datetime import UTC, datetime
import json
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import storage
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
    SUMMARY,
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
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


def _key(entry: MockConfigEntry) -> str:
    return f"{DOMAIN}.{entry.entry_id}"


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
