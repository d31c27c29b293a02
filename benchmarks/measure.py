"""Measuring tools shared by every approach: loop lag, CPU, memory, the farm's control API."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
import gc
from pathlib import Path
import statistics
import time
import tracemalloc
from typing import TYPE_CHECKING, Any, Self

import aiohttp

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

TICK = 0.005


class LoopLag:
    """A task that sleeps 5 ms at a time and records how late it wakes, per phase.

    Beside it, the longest pause of Python's cyclic garbage collector per phase (a full
    collection of a large heap is itself a stall, whoever allocated the heap).
    """

    def __init__(self) -> None:
        """Start in the "start" phase."""
        self.phase = "start"
        self.worst: dict[str, float] = {}
        self.gc_worst: dict[str, float] = {}
        self._gc_started = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin ticking on the running loop, and timing collections."""
        self._task = asyncio.get_running_loop().create_task(self._tick())
        gc.callbacks.append(self._on_gc)

    async def stop(self) -> None:
        """Stop ticking."""
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _on_gc(self, stage: str, _info: dict[str, int]) -> None:
        now = time.perf_counter()
        if stage == "start":
            self._gc_started = now
            return
        pause = now - self._gc_started
        if pause > self.gc_worst.get(self.phase, 0.0):
            self.gc_worst[self.phase] = pause

    def gc_ms(self) -> dict[str, float]:
        """The longest garbage collection per phase, in milliseconds."""
        return {phase: round(pause * 1000, 2) for phase, pause in self.gc_worst.items()}

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(TICK)
            late = loop.time() - before - TICK
            if late > self.worst.get(self.phase, 0.0):
                self.worst[self.phase] = late

    def ms(self) -> dict[str, float]:
        """The worst lateness per phase, in milliseconds."""
        return {phase: round(late * 1000, 2) for phase, late in self.worst.items()}


def proc_status_kib(field_name: str) -> int:
    """A ``/proc/self/status`` figure in KiB (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs); False if not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Memory:
    """RSS (and, when tracing, tracemalloc) at the baseline and after."""

    tracing: bool = False
    base_rss: int = 0
    base_traced: int = 0
    hwm_reset: bool = False
    points: dict[str, dict[str, float]] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)
    _snapshot: tracemalloc.Snapshot | None = None

    def baseline(self) -> None:
        """Everything but the providers is loaded: measure from here."""
        gc.collect()
        self.base_rss = proc_status_kib("VmRSS")
        self.hwm_reset = reset_peak_rss()
        if self.tracing:
            tracemalloc.reset_peak()
            self.base_traced = tracemalloc.get_traced_memory()[0]
            self._snapshot = tracemalloc.take_snapshot()

    def mark(self, name: str, providers: int) -> None:
        """Memory per provider (KiB) now, above the baseline."""
        gc.collect()
        rss = proc_status_kib("VmRSS")
        point = {
            "rss_kib_per_provider": (rss - self.base_rss) / providers,
            "peak_rss_kib_per_provider": (proc_status_kib("VmHWM") - self.base_rss) / providers
            if self.hwm_reset
            else float("nan"),
            "rss_mib": rss / 1024,
        }
        if self.tracing:
            current, peak = tracemalloc.get_traced_memory()
            point["traced_kib_per_provider"] = (current - self.base_traced) / 1024 / providers
            point["peak_traced_kib_per_provider"] = (peak - self.base_traced) / 1024 / providers
        self.points[name] = point

    def top_sites(self, providers: int, limit: int = 25) -> None:
        """Where the memory above the baseline was allocated (KiB per provider, by line)."""
        if self._snapshot is None:
            return
        root = str(Path(__file__).resolve().parent.parent) + "/"
        diff = tracemalloc.take_snapshot().compare_to(self._snapshot, "lineno")
        self.top = [
            f"{stat.size_diff / 1024 / providers:8.1f} KiB/provider "
            f"{stat.count_diff / providers:7.1f} blocks/provider  "
            f"{str(stat.traceback[0]).replace(root, '').split('site-packages/')[-1]}"
            for stat in diff[:limit]
        ]


class FarmControl:
    """Client of the farm's control port (its traffic is not counted)."""

    def __init__(self, port: int) -> None:
        """Talk to the farm on ``port``."""
        self.base = f"http://127.0.0.1:{port}"
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Self:
        """Open the session."""
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Close the session."""
        if self._session is not None:
            await self._session.close()

    async def _call(self, method: str, path: str, payload: Any = None) -> Any:
        if self._session is None:
            msg = "use FarmControl as an async context manager"
            raise RuntimeError(msg)
        async with self._session.request(method, self.base + path, json=payload) as response:
            response.raise_for_status()
            return await response.json()

    async def info(self) -> dict[str, Any]:
        """Pages (n, id, port) and mean body sizes."""
        result: dict[str, Any] = await self._call("GET", "/info")
        return result

    async def reset(self) -> dict[str, Any]:
        """The counters so far, then zero them."""
        result: dict[str, Any] = await self._call("POST", "/reset")
        return result

    async def advance(self, pages: list[int]) -> None:
        """One new incident update on each of ``pages``."""
        await self._call("POST", "/advance", {"pages": pages})


@dataclass
class RoundResult:
    """One poll round of every provider."""

    kind: str
    wall_s: float
    cpu_s: float
    loop_cpu_s: float
    requests: int
    bytes_in: int
    bytes_out: int
    connections: int
    status: dict[str, int]
    changed_pages: int = 0
    events: int = 0
    parsed: int | None = None

    def as_dict(self, providers: int) -> dict[str, Any]:
        """JSON-ready, with per-provider figures."""
        return {
            "kind": self.kind,
            "wall_s": self.wall_s,
            "cpu_s": self.cpu_s,
            "loop_cpu_s": self.loop_cpu_s,
            "cpu_ms_per_provider": self.cpu_s * 1000 / providers,
            "loop_cpu_ms_per_provider": self.loop_cpu_s * 1000 / providers,
            "bytes_per_provider": (self.bytes_in + self.bytes_out) / providers,
            "bytes_down_per_provider": self.bytes_out / providers,
            "requests": self.requests,
            "connections": self.connections,
            "status": self.status,
            "changed_pages": self.changed_pages,
            "events": self.events,
            "parsed": self.parsed,
        }


async def timed_round(
    kind: str,
    farm: FarmControl,
    lag: LoopLag,
    poll: Callable[[], Awaitable[None]],
    change: Callable[[], Awaitable[None]] | None = None,
) -> RoundResult:
    """Run ``change`` (on the farm, unmeasured), then ``poll`` (every provider once), measured."""
    await farm.reset()
    await settle_gc()
    if change is not None:
        await change()
    lag.phase = f"round_{kind}"
    cpu0, loop0, wall0 = time.process_time(), time.thread_time(), time.perf_counter()
    await poll()
    wall = time.perf_counter() - wall0
    cpu, loop_cpu = time.process_time() - cpu0, time.thread_time() - loop0
    lag.phase = "between"
    stats = await farm.reset()
    return RoundResult(
        kind=kind,
        wall_s=wall,
        cpu_s=cpu,
        loop_cpu_s=loop_cpu,
        requests=stats["requests"],
        bytes_in=stats["bytes_in"],
        bytes_out=stats["bytes_out"],
        connections=stats["connections"],
        status=stats["status"],
    )


async def settle_gc() -> None:
    """Collect garbage now, and let the loop-lag ticker see that stall before the next phase."""
    gc.collect()
    await asyncio.sleep(3 * TICK)


def summarize(values: list[float]) -> dict[str, float]:
    """p50 / max / count of ``values`` (seconds in, milliseconds out)."""
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }
