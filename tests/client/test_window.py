"""What the reader keeps of a window: open incidents whole, the newest closed ones, nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from custom_components.status_tracker.client import (
    Component,
    ComponentGroup,
    ComponentStatus,
    Incident,
    IncidentStatus,
    Page,
)
from custom_components.status_tracker.client.window import kept, merge_parts
from tests.client.diff_builders import T0, incident, snapshot, update

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


def _component(cid: str, name: str = "", raw: str = "", group: str | None = None) -> Component:
    status = ComponentStatus(raw) if raw else ComponentStatus.UNKNOWN
    return Component(id=cid, name=name, status=status, status_raw=raw, group_id=group)


def test_merge_keeps_the_copy_with_more_updates_whichever_part_holds_it() -> None:
    long = incident("a", update("a1", 0), update("a2", 1))
    merged = merge_parts([snapshot(long), snapshot(incident("a", update("a1", 0)))])
    assert [len(i.updates) for i in merged.incidents] == [2]


def test_merge_with_as_many_updates_prefers_the_later_updated_at() -> None:
    base = incident("a", update("a1", 0))
    older = replace(base, name="older", updated_at=T0 + timedelta(minutes=10))
    newer = replace(base, name="newer", updated_at=T0 + timedelta(minutes=5))
    # Only one copy tells when it was updated: that time, not its creation, is compared.
    assert merge_parts([snapshot(base), snapshot(newer)]).incidents[0].name == "newer"
    assert merge_parts([snapshot(older), snapshot(newer)]).incidents[0].name == "older"
    # Neither is later: the first part's copy stays.
    same = replace(older, name="same")
    assert merge_parts([snapshot(older), snapshot(same)]).incidents[0].name == "older"


def test_a_states_only_part_fills_in_only_the_components_without_a_state() -> None:
    named = replace(
        snapshot(),
        components=(
            _component("c1", "API", "operational"),
            _component("c2", "Web"),
            _component("c3", "DB"),
        ),
    )
    states = replace(
        snapshot(),
        components=(_component("c1", raw="major_outage"), _component("c2", raw="partial_outage")),
    )
    merged = merge_parts([named, states])
    assert [(c.name, c.status_raw) for c in merged.components] == [
        ("API", "operational"),
        ("Web", "partial_outage"),
        ("DB", ""),
    ]


def test_the_fullest_part_gives_the_groups() -> None:
    summary = replace(
        snapshot(),
        components=(_component("c1", "API", "operational", "g1"),),
        groups=(ComponentGroup(id="g1", name="Summary", component_ids=("c1",)),),
    )
    every = replace(
        snapshot(),
        components=(
            _component("c1", "API", "operational", "g2"),
            _component("c2", "Web", "operational", "g2"),
        ),
        groups=(ComponentGroup(id="g2", name="Full", component_ids=()),),
    )
    assert [(g.name, g.component_ids) for g in merge_parts([summary, every]).groups] == [
        ("Full", ())
    ]


def test_a_groups_only_document_names_the_groups_and_keeps_their_members() -> None:
    components = replace(
        snapshot(),
        components=(_component("c1", "API", "operational"), _component("c2", "Web", "operational")),
    )
    groups = replace(
        snapshot(), groups=(ComponentGroup(id="g", name="Core", component_ids=("c1", "c2")),)
    )
    merged = merge_parts([components, groups])
    assert [(g.name, g.component_ids) for g in merged.groups] == [("Core", ("c1", "c2"))]


def test_without_components_the_first_part_gives_the_groups() -> None:
    second = replace(snapshot(), groups=(ComponentGroup(id="g", name="Other"),))
    assert merge_parts([snapshot(), second]).groups == ()


def test_a_page_named_by_no_part_has_an_empty_name() -> None:
    nameless = replace(snapshot(), page=Page(id="p", name="", url=""))
    assert merge_parts([nameless, nameless]).page.name == ""
    named = replace(snapshot(), page=Page(id="p", name="Named", url=""))
    assert merge_parts([nameless, named]).page.name == "Named"


def test_closed_maintenances_are_cut_even_when_the_incidents_are_not() -> None:
    closed = _closed(KEPT + 2)
    part = kept(replace(snapshot(closed[0]), maintenances=tuple(closed)))
    assert [i.id for i in part.incidents] == ["old00"]
    assert [i.id for i in part.maintenances] == [f"old{n:02d}" for n in range(2, KEPT + 2)]
    only_incidents = kept(snapshot(*closed))
    assert [i.id for i in only_incidents.incidents] == [f"old{n:02d}" for n in range(2, KEPT + 2)]


def test_a_feeds_closed_maintenances_are_kept_apart_from_its_incidents() -> None:
    """A feed lists both in one list: 5 closed incidents and 5 closed maintenances stay."""
    incidents = _closed(KEPT + 2)
    day_before = timedelta(days=1)
    maintenances = [
        replace(i, id=f"mnt{n:02d}", is_maintenance=True, created_at=i.created_at - day_before)
        for n, i in enumerate(_closed(KEPT + 1))
    ]
    part = kept(snapshot(*incidents, *maintenances))
    assert [i.id for i in part.incidents] == [
        *(f"old{n:02d}" for n in range(2, KEPT + 2)),
        *(f"mnt{n:02d}" for n in range(1, KEPT + 1)),
    ]
