"""The report's tables other than the goals: the headline, every size, the restart, the machine."""

from __future__ import annotations

import math
from typing import Any

from benchmarks import runs
from benchmarks.figures import (
    LABELS,
    after_change_net,
    background_rate,
    by_approach,
    fmt,
    headline_n,
    median,
    spread_net,
    stall,
    traced,
)


def headline_table(document: dict[str, Any]) -> str:
    """The table for N = 1,000 (or the largest N): absolute figures and ratios to ours.

    Only results of one run (one machine, one sitting) are compared: a ratio across runs
    would measure the machines, not the approaches.
    """
    n = headline_n(document["results"])
    results, run = runs.same_run(document, n)
    by = by_approach(results)
    elsewhere = sorted(
        {
            r["approach"]
            for r in document["results"]
            if r["providers"] == n and runs.run_id(r) != run and (r["approach"], n) not in by
        },
        key=list(LABELS).index,
    )
    note = (
        f" Measured at N = {n:,} in another run only, so left out: {', '.join(elsewhere)}"
        " (see Every size)."
        if elsewhere
        else ""
    )
    ours = by.get(("ours", n))
    ours_idle = median(ours, "idle", "cpu_ms_per_provider") if ours else math.nan
    lines = [
        (
            f"N = {n:,} providers, {document['fraction']:.0%} of pages changing in a change "
            "round, every approach from one run: "
            f"{runs.describe(runs.runs(document)[run])}. CPU is process CPU (all threads) per "
            f"provider per poll round; ratio = approach / ours.{note}"
        ),
        "",
        (
            "| approach | idle round CPU ms/provider | ratio to ours "
            "| change round CPU ms/provider | bytes/provider idle round | RSS KiB/provider "
            "| set-up s | worst loop stall ms |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for approach, label in LABELS.items():
        result = by.get((approach, n))
        if result is None:
            continue
        idle = median(result, "idle", "cpu_ms_per_provider")
        ratio = idle / ours_idle if ours_idle else math.nan
        worst, phase = stall(result)
        lines.append(
            f"| {label} | {fmt(idle, 3)} | {fmt(ratio)}x "
            f"| {fmt(median(result, 'change', 'cpu_ms_per_provider'), 3)} "
            f"| {fmt(median(result, 'idle', 'bytes_per_provider'), 0)} "
            f"| {fmt(result['memory']['steady']['rss_kib_per_provider'], 1)} "
            f"| {fmt(result['setup_s'])} | {fmt(worst, 1)} ({phase}) |"
        )
    return "\n".join(lines)


def growth_table(document: dict[str, Any]) -> str:
    """Every approach at every N."""
    results = sorted(
        document["results"], key=lambda r: (r["providers"], list(LABELS).index(r["approach"]))
    )
    lines = [
        (
            "| N | approach | idle CPU ms/prov | idle loop CPU ms/prov | change CPU ms/prov "
            "| delayed work after a change, ms/changed page | spread round CPU ms/prov "
            "(net of background) | background CPU % "
            "| idle round wall s | bytes/prov idle | bytes/prov change | RSS KiB/prov steady "
            "| peak RSS KiB/prov | tracemalloc KiB/prov (peak) | set-up s "
            "| stall ms rounds / set-up | change->event p50/max ms | push p50/max ms | failed "
            "| load | run |"
        ),
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    run_keys = runs.keys(document)
    for r in results:
        mem = r["memory"]["steady"]
        lat, push = r["poll_latency"], r["push_latency"]
        rounds_stall, _ = stall(r, ("round_idle", "round_change", "round_spread", "push"))
        tm = traced(r, "steady", "traced_kib_per_provider")
        tm_peak = traced(r, "steady", "peak_traced_kib_per_provider")
        lines.append(
            f"| {r['providers']:,} | {r['approach']} "
            f"| {fmt(median(r, 'idle', 'cpu_ms_per_provider'), 3)} "
            f"| {fmt(median(r, 'idle', 'loop_cpu_ms_per_provider'), 3)} "
            f"| {fmt(median(r, 'change', 'cpu_ms_per_provider'), 3)} "
            f"| {fmt(after_change_net(r), 2)} | {fmt(spread_net(r), 3)} "
            f"| {fmt(background_rate(r) * 100, 1)} "
            f"| {fmt(median(r, 'idle', 'wall_s'), 3)} "
            f"| {fmt(median(r, 'idle', 'bytes_per_provider'), 0)} "
            f"| {fmt(median(r, 'change', 'bytes_per_provider'), 0)} "
            f"| {fmt(mem['rss_kib_per_provider'], 1)} "
            f"| {fmt(mem['peak_rss_kib_per_provider'], 1)} "
            f"| {fmt(tm, 1)} ({fmt(tm_peak, 1)}) | {fmt(r['setup_s'])} "
            f"| {fmt(rounds_stall, 1)} / {fmt(r['lag_ms'].get('setup', math.nan), 1)} "
            f"| {fmt(lat.get('p50_ms', math.nan), 0)}/{fmt(lat.get('max_ms', math.nan), 0)} "
            f"| {fmt(push.get('p50_ms', math.nan), 0)}/{fmt(push.get('max_ms', math.nan), 0)} "
            f"| {r['failures']} | {r.get('load_1min', math.nan):.2f} "
            f"| {run_keys[runs.run_id(r)]} |"
        )
    return "\n".join(lines)


def restart_table(document: dict[str, Any]) -> str:
    """Ours set up again from storage at every N: what a Home Assistant restart costs."""
    lines = [
        (
            "| N | set-up s | set-up CPU ms/provider | requests during set-up "
            "| first-poll requests (status) | documents parsed | stall ms set-up / first polls "
            "| failed |"
        ),
        "|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in sorted(document["results"], key=lambda r: r["providers"]):
        restart = r.get("restart")
        if r["approach"] != "ours" or not restart:
            continue
        status = ", ".join(f"{k}: {v:,}" for k, v in sorted(restart["first_poll_status"].items()))
        lines.append(
            f"| {r['providers']:,} | {fmt(restart['setup_s'])} "
            f"| {fmt(restart['setup_cpu_s'] * 1000 / r['providers'], 2)} "
            f"| {restart['requests_at_setup']:,} | {restart['first_poll_requests']:,} ({status}) "
            f"| {restart['parsed']} "
            f"| {fmt(r['lag_ms'].get('restart_setup', math.nan), 1)} / "
            f"{fmt(r['lag_ms'].get('restart_first_polls', math.nan), 1)} "
            f"| {restart['failures']} |"
        )
    return "\n".join(lines)


def machine_line(document: dict[str, Any]) -> str:
    """Where and when: every run whose results are in the document, by its key."""
    every = runs.runs(document)
    if len(every) == 1:
        return f"Measured {runs.describe(next(iter(every.values())))}."
    keys = runs.keys(document)
    return (
        "Measured in several runs (column *run*): "
        + "; ".join(f"**{keys[run]}** {runs.describe(m)}" for run, m in every.items())
        + "."
    )
