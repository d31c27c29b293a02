"""CI smoke run of the benchmark: N=5, a few seconds per approach, so the harness cannot rot.

It checks that the harness produced numbers, not how good they are (CI machines vary); the
real measurement is ``python -m benchmarks.run`` (see benchmarks/README.md).
"""

# ruff: noqa: S101  # pytest asserts, as in tests/ (whose per-file ignores don't reach here)
from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = 5
# Those that need nothing beyond the test requirements (feedreader and rest need setup.sh).
APPROACHES = ("ours", "floor", "plain")


def test_smoke_run(tmp_path: Path) -> None:
    """Run the harness at N=5 and check it measured every approach."""
    command = [
        sys.executable, "-m", "benchmarks.run", "--sizes", str(PROVIDERS), "--quick",
        "--approaches", ",".join(APPROACHES), "--tracemalloc", "none",
        "--out", str(tmp_path), "--no-readme",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)  # noqa: S603
    document = json.loads((tmp_path / "results.json").read_text())
    results = {r["approach"]: r for r in document["results"]}
    assert set(results) == set(APPROACHES)
    for approach, result in results.items():
        assert result["providers"] == PROVIDERS
        assert result["failures"] == 0, approach
        idle = [r for r in result["rounds"] if r["kind"] == "idle"]
        change = [r for r in result["rounds"] if r["kind"] == "change"]
        assert idle, approach
        assert change, approach
        for round_ in idle + change:
            assert round_["cpu_s"] > 0
            assert round_["wall_s"] > 0
            assert round_["bytes_per_provider"] > 0
        assert result["memory"]["steady"]["rss_mib"] > 0
        assert result["lag_ms"]
    ours = results["ours"]
    # 304 rounds parse nothing: every idle request was answered 304 and no document was parsed.
    for round_ in (r for r in ours["rounds"] if r["kind"] == "idle"):
        assert round_["parsed"] == 0
        # summary.json alone once a page has settled, both documents before (all 304).
        assert set(round_["status"]) == {"304"}
        assert PROVIDERS <= round_["status"]["304"] <= 2 * PROVIDERS
    changed = [r for r in ours["rounds"] if r["kind"] == "change"]
    assert all(r["parsed"] > 0 and r["events"] == r["changed_pages"] for r in changed)
    assert ours["push_latency"]["count"] > 0
    assert ours["poll_latency"]["count"] > 0
    assert "## Goals" in (tmp_path / "results.md").read_text()
