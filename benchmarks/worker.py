"""One approach, N providers, one process: set up, poll rounds, measure, print JSON.

``python -m benchmarks.worker --approach ours --control-port P --out result.json``

Approaches:
  ours        this integration: N config entries in a real Home Assistant
  feedreader  Home Assistant's feedreader on each page's history.atom
  rest        Home Assistant's rest integration on each page's summary.json (YAML resources)
  plain       bare aiohttp: GET summary.json + json.loads each round, no validators
  floor       bare aiohttp: conditional GET of summary.json and incidents.json, no parsing
  thelion     TheLion's StatusPage Monitor, loaded from a checkout (--thelion PATH; thelion.py)

Each approach runs in its own process, so memory and CPU are its own; the farm is another
process. Rounds are triggered explicitly: every provider's poll at once (as Home Assistant's
timers do for entries set up together at one interval), and one idle round spread over 29 s
(as after a restart, when the integration jitters the first polls by 1-30 s). The farm closes
every connection after its response, so each round opens new ones, as with a 60 s interval.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import UTC, datetime
import functools
import json
import logging
import math
from pathlib import Path
import random
import socket
import sys
import tempfile
import time
import tracemalloc
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import aiohttp

from benchmarks.farm import doc_path, raise_fd_limit
from benchmarks.measure import FarmControl, LoopLag, Memory, RoundResult, summarize, timed_round
from tests.status_page_server import fixture

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator

    from homeassistant.core import Event, HomeAssistant

APPROACHES = ("ours", "floor", "plain", "feedreader", "rest", "thelion")
# HA's shared client session allows 4096 connections, 100 per host: the bare loops do the same.
CONNECTIONS, CONNECTIONS_PER_HOST = 4096, 100
# Between rounds: let closed connections and delayed work settle.
PAUSE = 0.5
_LOGGER = logging.getLogger("benchmarks")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fail(what: str) -> RuntimeError:
    return RuntimeError(what)


async def _set_up(hass: HomeAssistant, domain: str, config: dict[str, Any]) -> None:
    from homeassistant.setup import async_setup_component  # noqa: PLC0415

    if not await async_setup_component(hass, domain, config):
        msg = f"{domain} did not set up"
        raise _fail(msg)


def webhook_id(n: int) -> str:
    """The webhook id of page ``n``'s entry."""
    return f"bench{n:027d}"


class Approach:
    """Set-up and one round of polling for N providers."""

    name = ""
    events_name: str | None = None

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Poll ``pages`` (n, id, port) on the farm."""
        self.pages = pages
        self.base = base
        # When each page's last change was published, and when its event arrived.
        self.changed_at: dict[int, float] = {}
        self.latencies: list[float] = []
        self.events = 0

    def url(self, page: dict[str, Any], doc: str) -> str:
        """A document URL of ``page``."""
        return f"http://127.0.0.1:{page['port']}{doc_path(page['n'], doc)}"

    async def start(self) -> None:
        """Load everything but the providers (measured as the baseline)."""

    async def setup(self) -> None:
        """Set up every provider, including its first (unconditional) fetch."""
        raise NotImplementedError

    def pollers(self) -> list[Callable[[], Awaitable[Any]]]:
        """One poll of each provider (HA: the coroutine the coordinator's timer runs)."""
        raise NotImplementedError

    async def settle(self) -> None:
        """Let the effects of polls (state writes, events) finish."""

    async def poll_round(self) -> None:
        """Poll every provider at once, as timers sharing an interval and start time do."""
        await asyncio.gather(*(poll() for poll in self.pollers()))
        await self.settle()

    async def spread_round(self, seconds: float, rng: random.Random) -> None:
        """Poll every provider once, at random offsets over ``seconds``.

        This is how a restart spreads the entries' polls (START_JITTER, 1-30 s), which their
        60 s interval then keeps.
        """

        async def later(delay: float, poll: Callable[[], Awaitable[Any]]) -> None:
            await asyncio.sleep(delay)
            await poll()

        await asyncio.gather(*(later(rng.uniform(0, seconds), p) for p in self.pollers()))
        await self.settle()

    def parse_count(self) -> int | None:
        """Documents parsed so far (only ours counts)."""
        return None

    def failures(self) -> int:
        """Providers whose last poll failed."""
        return 0

    def entry_states(self) -> dict[str, int]:
        """Config entries by state (Home Assistant approaches)."""
        return {}

    def event_seen(self, n: int) -> None:
        """Record a detection for page ``n``."""
        self.events += 1
        if (since := self.changed_at.pop(n, None)) is not None:
            self.latencies.append(time.perf_counter() - since)

    async def push(self, farm: FarmControl, pages: list[int]) -> list[float]:
        """Push latency (change -> event) for ``pages``; empty if the approach has no push."""
        del farm, pages
        return []

    async def resume(self, lag: LoopLag, farm: FarmControl) -> dict[str, Any] | None:
        """Set every provider up again from what it stored (a restart); None if not measured."""
        del lag, farm
        return None

    async def stop(self) -> None:
        """Tear down."""


# --- bare aiohttp ------------------------------------------------------------------------


class Bare(Approach):
    """A bare aiohttp loop with HA-like connection limits."""

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Poll ``pages`` without Home Assistant."""
        super().__init__(pages, base)
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        """The open session."""
        if self._session is None:
            msg = "session not open"
            raise _fail(msg)
        return self._session

    async def start(self) -> None:
        """Open the session."""
        connector = aiohttp.TCPConnector(limit=CONNECTIONS, limit_per_host=CONNECTIONS_PER_HOST)
        self._session = aiohttp.ClientSession(connector=connector)

    async def stop(self) -> None:
        """Close the session."""
        if self._session is not None:
            await self._session.close()

    async def setup(self) -> None:
        """The first round is the set-up."""
        await self.poll_round()

    def pollers(self) -> list[Callable[[], Awaitable[Any]]]:
        """One poll per page."""
        return [functools.partial(self.poll_page, page) for page in self.pages]

    async def poll_page(self, page: dict[str, Any]) -> None:
        """Poll one page."""
        raise NotImplementedError


class Floor(Bare):
    """The least any poller of a Statuspage page must do: conditional GETs, nothing parsed.

    summary.json every poll, incidents.json only when summary.json changed (it moves with
    every incident update): the requests ours makes on a settled page.
    """

    name = "floor"

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Keep validators per URL."""
        super().__init__(pages, base)
        self.validators: dict[str, tuple[str | None, str | None]] = {}

    async def poll_page(self, page: dict[str, Any]) -> None:
        """summary.json conditionally, then incidents.json if it changed."""
        if await self._get(self.url(page, "summary")):
            await self._get(self.url(page, "incidents"))

    async def _get(self, url: str) -> bool:
        headers = {}
        etag, modified = self.validators.get(url, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        async with self.session.get(url, headers=headers) as response:
            if response.status == 304:  # noqa: PLR2004
                return False
            await response.read()
            self.validators[url] = (
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
            return True


class Plain(Bare):
    """What a rest sensor does each poll: GET summary.json (no validators) and parse it."""

    name = "plain"

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Keep the last parse per page."""
        super().__init__(pages, base)
        self.last: dict[int, Any] = {}

    async def poll_page(self, page: dict[str, Any]) -> None:
        """GET and parse."""
        async with self.session.get(self.url(page, "summary")) as response:
            self.last[page["n"]] = json.loads(await response.read())


# --- Home Assistant ----------------------------------------------------------------------


class Hass(Approach):
    """A real Home Assistant core in this process, with its own config directory."""

    components: tuple[str, ...] = ()
    platform_modules: tuple[str, ...] = ()

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Use a fresh temporary config directory."""
        super().__init__(pages, base)
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-ha-")
        self.config_dir = Path(self._tmp.name)
        self.hass: HomeAssistant | None = None
        self.http_port = _free_port()
        self.states_when_setup_returned: dict[str, int] = {}

    def entries(self) -> list[dict[str, Any]]:
        """Config entries to store before start (as a restart would find them)."""
        return []

    def _write_entries(self) -> None:
        from homeassistant import config_entries  # noqa: PLC0415
        from homeassistant.helpers.json import json_bytes  # noqa: PLC0415

        entries = []
        for spec in self.entries():
            entry = config_entries.ConfigEntry(
                data=spec["data"],
                discovery_keys=MappingProxyType({}),
                domain=spec["domain"],
                minor_version=spec.get("minor_version", 1),
                options=spec["options"],
                # Rounds are driven explicitly (the same coroutine HA's timer calls), so the
                # entries' own timers are off: the measured rounds are the only polls.
                pref_disable_polling=True,
                source=config_entries.SOURCE_USER,
                subentries_data=None,
                title=spec["title"],
                unique_id=spec["unique_id"],
                version=1,
            )
            entries.append(entry.as_dict())
        storage = self.config_dir / ".storage"
        storage.mkdir(parents=True, exist_ok=True)
        (storage / config_entries.STORAGE_KEY).write_bytes(
            json_bytes({
                "version": config_entries.STORAGE_VERSION,
                "minor_version": config_entries.STORAGE_VERSION_MINOR,
                "key": config_entries.STORAGE_KEY,
                "data": {"entries": entries},
            })
        )  # fmt: skip

    async def start(self) -> None:
        """Home Assistant's own bootstrap steps, minus the default integrations."""
        from homeassistant import bootstrap, loader  # noqa: PLC0415
        from homeassistant.auth import auth_manager_from_config  # noqa: PLC0415
        from homeassistant.config_entries import ConfigEntries  # noqa: PLC0415
        from homeassistant.core import HomeAssistant  # noqa: PLC0415

        self._write_entries()
        hass = HomeAssistant(str(self.config_dir))
        self.hass = hass
        loader.async_setup(hass)
        hass.config.skip_pip = True
        await hass.config.async_set_time_zone("UTC")
        hass.config_entries = ConfigEntries(hass, {})
        await loader.async_get_custom_components(hass)
        # Returns False on a storage version error (None before Home Assistant 2026.x).
        if await bootstrap.async_load_base_functionality(hass) is False:
            msg = "registries did not load"
            raise _fail(msg)
        hass.auth = await auth_manager_from_config(hass, [{"type": "homeassistant"}], [])
        for domain in bootstrap.CORE_INTEGRATIONS:
            await _set_up(hass, domain, {})
        http = {"server_host": ["127.0.0.1"], "server_port": self.http_port}
        await _set_up(hass, "http", {"http": http})
        for domain in self.components:
            await _set_up(hass, domain, {})
        # Import the integration and its platforms now: code is not a per-provider cost.
        for module in self.platform_modules:
            await hass.async_add_executor_job(__import__, module)
        await hass.async_block_till_done()

    @property
    def h(self) -> HomeAssistant:
        """The running Home Assistant."""
        if self.hass is None:
            msg = "Home Assistant is not started"
            raise _fail(msg)
        return self.hass

    async def all_set_up(self, domain: str, limit: float = 600.0) -> None:
        """Wait until every entry of ``domain`` is loaded (retries included), at most ``limit``.

        An entry whose first poll fails (e.g. times out when the loop is saturated) is retried
        by Home Assistant in the background: set-up ends when all are loaded.
        """
        from homeassistant.config_entries import ConfigEntryState  # noqa: PLC0415

        self.states_when_setup_returned = self.entry_states()
        deadline = time.monotonic() + limit
        # Entry states change inside Home Assistant, which offers no event to await here.
        while time.monotonic() < deadline and any(  # noqa: ASYNC110
            e.state is not ConfigEntryState.LOADED
            for e in self.h.config_entries.async_entries(domain)
        ):
            await asyncio.sleep(0.1)
        await self.h.async_block_till_done()

    async def started(self) -> None:
        """Fire Home Assistant's start (the http server listens from here)."""
        await self.h.async_start()
        await self.h.async_block_till_done()

    def _coordinators(self) -> list[Any]:
        raise NotImplementedError

    def pollers(self) -> list[Callable[[], Awaitable[Any]]]:
        """Each coordinator's refresh."""
        return [c.async_refresh for c in self._coordinators()]

    async def settle(self) -> None:
        """Let state writes and events settle."""
        await self.h.async_block_till_done()

    def failures(self) -> int:
        """Providers not loaded, or whose last refresh failed."""
        loaded = self._coordinators()
        return len(self.pages) - len(loaded) + sum(not c.last_update_success for c in loaded)

    def entry_states(self) -> dict[str, int]:
        """How many config entries are in each state (with the reason, if any)."""
        counts: dict[str, int] = {}
        for entry in self.h.config_entries.async_entries():
            key = f"{entry.domain}: {entry.state.value}" + (
                f" ({entry.reason})" if entry.reason else ""
            )
            counts[key] = counts.get(key, 0) + 1
        return counts

    async def stop(self) -> None:
        """Stop Home Assistant and remove its config directory."""
        if self.hass is not None:
            await self.hass.async_stop(force=True)
        self._tmp.cleanup()


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
        await _set_up(hass, "status_tracker", {})
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
                        raise _fail(msg)
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


class FeedReader(Hass):
    """Home Assistant's feedreader: one config entry per page's history.atom."""

    name = "feedreader"
    components = ("event",)
    platform_modules = (
        "homeassistant.components.feedreader",
        "homeassistant.components.feedreader.event",
    )

    def entries(self) -> list[dict[str, Any]]:
        """What feedreader's config flow stores."""
        return [
            {
                "domain": "feedreader",
                "title": f"Provider {page['n']} Status - Incident History",
                "unique_id": self.url(page, "atom"),
                "data": {"url": self.url(page, "atom")},
                "options": {"max_entries": 20},
            }
            for page in self.pages
        ]

    def _coordinators(self) -> list[Any]:
        entries = self.h.config_entries.async_entries("feedreader")
        return [e.runtime_data for e in entries if hasattr(e, "runtime_data")]

    async def setup(self) -> None:
        """Set up the domain with all its stored entries."""
        from homeassistant.core import callback  # noqa: PLC0415

        hass = self.h
        await _set_up(hass, "feedreader", {})
        await hass.async_block_till_done()
        await self.all_set_up("feedreader")
        n_by_url = {self.url(page, "atom"): page["n"] for page in self.pages}

        @callback
        def on_event(event: Event[dict[str, Any]]) -> None:
            self.event_seen(n_by_url[event.data["feed_url"]])

        hass.bus.async_listen("feedreader", on_event)
        await self.started()


class Rest(Hass):
    """Home Assistant's rest integration: one resource + sensor per page's summary.json."""

    name = "rest"
    components = ("sensor",)
    platform_modules = ("homeassistant.components.rest", "homeassistant.components.rest.sensor")

    async def setup(self) -> None:
        """What a user's YAML would hold, once per page."""
        hass = self.h
        resources = [
            {
                "resource": self.url(page, "summary"),
                # Rounds are driven explicitly; an hour keeps the resources' own timers out.
                "scan_interval": 3600,
                "timeout": 20,
                "sensor": [
                    {
                        "name": f"Provider {page['n']} status",
                        "value_template": "{{ value_json.status.indicator }}",
                        "json_attributes": ["status", "incidents"],
                    }
                ],
            }
            for page in self.pages
        ]
        await _set_up(hass, "rest", {"rest": resources})
        await hass.async_block_till_done()
        await self.started()

    def _coordinators(self) -> list[Any]:
        from homeassistant.components.rest.const import COORDINATOR, DOMAIN  # noqa: PLC0415

        coordinators: list[Any] = self.h.data[DOMAIN][COORDINATOR]
        return coordinators


CLASSES: dict[str, type[Approach]] = {
    "ours": Ours,
    "floor": Floor,
    "plain": Plain,
    "feedreader": FeedReader,
    "rest": Rest,
}


def approach_class(args: argparse.Namespace) -> type[Approach]:
    """The class of ``--approach``; StatusPage Monitor's code is mounted from its checkout first."""
    if args.approach != "thelion":
        return CLASSES[args.approach]
    # Imported here: that module builds on this one's Hass class.
    from benchmarks import thelion  # noqa: PLC0415

    if args.thelion is None:
        msg = f"thelion needs {thelion.USAGE}"
        raise _fail(msg)
    thelion.mount(args.thelion)
    return thelion.TheLion


# --- the run -----------------------------------------------------------------------------


async def _measured(  # noqa: PLR0913  # keyword-only options
    approach: Approach,
    farm: FarmControl,
    lag: LoopLag,
    kind: str,
    *,
    changed: list[int] | None = None,
    pause: float = PAUSE,
    poll: Callable[[], Awaitable[None]] | None = None,
) -> RoundResult:
    parsed_before = approach.parse_count()
    events_before = approach.events
    change: Callable[[], Awaitable[None]] | None = None
    if changed:

        async def change() -> None:
            now = time.perf_counter()
            for n in changed:
                approach.changed_at[n] = now
            await farm.advance(changed)

    result = await timed_round(kind, farm, lag, poll or approach.poll_round, change)
    parsed_after = approach.parse_count()
    if parsed_before is not None and parsed_after is not None:
        result.parsed = parsed_after - parsed_before
    result.events = approach.events - events_before
    result.changed_pages = len(changed or ())
    await asyncio.sleep(pause)
    return result


class _Profile:
    """pyinstrument around one chosen phase (``--profile``); its report goes to a file."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.phase: str | None = args.profile
        self.out = Path(args.profile_out or f"profile-{args.approach}-{args.profile}.txt")
        self.texts: tuple[str, str] | None = None
        self.engine: str = args.profile_engine

    @contextlib.contextmanager
    def _cprofile(self) -> Iterator[None]:
        """Exact call counts and CPU per function (not wall time).

        pyinstrument samples wall time: on a shared machine a descheduled process charges
        its wait to whatever frame was running. The timer is process CPU, not the thread's:
        since Python 3.12 cProfile sees every thread, and per-thread clocks then disagree.
        Its per-call overhead inflates small functions: read its times as shares and
        per-call costs, not as absolute round CPU.
        """
        import cProfile  # noqa: PLC0415
        import io  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        profiler = cProfile.Profile(timer=time.process_time)
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()
            # The raw statistics too, for pstats queries (callers, callees) afterwards.
            profiler.dump_stats(self.out.with_suffix(".pstats"))
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(80)
            stats.sort_stats("tottime").print_stats(40)
            self.texts = (out.getvalue(), "")

    @contextlib.contextmanager
    def around(self, phase: str) -> Iterator[None]:
        if phase != self.phase or self.texts is not None:
            yield
            return
        if self.engine == "cprofile":
            with self._cprofile():
                yield
            return
        from pyinstrument import Profiler  # noqa: PLC0415

        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()
            text = profiler.output_text(unicode=False, color=False, show_all=False)
            self.texts = (text, "")

    def write(self) -> None:
        if self.texts is not None:
            self.out.write_text(self.texts[0])


async def _poll_rounds(
    approach: Approach, farm: FarmControl, lag: LoopLag, args: argparse.Namespace, profile: _Profile
) -> list[RoundResult]:
    """Idle rounds, change rounds, idle again, then the spread round and as long a quiet."""
    providers = len(approach.pages)
    rng = random.Random(args.seed)  # noqa: S311  # a reproducible choice, not security
    rounds: list[RoundResult] = []
    for number in range(args.idle_rounds):
        with profile.around("idle" if number == args.idle_rounds - 1 else ""):
            rounds.append(await _measured(approach, farm, lag, "idle", pause=args.pause))
    change_count = max(1, math.ceil(providers * args.fraction))
    settle = functools.partial(asyncio.sleep, args.settle)
    for number in range(args.change_rounds):
        changed = sorted(rng.sample(range(providers), change_count))
        with profile.around("change" if number == args.change_rounds - 1 else ""):
            rounds.append(
                await _measured(approach, farm, lag, "change", changed=changed, pause=args.pause)
            )
        # Work a change leaves for later (ours: the store's delayed write, 10 s on), measured
        # apart so that it lands in no idle round.
        with profile.around("after_change" if number == args.change_rounds - 1 else ""):
            after = await _measured(approach, farm, lag, "after_change", pause=0, poll=settle)
        after.changed_pages = change_count
        rounds.append(after)
    # Idle again after the changes: the steady state is back to 304s.
    rounds.append(await _measured(approach, farm, lag, "idle", pause=args.pause))
    if args.spread:
        # The steady state after a restart: the same idle round, spread over the jitter.
        spread = functools.partial(approach.spread_round, args.spread, rng)
        with profile.around("spread"):
            rounds.append(
                await _measured(approach, farm, lag, "spread", pause=args.pause, poll=spread)
            )
        # As long with no poll at all: what the process costs doing nothing (background).
        quiet = functools.partial(asyncio.sleep, args.spread)
        rounds.append(await _measured(approach, farm, lag, "quiet", pause=args.pause, poll=quiet))
    return rounds


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure one approach; return the JSON-ready result."""
    raise_fd_limit()
    memory = Memory(tracing=args.tracemalloc)
    profile = _Profile(args)
    lag = LoopLag()
    lag.start()
    async with FarmControl(args.control_port) as farm:
        info = await farm.info()
        pages = info["pages"][: args.pages] if args.pages else info["pages"]
        providers = len(pages)
        approach = approach_class(args)(pages, "")
        lag.phase = "start"
        await approach.start()
        await asyncio.sleep(0.5)
        memory.baseline()
        await farm.reset()
        lag.phase = "setup"
        wall0, cpu0 = time.perf_counter(), time.process_time()
        with profile.around("setup"):
            await approach.setup()
        setup_s, setup_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        lag.phase = "between"
        setup_stats = await farm.reset()
        entry_states = approach.entry_states()
        if approach.failures():
            _LOGGER.warning("not every provider is up after set-up: %s", entry_states)
        memory.mark("after_setup", providers)
        await asyncio.sleep(0.05)  # the ticker sees mark()'s gc.collect() as "between"
        # Let the set-up's delayed work (the stores' first writes) pass before idle rounds.
        lag.phase = "after_setup"
        await asyncio.sleep(args.settle)
        lag.phase = "between"
        rounds = await _poll_rounds(approach, farm, lag, args, profile)
        chooser = random.Random(args.seed + 1)  # noqa: S311  # reproducible, not security
        push_pages = sorted(chooser.sample(range(providers), min(providers, args.push)))
        lag.phase = "push"
        push = summarize(await approach.push(farm, push_pages))
        lag.phase = "between"
        await farm.reset()
        memory.mark("steady", providers)
        memory.top_sites(providers)
        failures = approach.failures()
        resumed = await approach.resume(lag, farm) if args.restart else None
        await lag.stop()
        await approach.stop()
    profile.write()  # after every measurement
    return {
        "approach": args.approach,
        "providers": providers,
        "tracemalloc": args.tracemalloc,
        "setup_s": setup_s,
        "setup_cpu_s": setup_cpu,
        "setup_requests": setup_stats["requests"],
        "setup_status": setup_stats["status"],
        "rounds": [r.as_dict(providers) for r in rounds],
        "memory": memory.points,
        "memory_top": memory.top,
        "lag_ms": lag.ms(),
        "gc_pause_ms": lag.gc_ms(),
        "poll_latency": summarize(approach.latencies),
        "push_latency": push,
        "failures": failures,
        "restart": resumed,
        "entry_states_after_setup": entry_states,
        "entry_states_when_setup_returned": getattr(approach, "states_when_setup_returned", {}),
        "mean_body_bytes": info["mean_body_bytes"],
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line."""
    parser = argparse.ArgumentParser(description="Benchmark one approach against the farm")
    parser.add_argument("--approach", choices=APPROACHES, required=True)
    parser.add_argument("--control-port", type=int, required=True)
    parser.add_argument("--pages", type=int, default=0, help="first N pages (0: all)")
    parser.add_argument("--idle-rounds", type=int, default=3)
    parser.add_argument("--change-rounds", type=int, default=2)
    parser.add_argument("--fraction", type=float, default=0.1, help="pages changed per round")
    parser.add_argument("--push", type=int, default=20, help="pages to measure push on")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pause", type=float, default=PAUSE, help="seconds between rounds")
    parser.add_argument(
        "--spread", type=float, default=29.0, help="seconds an idle round is spread over (0: none)"
    )
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="at the end, set every entry up again from its store and measure (ours)",
    )
    parser.add_argument(
        "--profile",
        choices=("setup", "idle", "change", "after_change", "spread"),
        default=None,
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=12.0,
        help="seconds for delayed work (the store's 10 s delayed write) after set-up and changes",
    )
    parser.add_argument("--profile-out", default=None)
    parser.add_argument(
        "--profile-engine",
        choices=("pyinstrument", "cprofile"),
        default="pyinstrument",
        help="cprofile: call counts and loop-thread CPU per function",
    )
    parser.add_argument(
        "--thelion", type=Path, default=None, help="checkout of TheLion/statuspage-HA (thelion)"
    )
    parser.add_argument("--out", default=None, help="write the JSON here (default: stdout)")
    return parser.parse_args(argv)


def _hass_event_loop() -> asyncio.AbstractEventLoop:
    """Home Assistant's own loop: its executor (64 workers) and loop settings."""
    from homeassistant import runner  # noqa: PLC0415

    create: Callable[[], asyncio.AbstractEventLoop] | None = getattr(
        runner, "create_event_loop", None
    )
    if create is not None:
        return create()
    # Home Assistant before 2025.12 configured its loop through an event loop policy.
    policy: asyncio.AbstractEventLoopPolicy = runner.HassEventLoopPolicy(debug=False)  # type: ignore[attr-defined,unused-ignore]
    return policy.new_event_loop()


def main(argv: list[str] | None = None) -> None:
    """Run one approach and print (or write) its JSON result."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.tracemalloc:
        tracemalloc.start()
    if args.approach in {"floor", "plain"}:
        result = asyncio.run(run(args))
    else:
        loop = _hass_event_loop()
        try:
            result = loop.run_until_complete(run(args))
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
    text = json.dumps(result, indent=1, default=str)
    if args.out:
        Path(args.out).write_text(text)
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
