"""Run the whole benchmark: for each N, one farm, then each approach in its own process.

    .venv/bin/python -m benchmarks.run --sizes 10,100,1000

Writes ``results.json``, ``results.md`` and ``results.png`` to ``--out`` (default
``benchmarks/results``) and, unless ``--no-readme``, the headline table into
``benchmarks/README.md``. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
import subprocess
import sys
import time
from typing import IO, Any

from benchmarks import thelion
from benchmarks.approaches import APPROACHES
from benchmarks.report import write_report
from benchmarks.runs import machine, merged

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# Modules only the benchmark needs (benchmarks/setup.sh installs them), by approach.
NEEDS = {"feedreader": ("feedparser",), "rest": ("xmltodict", "jsonpath")}


def load_1min() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_for_quiet(threshold: float, max_wait: float) -> float:
    """Wait (polling every minute) until the 1-min load is below ``threshold``."""
    deadline = time.monotonic() + max_wait
    load = load_1min()
    while load >= threshold and time.monotonic() < deadline:
        print(f"load {load:.2f} >= {threshold}: waiting a minute", flush=True)
        time.sleep(60)
        load = load_1min()
    return load


class FarmProcess:
    """``python -m benchmarks.farm`` in a child process."""

    def __init__(self, pages: int) -> None:
        """Start the farm and read its control port."""
        self.proc = subprocess.Popen(  # noqa: S603  # our own module, fixed arguments
            [sys.executable, "-m", "benchmarks.farm", "--pages", str(pages)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        stdout: IO[str] | None = self.proc.stdout
        line = stdout.readline() if stdout is not None else ""
        if not line:
            msg = "the farm did not start"
            raise RuntimeError(msg)
        self.control_port = int(json.loads(line)["control"])

    def stop(self) -> None:
        """Terminate it (and only it)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def worker_options(args: argparse.Namespace, approaches: list[str]) -> dict[str, list[str]]:
    """Worker options of single approaches; drops thelion (said aloud) without a checkout.

    Exits when an approach's modules are missing.
    """
    missing = [
        f"{module} (for {approach})"
        for approach in approaches
        for module in NEEDS.get(approach, ())
        if importlib.util.find_spec(module) is None
    ]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: run benchmarks/setup.sh first")
    if "thelion" not in approaches:
        return {}
    if args.thelion is None:
        # Its code is not ours to ship: without the user's checkout it is left out.
        print(f"thelion (StatusPage Monitor) skipped: no {thelion.USAGE}", flush=True)
        approaches.remove("thelion")
        return {}
    try:
        missing = thelion.missing_requirements(args.thelion)
    except ValueError as err:
        sys.exit(f"thelion: {err}; expected {thelion.USAGE}")
    if missing:
        sys.exit(f"thelion: missing {', '.join(missing)}: add them to benchmarks/setup.sh")
    return {"thelion": ["--thelion", str(args.thelion.resolve())]}


def run_worker(
    approach: str, farm: FarmProcess, out: Path, extra: list[str], timeout: float
) -> dict[str, Any]:
    """One approach in its own process; its JSON result."""
    command = [
        sys.executable, "-m", "benchmarks.worker", "--approach", approach,
        "--control-port", str(farm.control_port), "--out", str(out), *extra,
    ]  # fmt: skip
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True, timeout=timeout)  # noqa: S603
    result: dict[str, Any] = json.loads(out.read_text())
    result["process_s"] = time.monotonic() - started
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated N")
    parser.add_argument("--approaches", default=",".join(APPROACHES))
    parser.add_argument("--fraction", type=float, default=0.1, help="pages changed per round")
    parser.add_argument("--idle-rounds", type=int, default=3)
    parser.add_argument("--change-rounds", type=int, default=2)
    parser.add_argument("--push", type=int, default=20, help="pages to measure push on")
    parser.add_argument(
        "--tracemalloc",
        default="ours",
        help="approaches to run a second time under tracemalloc ('all', 'none', or a list)",
    )
    parser.add_argument("--quick", action="store_true", help="CI smoke: fewer rounds, no pauses")
    parser.add_argument("--wait-load", type=float, default=0.0, help="wait for 1-min load < this")
    parser.add_argument("--wait-max", type=float, default=900.0, help="longest wait, seconds")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-readme", action="store_true", help="leave benchmarks/README.md")
    parser.add_argument(
        "--append",
        action="store_true",
        help="keep the results already in --out/results.json, replacing these sizes x approaches",
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="per approach, seconds")
    parser.add_argument(
        "--thelion",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"checkout of {thelion.REPOSITORY}: measure its StatusPage Monitor (thelion)",
    )
    return parser.parse_args(argv)


def worker_extra(args: argparse.Namespace) -> list[str]:
    """Worker options every approach gets."""
    extra = [
        "--fraction", str(args.fraction),
        "--idle-rounds", str(1 if args.quick else args.idle_rounds),
        "--change-rounds", str(1 if args.quick else args.change_rounds),
        "--push", str(2 if args.quick else args.push),
    ]  # fmt: skip
    if args.quick:
        extra += ["--pause", "0.05", "--spread", "0.5", "--settle", "0.5"]
    return extra


def main(argv: list[str] | None = None) -> None:
    """Run every size and approach, then write the report."""
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    approaches = [a for a in args.approaches.split(",") if a]
    extra_for = worker_options(args, approaches)
    traced = set(approaches if args.tracemalloc == "all" else args.tracemalloc.split(","))
    extra = worker_extra(args)
    args.out.mkdir(parents=True, exist_ok=True)
    raw = args.out / "raw"
    raw.mkdir(exist_ok=True)
    info = machine()
    if args.wait_load:
        info["waited_for_load_below"] = args.wait_load
        wait_for_quiet(args.wait_load, args.wait_max)
    info["load_at_start"] = load_1min()
    results: list[dict[str, Any]] = []
    for size in sizes:
        farm = FarmProcess(size)
        try:
            for approach in approaches:
                load = load_1min()
                print(f"N={size} {approach} (load {load:.2f})", flush=True)
                out = raw / f"{approach}-{size}.json"
                # A restart is measured once per size (its 32 s of first polls), not in the smoke.
                restart = [] if args.quick else ["--restart"]
                own = extra_for.get(approach, [])
                result = run_worker(approach, farm, out, [*extra, *own, *restart], args.timeout)
                result["run"] = info["run"]
                if approach == "thelion" and args.thelion is not None:
                    result["checkout"] = thelion.describe(args.thelion)
                result["load_1min"] = load
                if approach in traced:
                    traced_out = raw / f"{approach}-{size}-tracemalloc.json"
                    traced_result = run_worker(
                        approach, farm, traced_out, [*extra, *own, "--tracemalloc"], args.timeout
                    )
                    result["tracemalloc_memory"] = traced_result["memory"]
                    result["tracemalloc_top"] = traced_result["memory_top"]
                results.append(result)
        finally:
            farm.stop()
    info["load_at_end"] = load_1min()
    previous = args.out / "results.json"
    runs = {info["run"]: info}
    if args.append and previous.exists():
        old = json.loads(previous.read_text())
        kept = [
            r
            for r in old["results"]
            if r["providers"] not in sizes or r["approach"] not in approaches
        ]
        runs = merged(old, kept, info)
        results = sorted(kept + results, key=lambda r: r["providers"])
    document = {"machine": info, "runs": runs, "fraction": args.fraction, "results": results}
    (args.out / "results.json").write_text(json.dumps(document, indent=1, default=str))
    write_report(document, args.out, None if args.no_readme else ROOT / "benchmarks" / "README.md")
    print(f"wrote {args.out / 'results.md'}", flush=True)


if __name__ == "__main__":
    main()
