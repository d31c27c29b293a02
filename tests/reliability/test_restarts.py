"""Restarts: no update is lost or repeated across a stop, mid-poll, mid-burst or of many entries."""

from __future__ import annotations

import asyncio
from datetime import timedelta
import random
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    FastReader,
    coordinator_of,
    error_lines,
    fired,
    make_entry,
    serve,
    setup,
    state,
)
from tests.restart import restarted
from tests.status_page_server import demo_documents, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import Event, HomeAssistant
    import pytest

    from tests.reliability.fault_server import FaultServer


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
    # Each entry's first poll is 1 to 30 s after set-up (README), on the loop's real clock:
    # setting up 30 entries on a loaded machine can take longer than 1 s, so the test pins
    # the delay to its upper end (the spread itself is no point of this test).
    monkeypatch.setattr(random, "uniform", lambda _low, high: high)
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


async def test_a_page_down_after_a_restart_backs_off_from_its_interval(
    hass: HomeAssistant, hass_storage: dict[str, Any], fault_page: FaultServer
) -> None:
    """README (backoff): the first failure keeps the interval, even the first poll after a
    restart from storage (no poll has succeeded in this run yet)."""
    entry = await setup(hass, make_entry(fault_page))  # polled every 5 minutes
    serve(fault_page, 0)
    await poll(hass, entry)
    # Both Home Assistants run on the test's one event loop, and moving its clock 5 minutes
    # would also run the stopped one's poll timer (a real stop ends its loop): unload first.
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_stop(force=True)
    down = {"status": 503, "content_type": "text/html"}
    fault_page.set("/api/v2/summary.json", "<html>down</html>", **down)
    async with restarted(hass, [entry]) as (hass2, _entries):
        start = dt_util.utcnow()
        polls = []
        for seconds in (31, 5 * 60 + 33):  # the first poll, then 5 minutes on
            async_fire_time_changed(hass2, start + timedelta(seconds=seconds))
            await hass2.async_block_till_done(wait_background_tasks=True)
            polls.append(len(fault_page.requests("/api/v2/summary.json")))
        assert polls[0] >= 1  # the first poll, 1 to 30 s after the restart, failed
        assert polls[1] == polls[0] + 1  # 5 minutes later: the interval, not doubled
