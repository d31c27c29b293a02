"""Hold-down: a new incident is reported only once it has been open a while.

Promises from the README's "Hold-down" section and the options table ("Hold-down for new
incidents", "Report short incidents anyway from"), and holddown.py's docstring.
"""

from __future__ import annotations

from custom_components.status_tracker.client import (
    BYPASS_NEVER,
    HoldDown,
    HoldResult,
    Impact,
    Incident,
    IncidentStatus,
    NewUpdate,
)
from tests.client.builders import at, incident, new, page, post

TEN = HoldDown(minutes=10)
RESOLVED = IncidentStatus.RESOLVED


def timeline(
    iid: str = "blip", *, impact: Impact = Impact.MINOR, resolved: float | None = None
) -> tuple[Incident, list[NewUpdate]]:
    """An incident created at 0 with updates at 0 and 2, resolved at ``resolved`` if given."""
    posts = [post(f"{iid}1", 0), post(f"{iid}2", 2, IncidentStatus.IDENTIFIED)]
    if resolved is not None:
        posts.append(post(f"{iid}3", resolved, RESOLVED))
    status = RESOLVED if resolved is not None else IncidentStatus.IDENTIFIED
    found = incident(iid, impact=impact, status=status, resolved=resolved, updates=tuple(posts))
    return found, [new(found, p) for p in posts]


def test_hold_down_of_stored_options() -> None:
    assert HoldDown.of(None, None) == HoldDown(minutes=0, bypass=Impact.MAJOR)
    assert HoldDown.of(10, None) == HoldDown(minutes=10, bypass=Impact.MAJOR)
    assert HoldDown.of(10.0, "critical") == HoldDown(minutes=10, bypass=Impact.CRITICAL)
    assert HoldDown.of(5, "major") == HoldDown(minutes=5, bypass=Impact.MAJOR)
    assert BYPASS_NEVER == "never"
    assert HoldDown.of(10, "never") == HoldDown(minutes=10, bypass=None)


def test_off_fires_everything_at_once() -> None:
    for off in (HoldDown(), HoldDown(minutes=0), HoldDown(minutes=-5), HoldDown.of(None, None)):
        _, updates = timeline(resolved=1)
        assert off.sort([], updates, at(1)) == HoldResult(fire=tuple(updates)), off
        # Even an incident the page dates a minute ahead of our clock.
        assert off.sort([], updates, at(-1)) == HoldResult(fire=tuple(updates)), off
        assert off.young(page(incident("i")), at(-1)) == frozenset(), off
        assert off.next_due([incident("i")], at(-1)) is None, off


def test_a_young_incident_is_held_then_released_in_order_at_its_due_time() -> None:
    found, updates = timeline()
    assert TEN.due(found) == at(10)
    early = TEN.sort([], updates[:1], at(1))
    assert early == HoldResult(held=(updates[0],))
    later = TEN.sort(early.held, updates[1:], at(9.9))
    assert later == HoldResult(held=(updates[0], updates[1]))
    assert TEN.sort(later.held, [], at(10)) == HoldResult(fire=(updates[0], updates[1]))


def test_updates_of_an_incident_old_enough_fire_at_once() -> None:
    _, updates = timeline()
    assert TEN.sort([], updates, at(25)) == HoldResult(fire=tuple(updates))


def test_maintenances_are_never_held() -> None:
    works = incident(
        "m", status=IncidentStatus.IN_PROGRESS, maintenance=True, updates=(post("m1", 0),)
    )
    assert TEN.sort([], [new(works)], at(1)) == HoldResult(fire=(new(works),))
    assert TEN.young(page(works), at(1)) == frozenset()
    assert TEN.next_due([works], at(1)) is None


def test_a_blip_resolved_young_is_suppressed() -> None:
    _, seen = timeline()
    held = TEN.sort([], seen, at(2.5)).held
    assert held == tuple(seen)
    found, updates = timeline(resolved=3)
    assert TEN.sort(held, updates[2:], at(4)) == HoldResult(suppressed=(found,))


def test_the_incident_as_it_is_now_decides_for_held_updates() -> None:
    # Held while open; the resolution carries the resolved incident, once in suppressed.
    open_, _ = timeline()
    resolved, updates = timeline(resolved=3)
    held = [new(open_, open_.updates[0]), new(open_, open_.updates[1])]
    assert TEN.sort(held, updates[2:], at(4)) == HoldResult(suppressed=(resolved,))
    # Rated anew: the resolution says critical, so the whole timeline fires.
    _, updates = timeline(impact=Impact.CRITICAL, resolved=3)
    assert TEN.sort(held, updates[2:], at(4)) == HoldResult(fire=(*held, updates[2]))


def test_resolved_at_or_after_its_due_time_it_fires() -> None:
    for when in (10, 12):
        _, updates = timeline(resolved=when)
        assert TEN.sort([], updates, at(30)) == HoldResult(fire=tuple(updates)), when


def test_short_incidents_are_reported_anyway_from_the_bypass_impact() -> None:
    expected = {
        # bypass: (impacts that fire, impacts that are suppressed)
        "major": ((Impact.MAJOR, Impact.CRITICAL), (Impact.MINOR, Impact.NONE, Impact.UNKNOWN)),
        "critical": ((Impact.CRITICAL,), (Impact.MAJOR, Impact.MINOR)),
        BYPASS_NEVER: ((), (Impact.CRITICAL, Impact.MAJOR, Impact.UNKNOWN)),
    }
    for bypass, (fired, dropped) in expected.items():
        hold = HoldDown.of(10, bypass)
        for impact in fired:
            _, updates = timeline(impact=impact, resolved=3)
            assert hold.sort([], updates, at(4)) == HoldResult(fire=tuple(updates)), impact
        for impact in dropped:
            found, updates = timeline(impact=impact, resolved=3)
            assert hold.sort([], updates, at(4)) == HoldResult(suppressed=(found,)), impact


def test_a_closed_incident_without_a_resolution_time_ended_at_its_last_update() -> None:
    posts = (post("a", 0), post("b", 5), post("c", 12, RESOLVED))
    late = incident("late", status=RESOLVED, updates=posts)
    assert TEN.sort([], [new(late)], at(20)) == HoldResult(fire=(new(late),))
    posts = (post("a", 0), post("b", 1), post("c", 4, RESOLVED))
    quick = incident("quick", status=RESOLVED, updates=posts)
    assert TEN.sort([], [new(quick)], at(20)) == HoldResult(suppressed=(quick,))


def test_a_closed_incident_without_any_times_ended_now() -> None:
    bare = incident("bare", status=RESOLVED)
    update = new(bare, post("only", 0, RESOLVED))
    assert TEN.sort([], [update], at(4)) == HoldResult(suppressed=(bare,))
    assert TEN.sort([], [update], at(15)) == HoldResult(fire=(update,))


def test_the_resolution_time_wins_over_the_updates() -> None:
    # The page says it was resolved at 4, whatever the (late) post's time.
    quick = incident("q", status=RESOLVED, resolved=4, updates=(post("a", 0), post("b", 30)))
    assert TEN.sort([], [new(quick)], at(40)) == HoldResult(suppressed=(quick,))
    bare = incident("b", status=RESOLVED, resolved=4)
    update = new(bare, post("x", 0))
    assert TEN.sort([], [update], at(40)) == HoldResult(suppressed=(bare,))


def test_young_lists_the_open_incidents_still_held() -> None:
    fresh = incident("fresh", created=-3)
    older = incident("older", created=-9.5)
    old = incident("old", created=-10)
    done = incident("done", created=-1, status=RESOLVED, resolved=0)
    snap = page(fresh, older, old, done)
    assert TEN.young(snap, at(0)) == frozenset({"fresh", "older"})
    assert TEN.young(snap, at(1)) == frozenset({"fresh"})


def test_next_due_is_the_first_time_an_open_incident_stops_being_young() -> None:
    incidents = [
        incident("a", created=0),  # due at 10
        incident("b", created=-4),  # due at 6
        incident("gone", created=-7, status=RESOLVED, resolved=-6),  # due at 3, closed
        incident("m", created=-7, status=IncidentStatus.IN_PROGRESS, maintenance=True),
        incident("old", created=-20),  # due long ago
        incident("now", created=-8),  # due exactly now
    ]
    assert TEN.next_due(incidents, at(2)) == at(6)
    assert TEN.next_due(incidents, at(6)) == at(10)
    assert TEN.next_due(incidents, at(10)) is None
    assert TEN.next_due([], at(0)) is None
