"""docs/mutation.md from the merged results of scripts/mutation (docs/mutation.json).

The score per module, with the survivors each explained by the [equivalent] table of
scripts/mutation.toml, killed since by a test of its [killed] table, or left unexplained.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

# mutmut's outcomes that count as killed.
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def summary(entry: dict[str, Any]) -> Counter[str]:
    """How many mutants of a module ended which way (killed, survived, not checked, ...)."""
    counts: Counter[str] = Counter()
    for status in entry["statuses"].values():
        counts["killed" if status in KILLED else status] += 1
    return counts


HEAD = """# Mutation testing

Written by `scripts/mutation` (mutmut, pinned in the script): each mutant is one small
deliberate bug in one function; it is *killed* when a test that reaches the function
fails (or runs out of time). Which tests may kill which module is the table in
`scripts/mutation.toml`. The score is killed / all mutants made; a mutant no chosen test
reaches counts as surviving. mutmut mutates the bodies of functions and methods only:
module constants and functions under a decorator other than `staticmethod` or
`classmethod` (`property`, Home Assistant's `callback`) are not mutated, so they are not
in these counts. Every survivor is listed below with its diff, and with the reason it is
equivalent (the behaviour cannot differ) where it is; one with no reason is a gap in the
tests still to close. "Killed since" names the test, added after the run, that kills it
(the [killed] table of `scripts/mutation.toml`, each checked by applying the mutant by
hand; the next run counts it as killed); "score now" counts those as killed. mutmut
switches a mutant on when its function is called, so a function that only runs while its
module is imported (each platform module builds its `PLATFORM` then) keeps surviving every
run: such a mutant stays in the [killed] table with the test that fails when it is applied.

A module of that table missing from the scores below has not been run yet.

Regenerate: `scripts/mutation` (every group), or `scripts/mutation client/text.py` (one
module; the other rows keep their last run). One worker by default; `--jobs 2` on an
idle machine. `--resume` checks the mutants a cut run left; `--only GLOB` (e.g.
`'*.identity.x_refusal*'`) the mutants of a function that changed, the rest of the
module keeping its last result (the row's commit is then the narrowed run's).
"""


def render(results: dict[str, Any], equivalent: dict[str, str], killed: dict[str, str]) -> str:
    """The report: a table of scores, then the survivors of each module."""
    lines = [HEAD, "## Scores", ""]
    lines += [
        (
            "| module | mutants | killed | survived | no test reached | score | equivalent"
            " | killed since | unexplained | score now | run at |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    sections: list[str] = []
    for module in sorted(results):
        entry = results[module]
        counts = summary(entry)
        made = sum(counts.values()) - counts["not checked"] - counts["skipped"]
        survivors = sorted(entry["diffs"], key=_number)
        explained = [name for name in survivors if name in equivalent]
        later = [name for name in survivors if name in killed and name not in equivalent]
        score = f"{100 * counts['killed'] / made:.1f} %" if made else "-"
        now = f"{100 * (counts['killed'] + len(later)) / made:.1f} %" if made else "-"
        lines.append(
            f"| `{module}` | {made} | {counts['killed']} | {counts['survived']}"
            f" | {counts['no tests']} | {score} | {len(explained)} | {len(later)}"
            f" | {len(survivors) - len(explained) - len(later)} | {now}"
            f" | {entry['commit']} ({entry['date']}){_partial(counts)} |"
        )
        if survivors:
            notes = {name: f"killed since by {test}" for name, test in killed.items()}
            sections.append(_survivors(module, entry, survivors, notes | equivalent))
    lines += ["", "## Survivors", "", *(sections or ["None."])]
    return "\n".join(lines).rstrip() + "\n"


def _partial(counts: Counter[str]) -> str:
    """A run cut by its budget: the mutants it never checked are not in the score."""
    return f", cut: {counts['not checked']} not checked" if counts["not checked"] else ""


def _survivors(
    module: str, entry: dict[str, Any], names: list[str], equivalent: dict[str, str]
) -> str:
    out = [f"### `{module}`", ""]
    for name in names:
        status = entry["statuses"][name]
        why = equivalent.get(name, "**unexplained**: a test should kill it")
        out += [f"- `{name.rsplit('.', 1)[-1]}` ({status}): {why}", ""]
        out += ["  ```diff", *(f"  {line}" for line in entry["diffs"][name].splitlines())]
        out += ["  ```", ""]
    return "\n".join(out)


def _number(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0
