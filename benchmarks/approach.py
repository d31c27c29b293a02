"""What every benchmarked approach offers the measurement loop: set-up, polls, events."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from benchmarks.pages import doc_path

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    import random

    from benchmarks.measure import FarmControl, LoopLag


def fail(what: str) -> RuntimeError:
    """The error a benchmark step raises when it cannot go on."""
    return RuntimeError(what)


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
