"""The goals of issue #5, each checked against a results document: pass, fail or not measured."""

from __future__ import annotations

import math
from typing import Any

from benchmarks import runs
from benchmarks.figures import (
    HEADLINE_N,
    RESTART_PHASES,
    STALL_PHASES,
    by_approach,
    fmt,
    headline_n,
    median,
    rounds,
    stall,
    traced,
)

# Goals of issue #5.
MAX_FLOOR_RATIO = 1.5
# Issue 14: a round where 10 % of pages changed costs at most twice the floor's.
MAX_CHANGE_RATIO = 2.0
MIN_FEEDREADER_RATIO = 5.0
MIN_PLAIN_RATIO = 10.0
MAX_STALL_MS = 50.0
MAX_KIB_PER_PROVIDER = 100.0
MAX_SETUP_S = 60.0
MAX_PUSH_MS = 1000.0


def goals(document: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """Each goal of issue #5: (goal, passed, evidence); passed is None when not measured."""
    results = document["results"]
    n = headline_n(results)
    # Ratios between approaches: from the headline's run only (same machine, same sitting).
    by = by_approach(runs.same_run(document, n)[0])
    out: list[tuple[str, bool | None, str]] = []
    ours = by.get(("ours", n))
    if ours is None:
        return [("ours measured", False, "no result for ours")]

    def ratio_goal(  # one goal per call, each part named
        name: str, other: str, limit: float, *, at_most: bool, phase: str = "idle"
    ) -> None:
        result = by.get((other, n))
        if result is None:
            out.append((name, None, f"{other} not measured at N={n}"))
            return
        idle = median(ours, phase, "cpu_ms_per_provider")
        theirs = median(result, phase, "cpu_ms_per_provider")
        ratio = idle / theirs if at_most else theirs / idle
        passed = ratio <= limit if at_most else ratio >= limit
        out.append((name, passed, f"{ratio:.2f}x ({fmt(idle, 3)} vs {fmt(theirs, 3)} ms)"))

    ratio_goal(f"idle round <= {MAX_FLOOR_RATIO}x the floor", "floor", MAX_FLOOR_RATIO,
               at_most=True)  # fmt: skip
    ratio_goal(f"change round <= {MAX_CHANGE_RATIO:g}x the floor", "floor", MAX_CHANGE_RATIO,
               at_most=True, phase="change")  # fmt: skip
    ratio_goal(f">= {MIN_FEEDREADER_RATIO:g}x less CPU than feedreader", "feedreader",
               MIN_FEEDREADER_RATIO, at_most=False)  # fmt: skip
    ratio_goal(f">= {MIN_PLAIN_RATIO:g}x less CPU than plain GET", "plain", MIN_PLAIN_RATIO,
               at_most=False)  # fmt: skip
    ours_all = [r for r in results if r["approach"] == "ours"]
    parsed = [r["parsed"] for res in ours_all for r in rounds(res, "idle")]
    out.append((
        "304 rounds parse nothing",
        all(p == 0 for p in parsed),
        f"documents parsed in {len(parsed)} idle rounds: {sum(p or 0 for p in parsed)}",
    ))  # fmt: skip
    stalls = [(stall(r), r["providers"]) for r in ours_all]
    (worst, phase), at = max(stalls)
    spread = [(r["lag_ms"].get("round_spread", math.nan), r["providers"]) for r in ours_all]
    by_phase = ", ".join(
        f"{p.removeprefix('round_')} {max(r['lag_ms'].get(p, 0.0) for r in ours_all):.0f}"
        for p in STALL_PHASES
    )
    out.append((
        f"no loop stall over {MAX_STALL_MS:g} ms at any N",
        worst <= MAX_STALL_MS,
        f"worst {worst:.1f} ms ({phase}, N={at}); worst per phase over all N, ms: {by_phase}",
    ))  # fmt: skip
    out.append((
        f"... in the spread (post-restart) idle round only, {MAX_STALL_MS:g} ms",
        all(s <= MAX_STALL_MS for s, _ in spread),
        "; ".join(f"N={n}: {fmt(s, 1)} ms" for s, n in spread),
    ))  # fmt: skip
    restarts = [r for r in ours_all if r.get("restart")]
    if restarts:
        out.append((
            f"... at a restart (set-up from storage, then the first polls), {MAX_STALL_MS:g} ms",
            all(stall(r, RESTART_PHASES)[0] <= MAX_STALL_MS for r in restarts),
            "; ".join(
                f"N={r['providers']}: set-up {fmt(r['lag_ms'].get('restart_setup', math.nan), 1)}"
                f", first polls {fmt(r['lag_ms'].get('restart_first_polls', math.nan), 1)} ms"
                for r in restarts
            ),
        ))  # fmt: skip
    rss = ours["memory"]["steady"]["rss_kib_per_provider"]
    tm = traced(ours, "steady", "traced_kib_per_provider")
    mem_ok = rss < MAX_KIB_PER_PROVIDER and (math.isnan(tm) or tm < MAX_KIB_PER_PROVIDER)
    out.append((
        f"memory under {MAX_KIB_PER_PROVIDER:g} KiB per provider",
        mem_ok,
        f"RSS {rss:.1f} KiB, tracemalloc {fmt(tm, 1)} KiB per provider (N={n})",
    ))  # fmt: skip
    setup = ours["setup_s"]
    out.append((
        f"set-up of {n:,} entries under {MAX_SETUP_S:g} s",
        setup < MAX_SETUP_S if n >= HEADLINE_N else None,
        f"{setup:.1f} s",
    ))  # fmt: skip
    pushes = [r["push_latency"].get("max_ms", math.nan) for r in ours_all]
    worst_push = max(pushes)
    out.append((
        f"push latency under {MAX_PUSH_MS:g} ms",
        worst_push < MAX_PUSH_MS,
        f"max {worst_push:.0f} ms over all N",
    ))  # fmt: skip
    return out


def goals_table(document: dict[str, Any]) -> str:
    """Goals as a markdown table."""
    lines = ["| goal | result | evidence |", "|---|---|---|"]
    for name, passed, evidence in goals(document):
        verdict = "not measured" if passed is None else ("PASS" if passed else "FAIL")
        lines.append(f"| {name} | {verdict} | {evidence} |")
    return "\n".join(lines)
