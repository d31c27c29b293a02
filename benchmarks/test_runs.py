"""The report compares approaches of one run only, and names every result's machine."""

# ruff: noqa: S101  # pytest asserts, as in tests/ (whose per-file ignores don't reach here)
from __future__ import annotations

from typing import Any

from benchmarks.runs import merged
from benchmarks.tables import growth_table, headline_table, machine_line


def _machine(run: str, cpu: str) -> dict[str, Any]:
    return {
        "run": run, "date": run[:10], "nproc": 2, "cpu": cpu, "python": "3.14.8",
        "home_assistant": "2026.10.4", "load_at_start": 0.1, "load_at_end": 0.2,
    }  # fmt: skip


def _result(approach: str, run: str | None, idle_ms: float) -> dict[str, Any]:
    round_ = {
        "kind": "idle", "cpu_ms_per_provider": idle_ms, "loop_cpu_ms_per_provider": idle_ms,
        "bytes_per_provider": 550.0, "wall_s": 0.1, "cpu_s": idle_ms / 10, "changed_pages": 0,
    }  # fmt: skip
    result: dict[str, Any] = {
        "approach": approach, "providers": 100, "rounds": [round_], "setup_s": 1.0,
        "memory": {"steady": {"rss_kib_per_provider": 50.0, "peak_rss_kib_per_provider": 60.0}},
        "lag_ms": {}, "poll_latency": {}, "push_latency": {}, "failures": 0, "load_1min": 0.5,
    }  # fmt: skip
    if run is not None:
        result["run"] = run
    return result


def test_headline_leaves_out_other_runs() -> None:
    """An approach measured on another machine is named, not put beside ours."""
    old_machine = _machine("2026-11-23T10:00:00Z", "AMD EPYC")
    del old_machine["run"]  # as written before runs were recorded
    old = {"machine": old_machine, "fraction": 0.1}
    # Written before runs were recorded: no run id, the old document's machine.
    kept = [_result("floor", None, 0.3), _result("rest", None, 0.7)]
    new = _machine("2026-12-01T10:00:00Z", "Intel Xeon")
    fresh = [_result("ours", new["run"], 0.6), _result("rest", new["run"], 0.8)]
    document = {
        "machine": new, "runs": merged(old, kept, new), "fraction": 0.1, "results": kept + fresh,
    }  # fmt: skip
    headline = headline_table(document)
    assert "Intel Xeon" in headline
    assert "AMD EPYC" not in headline
    assert "in another run only, so left out: floor" in headline
    assert "| 0.800 |" in headline  # this run's rest, not the other machine's 0.700
    assert "0.700" not in headline
    assert "**A** 2026-11-23 on 2 cores (AMD EPYC)" in machine_line(document)
    rows = [line for line in growth_table(document).splitlines() if "| floor |" in line]
    assert rows[0].endswith("| A |")
