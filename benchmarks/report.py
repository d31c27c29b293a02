"""Turn results.json into results.md, results.png and the README's headline table."""

from __future__ import annotations

import importlib.util
import json
import re
from typing import TYPE_CHECKING, Any

from benchmarks.figures import LABELS, median
from benchmarks.goals import goals_table
from benchmarks.tables import growth_table, headline_table, machine_line, restart_table

if TYPE_CHECKING:
    from pathlib import Path

START, END = "<!-- headline:start -->", "<!-- headline:end -->"


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
