"""Problem policy: what turns a follower's problem sensor on.

Promises from the README's "Problem policy" and "Hold-down" sections and problem.py's docstring.
"""

from __future__ import annotations

from custom_components.status_tracker.client import (
    Impact,
    Incident,
    IncidentStatus,
    PageStatus,
    ProblemLevel,
    ProblemPolicy,
    Scope,
)
from tests.client.builders import incident, page

DEFAULT = ProblemPolicy()
OUTAGES = ProblemPolicy.of("outage", maintenance=False, unknown=False)
MAINTENANCE = ProblemPolicy.of(None, maintenance=True, unknown=False)
UNKNOWN = ProblemPolicy.of(None, maintenance=False, unknown=True)
WORKS = incident(
    "m", impact=Impact.MAINTENANCE, status=IncidentStatus.IN_PROGRESS, maintenance=True
)


def problem(
    policy: ProblemPolicy,
    status: PageStatus,
    *incidents: Incident,
    held: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``policy`` sees a problem on the whole page showing ``status`` and ``incidents``."""
    return policy.is_problem(Scope().view(page(*incidents, status=status), held))


def test_policy_of_stored_options() -> None:
    assert ProblemPolicy.of(None, maintenance=False, unknown=False) == ProblemPolicy(
        level=ProblemLevel.DEGRADED, maintenance=False, unknown=False
    )
    assert ProblemPolicy.of("outage", maintenance=True, unknown=True) == ProblemPolicy(
        level=ProblemLevel.OUTAGE, maintenance=True, unknown=True
    )
    assert ProblemPolicy.of("degraded", maintenance=False, unknown=True) == ProblemPolicy(
        level=ProblemLevel.DEGRADED, maintenance=False, unknown=True
    )
    # A stored word this version does not know reads as the default.
    assert ProblemPolicy.of("sometimes", maintenance=True, unknown=False) == ProblemPolicy(
        level=ProblemLevel.DEGRADED, maintenance=True, unknown=False
    )


def test_default_policy_degraded_or_worse_or_any_open_incident() -> None:
    assert problem(DEFAULT, PageStatus.DEGRADED)
    assert problem(DEFAULT, PageStatus.PARTIAL_OUTAGE)
    assert problem(DEFAULT, PageStatus.MAJOR_OUTAGE)
    assert not problem(DEFAULT, PageStatus.OPERATIONAL)
    assert problem(DEFAULT, PageStatus.OPERATIONAL, incident("i", impact=Impact.NONE))
    assert problem(DEFAULT, PageStatus.OPERATIONAL, incident("i", impact=Impact.UNKNOWN))


def test_default_policy_maintenance_and_unknown_alone_are_no_problem() -> None:
    assert not problem(DEFAULT, PageStatus.MAINTENANCE)
    assert not problem(DEFAULT, PageStatus.UNKNOWN)
    assert not problem(DEFAULT, PageStatus.MAINTENANCE, WORKS)
    assert not problem(DEFAULT, PageStatus.OPERATIONAL, WORKS)


def test_outages_only() -> None:
    assert not problem(OUTAGES, PageStatus.DEGRADED)
    assert problem(OUTAGES, PageStatus.PARTIAL_OUTAGE)
    assert problem(OUTAGES, PageStatus.MAJOR_OUTAGE)
    # README: a minor incident ("elevated latency") leaves it off; a major one turns it on.
    assert not problem(OUTAGES, PageStatus.OPERATIONAL, incident("i", impact=Impact.MINOR))
    assert not problem(OUTAGES, PageStatus.OPERATIONAL, incident("i", impact=Impact.UNKNOWN))
    assert problem(OUTAGES, PageStatus.OPERATIONAL, incident("i", impact=Impact.MAJOR))
    assert problem(OUTAGES, PageStatus.OPERATIONAL, incident("i", impact=Impact.CRITICAL))


def test_an_open_incident_counts_by_itself() -> None:
    minor, major = incident("a", impact=Impact.MINOR), incident("b", impact=Impact.MAJOR)
    assert DEFAULT.counts(minor)
    assert not OUTAGES.counts(minor)
    assert OUTAGES.counts(major)
    assert not DEFAULT.counts(WORKS)
    assert MAINTENANCE.counts(WORKS)


def test_maintenance_is_a_problem() -> None:
    assert problem(MAINTENANCE, PageStatus.MAINTENANCE)
    assert problem(MAINTENANCE, PageStatus.OPERATIONAL, WORKS)
    assert not problem(MAINTENANCE, PageStatus.OPERATIONAL)
    assert not problem(MAINTENANCE, PageStatus.UNKNOWN)


def test_unknown_is_a_problem() -> None:
    assert problem(UNKNOWN, PageStatus.UNKNOWN)
    assert not problem(UNKNOWN, PageStatus.OPERATIONAL)
    assert not problem(UNKNOWN, PageStatus.MAINTENANCE)


def test_held_incidents_do_not_count_yet_nor_the_state_they_cause() -> None:
    blip = incident("blip")
    held = frozenset({"blip"})
    assert not problem(DEFAULT, PageStatus.DEGRADED, blip, held=held)
    assert not problem(DEFAULT, PageStatus.OPERATIONAL, blip, held=held)
    # A maintenance beside it does not end the wait.
    assert not problem(DEFAULT, PageStatus.DEGRADED, blip, WORKS, held=held)
    # Another open incident that is not held does.
    assert problem(DEFAULT, PageStatus.DEGRADED, blip, incident("old"), held=held)
    assert problem(DEFAULT, PageStatus.OPERATIONAL, blip, incident("old"), held=held)
    assert problem(OUTAGES, PageStatus.PARTIAL_OUTAGE, blip, incident("old"), held=held)
    # Once released it is a problem.
    assert problem(DEFAULT, PageStatus.DEGRADED, blip)
