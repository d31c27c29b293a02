"""Load: 200 pages changing in bursts; every update fires once, and the event loop never stalls."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
import json
import time
from typing import TYPE_CHECKING, Final

from homeassistant.helpers.update_coordinator import REQUEST_REFRESH_DEFAULT_COOLDOWN
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.reliability.conftest import (
    SUMMARY,
    FastReader,
    coordinator_of,
    error_lines,
    make_entry,
    serve,
)
from tests.status_page_server import DEMO_PAGE, demo_documents

if TYPE_CHECKING:
    from aiohttp import web
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

    from tests.reliability.fault_server import FaultServer

PAGES: Final = 200
TICK: Final = 0.01
WEBHOOK_ID: Final = "0123456789abcdef0123456789abcdef"
REQUEST_REFRESH_COOLDOWN: Final = REQUEST_REFRESH_DEFAULT_COOLDOWN + 1


@pytest.fixture(autouse=True)
async def enable_event_loop_debug() -> None:
    """Measure the loop as it runs in production: without asyncio's debug mode.

    The test harness turns debug mode on for every test; it records a stack trace for
    every callback and task, which makes this test several times slower than production.
    """
    asyncio.get_running_loop().set_debug(False)


class Ticker:
    """A task that wakes every ``TICK`` s and records the longest it ever waited."""

    def __init__(self) -> None:
        """Not started yet."""
        self.largest_gap = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            self.largest_gap = max(self.largest_gap, now - last - TICK)
            last = now

    def start(self) -> None:
        """Start ticking."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop ticking."""
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def test_200_pages_in_bursts(
    hass: HomeAssistant,
    fault_page: FaultServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 400 requests at once share one host's connection pool (100 connections): waiting for
    # a connection counts against the total timeout, so use production's order of magnitude.
    monkeypatch.setattr(FastReader, "test_timeout", 20.0)
    started = time.monotonic()
    entries = [
        make_entry(fault_page, f"/p{n}", number=n + 1, title=f"Page {n}") for n in range(PAGES)
    ]
    for n, entry in enumerate(entries):
        serve(fault_page, None, prefix=f"/p{n}")
        entry.add_to_hass(hass)
    ticker = Ticker()
    ticker.start()
    try:
        # Setting up the first entry sets up the integration and every entry with it.
        assert await hass.config_entries.async_setup(entries[0].entry_id)
        await hass.async_block_till_done()
        setup_gap = ticker.largest_gap  # first-time platform imports hold the GIL here
        setup_time = time.monotonic() - started
        ticker.largest_gap = 0.0
        events = async_capture_events(hass, EVENT_INCIDENT)
        coordinators = [coordinator_of(entry) for entry in entries]
        # Four bursts: every page moves one stage on at once, and all poll together.
        for stage in (0, 1, 2, 3):
            for n in range(PAGES):
                serve(fault_page, stage, prefix=f"/p{n}")
            await asyncio.gather(*(c.async_refresh() for c in coordinators))
            await hass.async_block_till_done()
        # And a round where nothing changed: all 304, nothing parsed, nothing fired.
        parsed = sum(c.tracker.parse_count for c in coordinators)
        await asyncio.gather(*(c.async_refresh() for c in coordinators))
        await hass.async_block_till_done()
        assert sum(c.tracker.parse_count for c in coordinators) == parsed
    finally:
        await ticker.stop()
    total = time.monotonic() - started
    print(  # noqa: T201
        f"\n{PAGES} pages: setup {setup_time:.1f} s (largest loop gap {setup_gap * 1000:.0f} ms);"
        f" 4 bursts and a quiet round {total - setup_time:.1f} s, {len(events)} events,"
        f" largest loop gap {ticker.largest_gap * 1000:.0f} ms"
    )
    keys = Counter((e.data["entry_id"], e.data["update_id"]) for e in events)
    assert len(keys) == PAGES * 4
    assert set(keys.values()) == {1}  # each update exactly once
    for entry in entries:
        statuses = [e.data["status"] for e in events if e.data["entry_id"] == entry.entry_id]
        assert statuses == ["investigating", "identified", "monitoring", "resolved"]
    assert all(c.last_update_success for c in coordinators)
    assert error_lines(caplog) == []
    # Generous (the machine is shared): a stall would be seconds. The figures are printed above.
    assert setup_gap < 2.0
    assert ticker.largest_gap < 2.0


async def test_set_up_of_many_entries_goes_a_few_at_a_time(
    hass: HomeAssistant, fault_page: FaultServer
) -> None:
    """40 entries with nothing stored, set up together: at most 8 poll at once."""
    in_flight, most = 0, 0

    async def slow_summary(request: web.Request) -> web.StreamResponse:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.02)  # long enough for unlimited set-ups to pile up here
        in_flight -= 1
        return await fault_page._handle(request)  # the normal answer

    entries = [make_entry(fault_page, f"/p{n}", number=n + 1, title=f"Page {n}") for n in range(40)]
    for n, entry in enumerate(entries):
        serve(fault_page, None, prefix=f"/p{n}")
        fault_page.faults[f"/p{n}{SUMMARY}"] = slow_summary
        entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entries[0].entry_id)
    await hass.async_block_till_done()
    assert all(coordinator_of(entry).last_update_success for entry in entries)
    assert most == 8  # "At most 8 set up (and poll) at once" (docs/reliability.md)


async def test_webhook_flood_is_debounced(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    fault_page: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """200 push notifications in a burst: one poll now, one trailing poll, each update once."""
    # 200 requests queue ahead of the poll's on a busy machine: not what this test is about.
    monkeypatch.setattr(FastReader, "test_timeout", 20.0)
    assert await async_setup_component(hass, "webhook", {})
    entry = make_entry(fault_page)
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry,
        data={**entry.data, "webhook_id": WEBHOOK_ID},
        options={**entry.options, "webhook": True},
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_INCIDENT)
    client = await hass_client_no_auth()
    body = json.dumps(
        {"page": {"id": DEMO_PAGE["id"]}, "incident": demo_documents(0)[1]["incidents"][0]}
    )
    serve(fault_page, 0)
    before = len(fault_page.requests(SUMMARY))
    responses = await asyncio.gather(
        *(client.post(f"/api/webhook/{WEBHOOK_ID}", data=body) for _ in range(200))
    )
    assert {response.status for response in responses} == {200}
    await hass.async_block_till_done()
    assert len(fault_page.requests(SUMMARY)) - before == 1
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=REQUEST_REFRESH_COOLDOWN))
    await hass.async_block_till_done()
    # At most one trailing poll (a 304) for the calls made while the first one ran.
    polls = fault_page.requests(SUMMARY)[before:]
    assert 1 <= len(polls) <= 2
    assert [hit.status for hit in polls[1:]] in ([], [304])
    assert [e.data["status"] for e in events] == ["investigating"]
