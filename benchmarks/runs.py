"""Which run (machine, date) each result comes from, so that figures are never mixed silently.

``results.json`` can hold results of several runs (``run --append`` adds sizes or approaches
later, possibly on another machine): a ratio between two approaches only means something
when both were measured in the same run, on the same machine. Every result carries the id
of its run and ``document["runs"]`` maps each id to its machine.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
import os
from pathlib import Path
import platform
import string
from typing import Any

# Results written before runs were recorded: their run is the document's machine.
LEGACY = "earlier"


def machine() -> dict[str, Any]:
    """What the numbers are measured on, and this run's id."""
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    from homeassistant.const import __version__ as ha_version  # noqa: PLC0415

    now = datetime.now(UTC)
    return {
        "run": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "home_assistant": ha_version,
        "date": now.strftime("%Y-%m-%d"),
    }


def _age(run: str) -> str:
    """Sort key: run ids are UTC timestamps; results from before them are the oldest."""
    return "" if run == LEGACY else run


def run_id(result: dict[str, Any]) -> str:
    """The run a result belongs to."""
    return str(result.get("run", LEGACY))


def runs(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every run the results come from -> its machine, oldest first."""
    known: dict[str, dict[str, Any]] = dict(document.get("runs", {}))
    current = document["machine"]
    known.setdefault(str(current.get("run", LEGACY)), current)
    used = {run_id(r) for r in document["results"]}
    return {k: known.get(k, current) for k in sorted(used, key=_age)}


def keys(document: dict[str, Any]) -> dict[str, str]:
    """A short label per run (A, B, ...) for tables."""
    letters = string.ascii_uppercase
    return {run: letters[i % len(letters)] for i, run in enumerate(runs(document))}


def describe(m: dict[str, Any]) -> str:
    """One machine and run, in words."""
    text = (
        f"{m['date']} on {m['nproc']} cores ({m['cpu']}), Python {m['python']}, "
        f"Home Assistant {m['home_assistant']}"
    )
    if "load_at_start" in m and "load_at_end" in m:
        text += f"; 1-min load {m['load_at_start']:.2f} at start, {m['load_at_end']:.2f} at end"
    return text


def headline_run(document: dict[str, Any], n: int) -> str:
    """The run the headline shows: the newest that measured ours at ``n`` (else any at ``n``)."""
    at_n = [r for r in document["results"] if r["providers"] == n]
    with_ours = [r for r in at_n if r["approach"] == "ours"] or at_n
    return max((run_id(r) for r in with_ours), key=_age)


def same_run(document: dict[str, Any], n: int) -> tuple[list[dict[str, Any]], str]:
    """The results of the headline run only, and that run's id."""
    run = headline_run(document, n)
    return [r for r in document["results"] if run_id(r) == run], run


def merged(
    old: dict[str, Any], kept: list[dict[str, Any]], info: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The machines of ``kept`` (results of an earlier document) and of this run (``info``).

    Results written before runs were recorded are stamped with the earlier document's run.
    """
    old_machine = old["machine"]
    legacy = str(old_machine.get("run", LEGACY))
    known = {legacy: old_machine, **old.get("runs", {})}
    for result in kept:
        result.setdefault("run", legacy)
    out = {run_id(r): known.get(run_id(r), old_machine) for r in kept}
    out[info["run"]] = info
    return out
