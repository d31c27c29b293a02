"""Turn results.json into results.md, results.png and the README's headline table."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import statistics
from typing import TYPE_CHECKING, Any

from benchmarks import runs

if TYPE_CHECKING:
    from pathlib import Path

LABELS = {
    "ours": "Status Page Tracker (ours)",
    "floor": "floor: bare aiohttp conditional GETs",
    "plain": "plain GET + json.loads (rest-like)",
    "rest": "HA `rest` integration",
    "feedreader": "HA `feedreader` (Atom)",
    "thelion": "TheLion's StatusPage Monitor (HACS)",
}
HEADLINE_N = 1000
START, END = "<!-- headline:start -->", "<!-- headline:end -->"
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
STALL_PHASES = (
    "setup",
    "round_idle",
    "round_change",
    "round_after_change",
    "round_spread",
    "push",
    "restart_setup",
    "restart_first_polls",
)
RESTART_PHASES = ("restart_setup", "restart_first_polls")


def rounds(result: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The rounds of one kind."""
    return [r for r in result["rounds"] if r["kind"] == kind]


def median(result: dict[str, Any], kind: str, key: str) -> float:
    """Median of ``key`` over the rounds of ``kind`` (nan if none)."""
    values = [float(r[key]) for r in rounds(result, kind)]
    return float(statistics.median(values)) if values else math.nan


def background_rate(result: dict[str, Any]) -> float:
    """CPU seconds per second of the quiet round (no polling), or 0 if not measured."""
    quiet = rounds(result, "quiet")
    return float(quiet[0]["cpu_s"]) / float(quiet[0]["wall_s"]) if quiet else 0.0


def after_change_net(result: dict[str, Any]) -> float:
    """CPU ms per changed page of the work left after a change round (ours: store writes)."""
    after = rounds(result, "after_change")
    if not after:
        return math.nan
    rate = background_rate(result)
    return float(
        statistics.median(
            (float(r["cpu_s"]) - rate * float(r["wall_s"])) * 1000 / max(1, r["changed_pages"])
            for r in after
        )
    )


def spread_net(result: dict[str, Any]) -> float:
    """CPU ms per provider of the spread round, less the background CPU of as long a quiet."""
    spread, quiet = rounds(result, "spread"), rounds(result, "quiet")
    if not spread or not quiet:
        return math.nan
    rate = float(quiet[0]["cpu_s"]) / float(quiet[0]["wall_s"])
    net = float(spread[0]["cpu_s"]) - rate * float(spread[0]["wall_s"])
    return net * 1000 / int(result["providers"])


def stall(result: dict[str, Any], phases: tuple[str, ...] = STALL_PHASES) -> tuple[float, str]:
    """The worst loop lag (ms) over ``phases``, and its phase."""
    lag = result["lag_ms"]
    worst = max(phases, key=lambda p: lag.get(p, 0.0))
    return lag.get(worst, 0.0), worst


def _fmt(value: float, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:  # noqa: PLR2004
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _by(results: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(r["approach"], r["providers"]): r for r in results}


def headline_n(results: list[dict[str, Any]]) -> int:
    """N=1000 if measured, else the largest N."""
    sizes = {r["providers"] for r in results}
    return HEADLINE_N if HEADLINE_N in sizes else max(sizes)


def traced(result: dict[str, Any], point: str, key: str) -> float:
    """A tracemalloc figure per provider, if that approach was traced."""
    memory = result.get("tracemalloc_memory") or {}
    return float(memory.get(point, {}).get(key, math.nan))


def headline_table(document: dict[str, Any]) -> str:
    """The table for N = 1,000 (or the largest N): absolute figures and ratios to ours.

    Only results of one run (one machine, one sitting) are compared: a ratio across runs
    would measure the machines, not the approaches.
    """
    n = headline_n(document["results"])
    results, run = runs.same_run(document, n)
    by = _by(results)
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
            f"| {label} | {_fmt(idle, 3)} | {_fmt(ratio)}x "
            f"| {_fmt(median(result, 'change', 'cpu_ms_per_provider'), 3)} "
            f"| {_fmt(median(result, 'idle', 'bytes_per_provider'), 0)} "
            f"| {_fmt(result['memory']['steady']['rss_kib_per_provider'], 1)} "
            f"| {_fmt(result['setup_s'])} | {_fmt(worst, 1)} ({phase}) |"
        )
    return "\n".join(lines)


def goals(document: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """Each goal of issue #5: (goal, passed, evidence); passed is None when not measured."""
    results = document["results"]
    n = headline_n(results)
    # Ratios between approaches: from the headline's run only (same machine, same sitting).
    by = _by(runs.same_run(document, n)[0])
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
        out.append((name, passed, f"{ratio:.2f}x ({_fmt(idle, 3)} vs {_fmt(theirs, 3)} ms)"))

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
        "; ".join(f"N={n}: {_fmt(s, 1)} ms" for s, n in spread),
    ))  # fmt: skip
    restarts = [r for r in ours_all if r.get("restart")]
    if restarts:
        out.append((
            f"... at a restart (set-up from storage, then the first polls), {MAX_STALL_MS:g} ms",
            all(stall(r, RESTART_PHASES)[0] <= MAX_STALL_MS for r in restarts),
            "; ".join(
                f"N={r['providers']}: set-up {_fmt(r['lag_ms'].get('restart_setup', math.nan), 1)}"
                f", first polls {_fmt(r['lag_ms'].get('restart_first_polls', math.nan), 1)} ms"
                for r in restarts
            ),
        ))  # fmt: skip
    rss = ours["memory"]["steady"]["rss_kib_per_provider"]
    tm = traced(ours, "steady", "traced_kib_per_provider")
    mem_ok = rss < MAX_KIB_PER_PROVIDER and (math.isnan(tm) or tm < MAX_KIB_PER_PROVIDER)
    out.append((
        f"memory under {MAX_KIB_PER_PROVIDER:g} KiB per provider",
        mem_ok,
        f"RSS {rss:.1f} KiB, tracemalloc {_fmt(tm, 1)} KiB per provider (N={n})",
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
            f"| {_fmt(median(r, 'idle', 'cpu_ms_per_provider'), 3)} "
            f"| {_fmt(median(r, 'idle', 'loop_cpu_ms_per_provider'), 3)} "
            f"| {_fmt(median(r, 'change', 'cpu_ms_per_provider'), 3)} "
            f"| {_fmt(after_change_net(r), 2)} | {_fmt(spread_net(r), 3)} "
            f"| {_fmt(background_rate(r) * 100, 1)} "
            f"| {_fmt(median(r, 'idle', 'wall_s'), 3)} "
            f"| {_fmt(median(r, 'idle', 'bytes_per_provider'), 0)} "
            f"| {_fmt(median(r, 'change', 'bytes_per_provider'), 0)} "
            f"| {_fmt(mem['rss_kib_per_provider'], 1)} "
            f"| {_fmt(mem['peak_rss_kib_per_provider'], 1)} "
            f"| {_fmt(tm, 1)} ({_fmt(tm_peak, 1)}) | {_fmt(r['setup_s'])} "
            f"| {_fmt(rounds_stall, 1)} / {_fmt(r['lag_ms'].get('setup', math.nan), 1)} "
            f"| {_fmt(lat.get('p50_ms', math.nan), 0)}/{_fmt(lat.get('max_ms', math.nan), 0)} "
            f"| {_fmt(push.get('p50_ms', math.nan), 0)}/{_fmt(push.get('max_ms', math.nan), 0)} "
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
            f"| {r['providers']:,} | {_fmt(restart['setup_s'])} "
            f"| {_fmt(restart['setup_cpu_s'] * 1000 / r['providers'], 2)} "
            f"| {restart['requests_at_setup']:,} | {restart['first_poll_requests']:,} ({status}) "
            f"| {restart['parsed']} "
            f"| {_fmt(r['lag_ms'].get('restart_setup', math.nan), 1)} / "
            f"{_fmt(r['lag_ms'].get('restart_first_polls', math.nan), 1)} "
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


def plot(document: dict[str, Any], path: Path) -> None:
    """Four panels against N: idle CPU, change CPU, memory, bytes (log-log)."""
    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    panels = [
        ("idle (all-304) round: CPU ms per provider", "idle", "cpu_ms_per_provider"),
        ("change round: CPU ms per provider", "change", "cpu_ms_per_provider"),
        ("steady RSS KiB per provider", None, "rss_kib_per_provider"),
        ("bytes on the wire per provider, idle round", "idle", "bytes_per_provider"),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    for ax, (title, kind, key) in zip(axes.flat, panels, strict=True):
        for approach, label in LABELS.items():
            points = sorted(
                (r["providers"], r) for r in document["results"] if r["approach"] == approach
            )
            if not points:
                continue
            xs = [n for n, _ in points]
            if kind is None:
                ys = [max(r["memory"]["steady"][key], 0.1) for _, r in points]
            else:
                ys = [median(r, kind, key) for _, r in points]
            ax.plot(xs, ys, marker="o", label=label, linewidth=2.5 if approach == "ours" else 1.2)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("providers (N)")
        ax.set_title(title, fontsize=10)
        ax.grid(visible=True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(f"Status Page Tracker vs alternatives — {machine_line(document)}", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def markdown(document: dict[str, Any]) -> str:
    """The whole results page."""
    return "\n".join([
        "# Benchmark results",
        "",
        machine_line(document),
        "",
        "## Headline",
        "",
        headline_table(document),
        "",
        "## Goals (issue #5)",
        "",
        goals_table(document),
        "",
        "## Every size",
        "",
        growth_table(document),
        "",
        (
            "Medians over the rounds of each kind. *stall* = worst lateness of a 5 ms ticker "
            "task. *change->event* = a page changes on the server, the next poll round starts "
            "at once, time until `status_incident` (or `feedreader`) is on the bus; with a 60 s "
            "interval add the wait for the next poll (30 s on average, up to 60 s). *push* = "
            "change on the server, then the Statuspage webhook POSTed to Home Assistant's http "
            "server, until the event."
        ),
        "",
        "## Restart",
        "",
        (
            "Ours after the rounds: every entry unloaded (pending store writes flushed, as at "
            "a stop) and set up again at once, resuming from its store, then "
            "`START_JITTER` + 2 s (32 s) for the first polls. The code path of a Home "
            "Assistant restart, minus the core's own start."
        ),
        "",
        restart_table(document),
        "",
        "![results](results.png)",
        "",
    ])  # fmt: skip


def write_report(document: dict[str, Any], out: Path, readme: Path | None) -> None:
    """results.md, results.png, and (if given) the README's headline section."""
    (out / "results.md").write_text(markdown(document))
    if importlib.util.find_spec("matplotlib") is not None:
        plot(document, out / "results.png")
    else:
        print("no plot: matplotlib is missing (run benchmarks/setup.sh)")
    if readme is None or not readme.exists():
        return
    text = readme.read_text()
    block = "\n".join([
        START, "", machine_line(document), "", headline_table(document), "",
        goals_table(document), "", END,
    ])  # fmt: skip
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if pattern.search(text):
        readme.write_text(pattern.sub(lambda _m: block, text))


def main() -> None:
    """Rewrite the report from a results.json: ``python -m benchmarks.report [DIR] [--readme]``."""
    from pathlib import Path  # noqa: PLC0415
    import sys  # noqa: PLC0415

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).parent / "results"
    document = json.loads((out / "results.json").read_text())
    readme = Path(__file__).parent / "README.md" if "--readme" in sys.argv else None
    write_report(document, out, readme)


if __name__ == "__main__":
    main()
