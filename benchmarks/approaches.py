"""The approaches a run can compare, by the name ``--approach`` takes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks import thelion
from benchmarks.approach import fail
from benchmarks.bare import Floor, Plain
from benchmarks.builtin import FeedReader, Rest
from benchmarks.ours import Ours

if TYPE_CHECKING:
    import argparse

    from benchmarks.approach import Approach

APPROACHES = ("ours", "floor", "plain", "feedreader", "rest", "thelion")
CLASSES: dict[str, type[Approach]] = {
    "ours": Ours,
    "floor": Floor,
    "plain": Plain,
    "feedreader": FeedReader,
    "rest": Rest,
}


def approach_class(args: argparse.Namespace) -> type[Approach]:
    """The class of ``--approach``; StatusPage Monitor's code is mounted from its checkout first."""
    if args.approach != "thelion":
        return CLASSES[args.approach]
    if args.thelion is None:
        msg = f"thelion needs {thelion.USAGE}"
        raise fail(msg)
    thelion.mount(args.thelion)
    return thelion.TheLion
