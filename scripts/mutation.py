"""Mutation run: mutmut over a copy of the repository, one group of scripts/mutation.toml at a time.

    scripts/mutation [--jobs N] [--budget SECONDS] [--smoke] [--resume] [--only GLOB ...]
                     [GROUP | MODULE ...]

With no argument every group runs (except "smoke"). A MODULE (e.g. client/text.py) runs
alone, with its group's tests. Results of the modules run are merged into
docs/mutation.json, and docs/mutation.md is written from it: the score per module, the
commit it was run at, and every surviving mutant with its diff and, if it is equivalent,
why (the [equivalent] table of scripts/mutation.toml). ``--smoke`` runs the smoke group,
writes no report, and fails unless mutants were made, checked and killed.

A run can be narrowed to some mutants, the rest of each module keeping its last result:
``--only GLOB`` checks the mutants whose name matches (e.g. ``'*.identity.x_refusal*'``
after ``refusal`` changed: select whole functions, as a change renumbers a function's
mutants; the glob must match the function's own name too, which mutmut picks the tests
by), ``--resume`` the ones a cut run left unchecked.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, datetime
import fnmatch
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile
import tomllib
from typing import Any

from scripts.mutation_report import KILLED, render, summary

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "custom_components/status_tracker"
TABLE = ROOT / "scripts" / "mutation.toml"
RESULTS = ROOT / "docs" / "mutation.json"
REPORT = ROOT / "docs" / "mutation.md"
MUTMUT = Path(sys.executable).parent / "mutmut"
# Detected: the tests failed, errored, or ran out of time (an endless loop is caught too).
# What the tests read besides the package: fixtures, blueprints, the docs they check.
ALSO_COPY = ("tests", "pyproject.toml", "blueprints", "docs", "scripts", "README.md", "hacs.json")


@dataclass
class Group:
    """Modules mutated together, and the tests that may kill their mutants."""

    name: str
    modules: list[str]
    tests: list[str]
    ignore: list[str]


def _run(args: list[str | Path], **options: Any) -> subprocess.CompletedProcess[bytes]:
    """A command from a fixed argument list (no shell), in the scratch copy or the repository."""
    return subprocess.run(args, check=options.pop("check", False), **options)  # noqa: S603


def _groups(table: dict[str, Any]) -> list[Group]:
    return [Group(g["name"], g["modules"], g["tests"], g.get("ignore", [])) for g in table["group"]]


def _plan(groups: list[Group], wanted: list[str], *, smoke: bool) -> list[Group]:
    """The groups to run, each cut to the modules asked for."""
    if smoke:
        return [g for g in groups if g.name == "smoke"]
    if not wanted:
        return [g for g in groups if g.name != "smoke"]
    plan: dict[str, Group] = {}
    for name in wanted:
        group = next((g for g in groups if name in {g.name, *g.modules}), None)
        if group is None:
            sys.exit(f"scripts/mutation: {name} is in no group of {TABLE.name}")
        chosen = plan.setdefault(group.name, Group(group.name, [], group.tests, group.ignore))
        chosen.modules += group.modules if name == group.name else [name]
    return list(plan.values())


def _copy_repository(into: Path) -> None:
    """The working tree's files as they are now (tracked and new), without the heavy extras."""
    listed = _run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if name.startswith(("benchmarks/", "docs/screenshots/")) or not source.is_file():
            continue
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, into / name)


def _config(group: Group, jobs: int) -> str:
    modules = "\n".join(f"    {PACKAGE}/{m}" for m in group.modules)
    selection = "\n".join(f"    {t}" for t in group.tests)
    # Whole files are left out of the copy (see _run_group); single tests are deselected.
    ignores = "".join(f"\n    --deselect={test}" for test in group.ignore if "::" in test)
    copied = "\n".join(f"    {name}" for name in ALSO_COPY)
    return (
        "[mutmut]\n"
        "source_paths = custom_components\n"
        f"only_mutate =\n{modules}\n"
        f"also_copy =\n{copied}\n"
        # One argument a line: mutmut splits this list on line ends only.
        f"pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    -q{ignores}\n"
        f"pytest_add_cli_args_test_selection =\n{selection}\n"
        f"max_children = {jobs}\n"
    )


def _run_group(
    group: Group, jobs: int, budget: float | None, selected: list[str]
) -> dict[str, dict[str, Any]]:
    """Run mutmut on ``group`` in a scratch copy; per module: status of every mutant, diffs."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        work = Path(scratch)
        _copy_repository(work)
        # Deleted, not --ignore'd: mutmut names the tests to run, and pytest runs a named
        # test whatever --ignore says.
        for path in group.ignore:
            if "::" not in path:
                (work / path).unlink()
        (work / "setup.cfg").write_text(_config(group, jobs))
        print(f"==> mutmut: {group.name} ({len(group.modules)} modules)", flush=True)
        env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
        log = Path(tempfile.gettempdir()) / f"mutation-{group.name}.log"
        try:
            with log.open("wb") as out:
                run = _run(
                    [MUTMUT, "run", "--max-children", str(jobs), *selected],
                    cwd=work,
                    env=env,
                    timeout=budget,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            if run.returncode:
                tail = log.read_bytes()[-3000:].decode(errors="replace")
                print(f"mutmut exited {run.returncode} (log: {log}):\n{tail}", file=sys.stderr)
        except subprocess.TimeoutExpired:
            print(f"budget of {budget:.0f} s spent; reporting what was checked", flush=True)
        listing = _run(
            [MUTMUT, "results", "--all", "true"], cwd=work, capture_output=True, check=True
        ).stdout.decode()
        per_module: dict[str, dict[str, Any]] = {}
        survivors: list[str] = []
        for line in listing.splitlines():
            name, _, status = line.strip().rpartition(": ")
            if not name:
                continue
            module = _module_of(name, group.modules)
            entry = per_module.setdefault(module, {"statuses": {}, "diffs": {}})
            entry["statuses"][name] = status
            if status not in KILLED and status != "not checked":
                survivors.append(name)
        for name, diff in _diffs(work, survivors).items():
            per_module[_module_of(name, group.modules)]["diffs"][name] = diff
        return per_module


# One process for every diff: `mutmut show` per mutant re-reads every module's results,
# which took longer than the run itself for a few hundred survivors.
_DIFFS = """
import json, sys
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.utils.file_utils import walk_mutatable_files
wanted = set(json.load(sys.stdin))
paths = {}
for path in walk_mutatable_files():
    data = SourceFileMutationData(path=path)
    data.load()
    paths.update((name, path) for name in data.exit_code_by_key if name in wanted)
json.dump({name: get_diff_for_mutant(name, path=path) for name, path in paths.items()}, sys.stdout)
"""


def _diffs(work: Path, names: list[str]) -> dict[str, str]:
    """The diff of each named mutant, as `mutmut show` prints it."""
    run = _run(
        [sys.executable, "-c", _DIFFS],
        cwd=work,
        input=json.dumps(names).encode(),
        capture_output=True,
        check=True,
    )
    diffs: dict[str, str] = json.loads(run.stdout)
    return {name: diff.strip() for name, diff in diffs.items()}


def _module_of(mutant: str, modules: list[str]) -> str:
    """client/text.py for custom_components.status_tracker.client.text.x_html_to_text__mutmut_3."""
    for module in modules:
        dotted = f"{PACKAGE}/{module.removesuffix('.py')}".replace("/", ".")
        if mutant.startswith(f"{dotted}."):
            return module
    return mutant.rsplit(".", 1)[0]


def _is_selected(name: str, selectors: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in selectors)


def _unchecked(results: dict[str, Any], group: Group) -> list[str]:
    """The mutants of ``group``'s modules that their last run left unchecked."""
    return [
        name
        for module in group.modules
        for name, status in results.get(module, {}).get("statuses", {}).items()
        if status == "not checked"
    ]


def _merge(old: dict[str, Any], new: dict[str, Any], selectors: list[str]) -> dict[str, Any]:
    """A narrowed run's results laid over the module's last run.

    The mutants are the ones the code has now, each with its new result if it was selected
    (or is new), else its last one.
    """
    before, statuses, diffs = old.get("statuses", {}), {}, {}
    for name, status in new["statuses"].items():
        fresh = _is_selected(name, selectors) or name not in before
        statuses[name] = status if fresh else before[name]
        diff = new["diffs"].get(name) if fresh else old.get("diffs", {}).get(name)
        if diff is not None:
            diffs[name] = diff
    return {"statuses": statuses, "diffs": diffs}


def _commit() -> str:
    head = _run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True)
    dirty = _run(
        ["git", "status", "--porcelain", "--", PACKAGE, "tests"], cwd=ROOT, capture_output=True
    )
    return head.stdout.decode().strip() + ("+changes" if dirty.stdout else "")


def main() -> None:
    """Parse the arguments, run the groups, merge and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="groups or modules (default: all groups)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants checked at once")
    parser.add_argument("--budget", type=float, help="seconds per group before it is cut")
    parser.add_argument("--smoke", action="store_true", help="the CI check: no report")
    parser.add_argument("--report-only", action="store_true", help="rewrite docs/mutation.md")
    parser.add_argument(
        "--only", action="append", default=[], metavar="GLOB", help="check these mutants only"
    )
    parser.add_argument("--resume", action="store_true", help="check what a cut run left")
    args = parser.parse_args()
    table = tomllib.loads(TABLE.read_text())
    plan = [] if args.report_only else _plan(_groups(table), args.names, smoke=args.smoke)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    commit, day = _commit(), datetime.now(UTC).date().isoformat()
    produced: set[str] = set()
    for group in plan:
        selected = args.only + (_unchecked(results, group) if args.resume else [])
        if (args.only or args.resume) and not selected:
            print(f"==> {group.name}: nothing selected", flush=True)
            continue
        for module, fresh in _run_group(group, args.jobs, args.budget, selected).items():
            produced.add(module)
            entry = _merge(results.get(module, {}), fresh, selected) if selected else fresh
            counts = summary(entry)
            print(f"{module}: {dict(counts)}", flush=True)
            if counts["not checked"] == sum(counts.values()):
                continue  # mutmut stopped before checking any: keep the module's last run
            results[module] = entry | {"commit": commit, "date": day, "tests": group.tests}
            if args.smoke and not (counts["killed"] and sum(counts.values())):
                sys.exit(f"scripts/mutation: smoke run of {module} killed nothing")
    if args.smoke:
        if not produced:
            sys.exit("scripts/mutation: smoke run produced no mutants")
        return
    # Read again: another group may have finished while this one ran (runs can overlap).
    latest = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results = latest | {module: results[module] for module in produced if module in results}
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    REPORT.write_text(render(results, table.get("equivalent", {}), table.get("killed", {})))


if __name__ == "__main__":
    main()
