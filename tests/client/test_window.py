"""What the reader keeps of a window: open incidents whole, the newest closed ones, nothing else."""

from __future__ import annotations

from dataclasses import replace

from custom_components.status_tracker.client import Incident, IncidentStatus
from custom_components.status_tracker.client.window import kept, merge_parts
from tests.client.test_diff import incident, snapshot, update

# The README promises the 5 most recent closed ones are kept.
KEPT = 5


def _closed(n: int) -> list[Incident]:
    return [
        incident(f"old{n:02d}", update(f"old{n:02d}u", n * 60, IncidentStatus.RESOLVED))
        for n in range(n)
    ]


def test_a_window_is_cut_to_the_open_and_the_newest_closed_incidents() -> None:
    closed = _closed(KEPT + 3)
    open_ = incident("open", update("open1", 5), update("open2", 6))
    window = snapshot(*closed, open_)
    part = kept(replace(window, maintenances=tuple(closed)))
    newest = [f"old{n:02d}" for n in range(3, KEPT + 3)]
    assert [i.id for i in part.incidents] == [*newest, "open"]
    assert [i.id for i in part.maintenances] == newest
    assert part.incidents[-1] is open_  # kept whole, every update


def test_a_short_window_is_kept_as_it_is() -> None:
    window = snapshot(*_closed(KEPT))
    assert kept(window) is window


def test_merge_prefers_the_copy_with_more_updates() -> None:
    short = incident("a", update("a1", 0))
    long = incident("a", update("a1", 0), update("a2", 1))
    merged = merge_parts([snapshot(short), snapshot(long, incident("b", update("b1", 9)))])
    assert [(i.id, len(i.updates)) for i in merged.incidents] == [("b", 1), ("a", 2)]
