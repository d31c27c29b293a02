"""Change detection: once, in order, restart-safe; properties checked with hypothesis."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given, settings, strategies as st

from custom_components.status_tracker.client import (
    IncidentStatus,
    SeenUpdates,
    Snapshot,
    detect_changes,
)
from custom_components.status_tracker.client.diff import MAX_INCIDENTS, RETENTION
from tests.client.diff_builders import T0, incident, snapshot, update


def test_first_snapshot_is_a_silent_baseline() -> None:
    changes = detect_changes(None, snapshot(incident("a", update("a1", 0))))
    assert changes.baseline
    assert changes.new_updates == ()
    assert ("a", "a1") in changes.seen


def test_new_updates_oldest_first_across_incidents() -> None:
    seen = detect_changes(None, snapshot(incident("a", update("a1", 0)))).seen
    later = snapshot(
        incident("b", update("b1", 5, IncidentStatus.INVESTIGATING)),
        incident("a", update("a1", 0), update("a2", 7, IncidentStatus.RESOLVED), update("a0", 3)),
    )
    changes = detect_changes(seen, later)
    assert [n.key for n in changes.new_updates] == [("a", "a0"), ("b", "b1"), ("a", "a2")]
    b1 = changes.new_updates[1]
    assert b1.is_new_incident
    assert b1.previous_status is None
    a2 = changes.new_updates[2]
    assert not a2.is_new_incident
    assert a2.is_resolution
    assert a2.previous_status is IncidentStatus.UPDATE


def test_edits_do_not_refire_and_absence_is_not_resolution() -> None:
    first = snapshot(incident("a", update("a1", 0)), incident("b", update("b1", 1)))
    seen = detect_changes(None, first).seen
    edited = snapshot(
        incident("a", replace(update("a1", 0), body="edited", display_at=T0 + timedelta(hours=1)))
    )
    changes = detect_changes(seen, edited)
    assert changes.new_updates == ()
    # b vanished from the window; when it comes back, nothing old fires again.
    back = detect_changes(changes.seen, first)
    assert back.new_updates == ()


def test_rekeyed_ids_rebaseline_silently() -> None:
    old = snapshot(*(incident(f"old{i}", update(f"u{i}", i)) for i in range(5)))
    seen = detect_changes(None, old).seen
    migrated = snapshot(*(incident(f"01NEW{i}", update(f"v{i}", i)) for i in range(5)))
    changes = detect_changes(seen, migrated)
    assert changes.rekeyed
    assert changes.new_updates == ()
    assert detect_changes(changes.seen, migrated).new_updates == ()


def test_pruning_by_age_and_count() -> None:
    many = snapshot(*(incident(f"i{i}", update("u", 0)) for i in range(MAX_INCIDENTS + 10)))
    seen = detect_changes(None, many, now=T0).seen
    assert len(seen.updates) == MAX_INCIDENTS
    later = detect_changes(seen, snapshot(incident("x", update("u", 0))), now=T0 + RETENTION * 2)
    assert set(later.seen.updates) == {"x"}


def test_seen_round_trip_and_bad_data() -> None:
    seen = detect_changes(None, snapshot(incident("a", update("a1", 0), update("a2", 1)))).seen
    again = SeenUpdates.from_dict(seen.to_dict())
    assert again == seen
    bad_records: list[object] = [[], {"a": {"updates": "x", "last_seen": "2026"}}, {"a": {}}]
    for bad in bad_records:
        try:
            SeenUpdates.from_dict(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


# A page's life as a sequence of windows: each poll shows some incidents with some of their updates.
_UPDATES = st.lists(st.sampled_from([f"u{i}" for i in range(6)]), unique=True, max_size=6)
_WINDOW = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), _UPDATES, max_size=4)


def _snap(window: dict[str, list[str]]) -> Snapshot:
    return snapshot(
        *(incident(i, *(update(u, int(u[1:])) for u in sorted(ups))) for i, ups in window.items())
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_WINDOW, min_size=1, max_size=8))
def test_never_duplicates_never_loses(windows: list[dict[str, list[str]]]) -> None:
    seen: SeenUpdates | None = None
    fired: list[tuple[str, str]] = []
    for window in windows:
        changes = detect_changes(seen, _snap(window), now=T0)
        fired += [n.key for n in changes.new_updates]
        times = [n.update.display_at for n in changes.new_updates]
        assert times == sorted(times)
        seen = changes.seen
    assert len(fired) == len(set(fired))
    baseline = {(i, u) for i, ups in windows[0].items() for u in ups}
    shown = {(i, u) for w in windows for i, ups in w.items() for u in ups}
    rekeyed = any(
        len(w) >= 3 and not set(w) & {i for prev in windows[:n] for i in prev}
        for n, w in enumerate(windows[1:], 1)
    )
    if not rekeyed:
        assert set(fired) == shown - baseline


def test_a_kept_window_prunes_nothing() -> None:
    """A change of summary.json alone is diffed with only the kept part of incidents.json.

    The incidents cut from it are still in the page's window: were they pruned by age
    there, the next whole parse of the window would fire them all again.
    """
    old = [incident(f"old{n}", update(f"old{n}u", n, IncidentStatus.RESOLVED)) for n in range(8)]
    seen = detect_changes(None, snapshot(*old), now=T0).seen
    later = T0 + RETENTION + timedelta(days=1)
    cut = detect_changes(seen, snapshot(*old[-2:]), now=later, whole=False)
    assert cut.new_updates == ()
    new = incident("new", update("new1", 0))
    again = detect_changes(cut.seen, snapshot(new, *old), now=later + timedelta(minutes=1))
    assert [n.key for n in again.new_updates] == [("new", "new1")]


def _minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def test_a_window_larger_than_the_record_follows_its_newest_incidents() -> None:
    # The record holds 500 incidents; of 510 open ones it follows the newest 500.
    window = [incident(f"i{n:03d}", update(f"u{n:03d}", n)) for n in range(510)]
    seen = detect_changes(None, snapshot(*window), now=_minutes(600)).seen
    assert set(seen.updates) == {f"i{n:03d}" for n in range(10, 510)}


def test_the_record_keeps_the_window_then_the_most_recently_seen() -> None:
    old = snapshot(*(incident(f"old{n:03d}", update(f"u{n:03d}", n)) for n in range(500)))
    seen = detect_changes(None, old, now=T0).seen
    # One old incident is shown again later: it is now the most recently seen.
    seen = detect_changes(seen, snapshot(old.incidents[0]), now=_minutes(60)).seen
    # A new incident: 501 known, 500 kept; the new one and the recently seen one stay.
    new = incident("a-new", update("a-new1", 100))
    changes = detect_changes(seen, snapshot(new), now=_minutes(120))
    assert [n.key for n in changes.new_updates] == [("a-new", "a-new1")]
    assert len(changes.seen.updates) == 500
    assert "a-new" in changes.seen.updates
    assert "old000" in changes.seen.updates


def test_an_incident_is_remembered_for_30_days_after_it_was_last_seen() -> None:
    a, b = incident("a", update("a1", 0)), incident("b", update("b1", 1))
    seen = detect_changes(None, snapshot(a), now=T0).seen
    seen = detect_changes(seen, snapshot(b), now=T0 + timedelta(days=30)).seen
    back = detect_changes(seen, snapshot(a, b), now=T0 + timedelta(days=30, minutes=1))
    assert back.new_updates == ()
    # A day later it is forgotten.
    gone = detect_changes(seen, snapshot(b), now=T0 + timedelta(days=31)).seen
    assert "a" not in gone.updates


def test_a_kept_window_records_when_each_incident_was_last_seen() -> None:
    old = [incident(f"old{n}", update(f"old{n}u", n)) for n in range(4)]
    seen = detect_changes(None, snapshot(*old), now=T0).seen
    cut = detect_changes(seen, snapshot(old[0]), now=_minutes(5), whole=False).seen
    assert SeenUpdates.from_dict(cut.to_dict()) == cut
    assert cut.last_seen["old0"] == _minutes(5)
    assert cut.last_seen["old3"] == T0


def test_three_unknown_older_incidents_are_a_rekey() -> None:
    old = snapshot(*(incident(f"old{i}", update(f"u{i}", i)) for i in range(3)))
    seen = detect_changes(None, old, now=_minutes(10)).seen
    migrated = snapshot(*(incident(f"new{i}", update(f"v{i}", i)) for i in range(3)))
    changes = detect_changes(seen, migrated, now=_minutes(20))
    assert changes.rekeyed
    assert changes.new_updates == ()
    # The new ids are recorded: the next poll fires nothing either.
    assert ("new0", "v0") in changes.seen
    assert ("new2", "v2") in changes.seen


def test_a_burst_born_at_our_last_look_is_not_a_rekey() -> None:
    seen = detect_changes(None, snapshot(incident("old", update("o1", 0))), now=_minutes(10)).seen
    # Three new incidents created at the very minute of the last look: not older than it.
    burst = snapshot(*(incident(f"new{i}", update(f"v{i}", 10)) for i in range(3)))
    changes = detect_changes(seen, burst, now=_minutes(20))
    assert not changes.rekeyed
    assert sorted(n.key for n in changes.new_updates) == [
        ("new0", "v0"),
        ("new1", "v1"),
        ("new2", "v2"),
    ]


def test_a_rekey_prunes_by_age_only_on_a_whole_window() -> None:
    old = snapshot(*(incident(f"old{i}", update(f"u{i}", i)) for i in range(5)))
    seen = detect_changes(None, old, now=_minutes(10)).seen
    migrated = snapshot(*(incident(f"new{i}", update(f"v{i}", i)) for i in range(5)))
    later = _minutes(10) + timedelta(days=31)
    whole = detect_changes(seen, migrated, now=later)
    assert whole.rekeyed
    assert set(whole.seen.updates) == {f"new{i}" for i in range(5)}
    cut = detect_changes(seen, migrated, now=later, whole=False)
    assert cut.rekeyed
    assert set(cut.seen.updates) == {f"old{i}" for i in range(5)} | {f"new{i}" for i in range(5)}


def test_an_update_listed_twice_fires_once() -> None:
    seen = detect_changes(None, snapshot(incident("a", update("a1", 0)))).seen
    twice = incident("a", update("a1", 0), update("a2", 1), update("a2", 1))
    assert [n.key for n in detect_changes(seen, snapshot(twice)).new_updates] == [("a", "a2")]


def test_an_earlier_update_of_a_known_incident_is_not_a_new_incident() -> None:
    seen = detect_changes(None, snapshot(incident("a", update("a1", 5)))).seen
    backdated = incident("a", update("a0", 0, IncidentStatus.INVESTIGATING), update("a1", 5))
    (new,) = detect_changes(seen, snapshot(backdated)).new_updates
    assert new.key == ("a", "a0")
    assert not new.is_new_incident


def test_an_unknown_incident_was_not_seen() -> None:
    seen = detect_changes(None, snapshot(incident("a", update("a1", 0)))).seen
    assert ("a", "a1") in seen
    assert ("a", "a2") not in seen
    assert ("b", "a1") not in seen


def test_a_seen_record_needs_both_its_update_list_and_its_time() -> None:
    for bad in (
        {"a": {"updates": "a1", "last_seen": "2026-01-01T00:00:00+00:00"}},
        {"a": {"updates": ["a1"], "last_seen": None}},
    ):
        try:
            SeenUpdates.from_dict(bad)
        except ValueError as err:
            assert "'a'" in str(err)  # noqa: PT017  # the log names the incident
            continue
        raise AssertionError(bad)


def test_stored_times_keep_their_instant_and_a_zone_less_one_is_utc() -> None:
    seen = SeenUpdates.from_dict(
        {
            "a": {"updates": ["a1"], "last_seen": "2026-01-01T02:00:00+02:00"},
            "b": {"updates": ["b1"], "last_seen": "2026-01-01T00:00:00"},
        }
    )
    assert seen.last_seen == {"a": T0, "b": T0}
    assert seen.last_seen["b"].utcoffset() == timedelta(0)
