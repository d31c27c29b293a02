"""Status Page Tracker (ours) as a benchmark approach: N config entries, webhook push on."""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING, Any

import aiohttp

from benchmarks.approach import fail
from benchmarks.hass import Hass, set_up
from tests.status_page_server import fixture

if TYPE_CHECKING:
    from homeassistant.core import Event

    from benchmarks.measure import FarmControl, LoopLag


def webhook_id(n: int) -> str:
    """The webhook id of page ``n``'s entry."""
    return f"bench{n:027d}"


class Ours(Hass):
    """Status Page Tracker: N config entries, webhook push on."""

    name = "ours"
    components = ("webhook", "sensor", "binary_sensor", "calendar", "event")
    platform_modules = tuple(
        f"custom_components.status_tracker.{p}"
        for p in ("__init__", "sensor", "binary_sensor", "calendar", "event")
    )

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Map entry ids to pages for events."""
        super().__init__(pages, base)
        self.entry_page: dict[str, int] = {}
        self.waiters: dict[int, asyncio.Future[float]] = {}

    def entries(self) -> list[dict[str, Any]]:
        """What the config flow stores for each page (push switched on)."""
        specs = []
        for page in self.pages:
            url = f"http://127.0.0.1:{page['port']}/p/{page['n']}"
            specs.append({
                "domain": "status_tracker",
                # The config flow's current version: set-up measures no migration.
                "minor_version": 3,
                "title": f"Provider {page['n']}",
                "unique_id": page["id"],
                "data": {
                    "url": url,
                    "source": "statuspage",
                    "endpoints": [self.url(page, "summary"), self.url(page, "incidents")],
                    "name": f"Provider {page['n']}",
                    "webhook_id": webhook_id(page["n"]),
                },
                "options": {
                    "scan_interval": 60,
                    "components": [],
                    "min_impact": "none",
                    "webhook": True,
                },
            })  # fmt: skip
        return specs

    def _coordinators(self) -> list[Any]:
        entries = self.h.config_entries.async_entries("status_tracker")
        return [e.runtime_data.coordinator for e in entries if hasattr(e, "runtime_data")]

    async def setup(self) -> None:
        """Set up the domain: HA sets up all its stored entries concurrently, as at start."""
        from homeassistant.core import callback  # noqa: PLC0415

        from custom_components.status_tracker.const import EVENT_INCIDENT  # noqa: PLC0415

        hass = self.h
        await set_up(hass, "status_tracker", {})
        await hass.async_block_till_done()
        await self.all_set_up("status_tracker")
        n_by_unique = {page["id"]: page["n"] for page in self.pages}
        for entry in hass.config_entries.async_entries("status_tracker"):
            self.entry_page[entry.entry_id] = n_by_unique[entry.unique_id or ""]

        @callback
        def on_event(event: Event[dict[str, Any]]) -> None:
            n = self.entry_page[event.data["entry_id"]]
            waiter = self.waiters.pop(n, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(time.perf_counter())
            self.event_seen(n)

        hass.bus.async_listen(EVENT_INCIDENT, on_event)
        await self.started()

    def parse_count(self) -> int:
        """Documents parsed by every entry's reader."""
        return sum(c.tracker.parse_count for c in self._coordinators())

    async def push(self, farm: FarmControl, pages: list[int]) -> list[float]:
        """Change a page, POST the Statuspage webhook to HA's http server, wait for the event."""
        payload = json.loads(fixture("zulip_incident_created.json"))
        latencies = []
        async with aiohttp.ClientSession() as session:
            for n in pages:
                payload["page"]["id"] = self.pages[n]["id"]
                waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
                self.waiters[n] = waiter
                start = time.perf_counter()
                self.changed_at[n] = start
                await farm.advance([n])
                url = f"http://127.0.0.1:{self.http_port}/api/webhook/{webhook_id(n)}"
                async with session.post(url, json=payload) as response:
                    if response.status != 200:  # noqa: PLR2004
                        msg = f"webhook answered {response.status}"
                        raise fail(msg)
                latencies.append(await asyncio.wait_for(waiter, 10) - start)
                await asyncio.sleep(0.05)
        return latencies

    async def resume(self, lag: LoopLag, farm: FarmControl) -> dict[str, Any]:
        """Unload every entry and set them all up again: a restart's code path, minus the core.

        Pending store writes are flushed first (as Home Assistant's stop does). Each entry
        then resumes from its store: the stored state is shown at once, with no request, and
        the first polls come within the start jitter; the phase lasts that long plus 2 s.
        """
        from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE  # noqa: PLC0415

        from custom_components.status_tracker.const import START_JITTER  # noqa: PLC0415

        hass = self.h
        hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
        await hass.async_block_till_done()
        entries = hass.config_entries.async_entries("status_tracker")
        await asyncio.gather(*(hass.config_entries.async_unload(e.entry_id) for e in entries))
        await hass.async_block_till_done()
        await farm.reset()
        lag.phase = "restart_setup"
        wall0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(hass.config_entries.async_setup(e.entry_id) for e in entries))
        await self.all_set_up("status_tracker")
        setup_s, setup_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        requests_at_setup = (await farm.reset())["requests"]
        lag.phase = "restart_first_polls"
        await asyncio.sleep(START_JITTER.total_seconds() + 2)
        lag.phase = "between"
        polls = await farm.reset()
        return {
            "setup_s": setup_s,
            "setup_cpu_s": setup_cpu,
            "requests_at_setup": requests_at_setup,
            "first_poll_requests": polls["requests"],
            "first_poll_status": polls["status"],
            "parsed": self.parse_count(),
            "failures": self.failures(),
        }
