"""The measured poll rounds of a worker run: idle, change, after-change, spread and quiet."""

from __future__ import annotations

import asyncio
import functools
import math
import random
import time
from typing import TYPE_CHECKING

from benchmarks.measure import timed_round

if TYPE_CHECKING:
    import argparse
    from collections.abc import Awaitable, Callable

    from benchmarks.approach import Approach
    from benchmarks.measure import FarmControl, LoopLag, RoundResult
    from benchmarks.profiling import Profile

# Between rounds: let closed connections and delayed work settle.
PAUSE = 0.5


async def measured(  # noqa: PLR0913  # keyword-only options
    approach: Approach,
    farm: FarmControl,
    lag: LoopLag,
    kind: str,
    *,
    changed: list[int] | None = None,
    pause: float = PAUSE,
    poll: Callable[[], Awaitable[None]] | None = None,
) -> RoundResult:
    """One timed round (``poll``, or a poll of every provider), after ``changed`` pages moved."""
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


async def poll_rounds(
    approach: Approach, farm: FarmControl, lag: LoopLag, args: argparse.Namespace, profile: Profile
) -> list[RoundResult]:
    """Idle rounds, change rounds, idle again, then the spread round and as long a quiet."""
    providers = len(approach.pages)
    rng = random.Random(args.seed)  # noqa: S311  # a reproducible choice, not security
    rounds: list[RoundResult] = []
    for number in range(args.idle_rounds):
        with profile.around("idle" if number == args.idle_rounds - 1 else ""):
            rounds.append(await measured(approach, farm, lag, "idle", pause=args.pause))
    change_count = max(1, math.ceil(providers * args.fraction))
    settle = functools.partial(asyncio.sleep, args.settle)
    for number in range(args.change_rounds):
        changed = sorted(rng.sample(range(providers), change_count))
        with profile.around("change" if number == args.change_rounds - 1 else ""):
            rounds.append(
                await measured(approach, farm, lag, "change", changed=changed, pause=args.pause)
            )
        # Work a change leaves for later (ours: the store's delayed write, 10 s on), measured
        # apart so that it lands in no idle round.
        with profile.around("after_change" if number == args.change_rounds - 1 else ""):
            after = await measured(approach, farm, lag, "after_change", pause=0, poll=settle)
        after.changed_pages = change_count
        rounds.append(after)
    # Idle again after the changes: the steady state is back to 304s.
    rounds.append(await measured(approach, farm, lag, "idle", pause=args.pause))
    if args.spread:
        # The steady state after a restart: the same idle round, spread over the jitter.
        spread = functools.partial(approach.spread_round, args.spread, rng)
        with profile.around("spread"):
            rounds.append(
                await measured(approach, farm, lag, "spread", pause=args.pause, poll=spread)
            )
        # As long with no poll at all: what the process costs doing nothing (background).
        quiet = functools.partial(asyncio.sleep, args.spread)
        rounds.append(await measured(approach, farm, lag, "quiet", pause=args.pause, poll=quiet))
    return rounds
