"""One approach, N providers, one process: set up, poll rounds, measure, print JSON.

``python -m benchmarks.worker --approach ours --control-port P --out result.json``

Approaches:
  ours        this integration: N config entries in a real Home Assistant
  feedreader  Home Assistant's feedreader on each page's history.atom
  rest        Home Assistant's rest integration on each page's summary.json (YAML resources)
  plain       bare aiohttp: GET summary.json + json.loads each round, no validators
  floor       bare aiohttp: conditional GET of summary.json and incidents.json, no parsing
  thelion     TheLion's StatusPage Monitor, loaded from a checkout (--thelion PATH; thelion.py)

The approaches are in approaches.py (by name), the rounds in rounds.py; this module is the
command line and the order of the phases.

Each approach runs in its own process, so memory and CPU are its own; the farm is another
process. Rounds are triggered explicitly: every provider's poll at once (as Home Assistant's
timers do for entries set up together at one interval), and one idle round spread over 29 s
(as after a restart, when the integration jitters the first polls by 1-30 s). The farm closes
every connection after its response, so each round opens new ones, as with a 60 s interval.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
import json
import logging
from pathlib import Path
import random
import sys
import time
import tracemalloc
from typing import TYPE_CHECKING, Any

from benchmarks.approaches import APPROACHES, approach_class
from benchmarks.farm import raise_fd_limit
from benchmarks.measure import FarmControl, LoopLag, Memory, summarize
from benchmarks.profiling import Profile
from benchmarks.rounds import PAUSE, poll_rounds

if TYPE_CHECKING:
    from collections.abc import Callable

_LOGGER = logging.getLogger("benchmarks")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure one approach; return the JSON-ready result."""
    raise_fd_limit()
    memory = Memory(tracing=args.tracemalloc)
    profile = Profile(args)
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
        rounds = await poll_rounds(approach, farm, lag, args, profile)
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
