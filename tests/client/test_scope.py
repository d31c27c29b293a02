"""Scope: what a follower looks at (components, whole groups, regions), and the page so seen.

Promises from the README's "Scope" and "Regions" sections and scope.py's docstring.
"""

from __future__ import annotations

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    PageView,
    Scope,
)
from custom_components.status_tracker.client.scope import worst
from tests.client.builders import component, group, incident, page, post

API = component("api", "API")
GIT = component("git", "Git Operations")
ACTIONS = component("actions", "Actions", ComponentStatus.PARTIAL_OUTAGE)
# Europe lists Frankfurt; Paris says it belongs to Europe (the page added it later).
FRANKFURT = component("fra", "Frankfurt")
PARIS = component("par", "Paris", group_id="europe")
# Another group, both ways.
OHIO = component("ohio", "Ohio")
OREGON = component("ore", "Oregon", group_id="americas")
GROUPS = (group("europe", "fra"), group("americas", "ohio"))
COMPONENTS = (API, GIT, ACTIONS, FRANKFURT, PARIS, OHIO, OREGON)


def in_scope(scope: Scope, *names: str) -> list[bool]:
    """Whether an open incident naming each of ``names`` is in ``scope`` (on the page above)."""
    snap = page(components=COMPONENTS, groups=GROUPS)
    return [scope.covers(incident("i", components=(name,)), snap) for name in names]


def test_scope_of_stored_options() -> None:
    assert Scope.of(None, None) == Scope()
    assert Scope.of([], []).whole_page
    assert Scope.of(["api", "europe"], ["eu-central-1"]) == Scope(
        components=frozenset({"api", "europe"}), regions=frozenset({"eu-central-1"})
    )
    assert not Scope.of(["api"], None).whole_page
    assert not Scope.of(None, ["us-east-1"]).whole_page


def test_whole_page_is_the_page_as_it_reports_itself() -> None:
    open_ = incident("open", components=("Actions",))
    resolved = incident("done", status=IncidentStatus.RESOLVED)
    snap = page(open_, resolved, status=PageStatus.DEGRADED, components=COMPONENTS)
    assert Scope().view(snap, frozenset({"open"})) == PageView(
        snapshot=snap,
        status=PageStatus.DEGRADED,
        incidents=(open_,),
        scoped=False,
        held=frozenset({"open"}),
    )


def test_readme_example_an_incident_elsewhere_leaves_the_scope_operational() -> None:
    # GitHub has an incident on Actions while you scoped to API and Git Operations.
    on_actions = incident("gh1", components=("Actions",))
    snap = page(on_actions, status=PageStatus.DEGRADED, components=COMPONENTS)
    scope = Scope.of(["api", "git"], None)
    assert scope.view(snap) == PageView(
        snapshot=snap, status=PageStatus.OPERATIONAL, incidents=(), scoped=True
    )
    assert not scope.covers(on_actions, snap)


def test_scoped_view_counts_the_incidents_in_scope_and_passes_held_on() -> None:
    on_api = incident("a", impact=Impact.MAJOR, components=("API",))
    unnamed = incident("b")
    on_actions = incident("c", impact=Impact.CRITICAL, components=("Actions",))
    resolved = incident("d", status=IncidentStatus.RESOLVED, components=("API",))
    snap = page(on_api, unnamed, on_actions, resolved, components=COMPONENTS)
    # API is operational; the major incident naming it makes the scope a partial outage.
    assert Scope.of(["api"], None).view(snap, frozenset({"b"})) == PageView(
        snapshot=snap,
        status=PageStatus.PARTIAL_OUTAGE,
        incidents=(on_api, unnamed),
        scoped=True,
        held=frozenset({"b"}),
    )


def test_a_component_is_chosen_by_id_and_named_by_id_or_name() -> None:
    scope = Scope.of(["api"], None)
    assert in_scope(scope, "API", "api", "Actions", "actions", "Git Operations") == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_chosen_component_missing_from_the_page_still_matches_its_id() -> None:
    assert in_scope(Scope.of(["gone"], None), "gone", "API") == [True, False]


def test_a_group_stands_for_its_listed_components_and_those_that_say_they_belong() -> None:
    scope = Scope.of(["europe"], None)
    assert in_scope(scope, "Frankfurt", "fra", "Paris", "par", "europe") == [True] * 5
    # Components of other groups, and ones in none, are not chosen.
    assert in_scope(scope, "Ohio", "Oregon", "API") == [False, False, False]


def test_components_chosen_by_id_and_by_group_together() -> None:
    scope = Scope.of(["api", "americas"], None)
    assert in_scope(scope, "API", "Ohio", "Oregon", "Frankfurt", "Paris", "Git Operations") == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_an_incident_that_names_nothing_counts_in_every_scope() -> None:
    snap = page(components=COMPONENTS, groups=GROUPS)
    for scope in (Scope.of(["api"], None), Scope.of(["europe"], ["eu-central-1"])):
        assert scope.covers(incident("feed"), snap)


def test_an_update_names_components_by_id_and_by_name() -> None:
    snap = page(components=COMPONENTS)
    scope = Scope.of(["api"], None)
    quiet = incident("i")
    by_id = post("u1", affected=(("api", "Public API"),))
    by_name = post("u2", affected=(("api-v2", "API"),))
    elsewhere = post("u3", affected=(("actions", "Actions"),))
    assert scope.covers(quiet, snap, by_id)
    assert scope.covers(quiet, snap, by_name)
    assert not scope.covers(quiet, snap, elsewhere)
    assert scope.covers(quiet, snap)
    # The incident's own names and the update's count together.
    assert scope.covers(incident("j", components=("API",)), snap, elsewhere)
    assert scope.covers(incident("k", components=("Actions",)), snap, by_id)


def test_regions_keep_incidents_in_a_chosen_region_or_in_none() -> None:
    snap = page(components=COMPONENTS)
    scope = Scope.of(None, ["eu-central-1"])
    assert scope.covers(incident("fra", regions=("eu-central-1",)), snap)
    assert scope.covers(incident("two", regions=("us-east-1", "eu-central-1")), snap)
    assert not scope.covers(incident("use", regions=("us-east-1",)), snap)
    assert scope.covers(incident("global"), snap)
    # Without a component scope, whatever an incident names is followed.
    assert scope.covers(incident("ec2", regions=("eu-central-1",), components=("EC2",)), snap)


def test_without_regions_chosen_every_region_counts() -> None:
    snap = page(components=COMPONENTS)
    on_api = incident("i", components=("API",), regions=("us-east-1",))
    assert Scope.of(["api"], None).covers(on_api, snap)
    assert Scope.of(["api"], ["us-east-1"]).covers(on_api, snap)
    assert not Scope.of(["api"], ["eu-central-1"]).covers(on_api, snap)


def test_regions_only_status_is_the_worst_open_incident_there_else_operational() -> None:
    scope = Scope.of(None, ["eu-central-1"])
    far = incident("use", impact=Impact.CRITICAL, regions=("us-east-1",))
    snap = page(far, status=PageStatus.MAJOR_OUTAGE)
    assert scope.view(snap) == PageView(
        snapshot=snap, status=PageStatus.OPERATIONAL, incidents=(), scoped=True
    )
    near = incident("fra", impact=Impact.MAJOR, regions=("eu-central-1",))
    snap = page(far, near, status=PageStatus.MAJOR_OUTAGE)
    assert scope.view(snap).status is PageStatus.PARTIAL_OUTAGE
    assert scope.view(snap).incidents == (near,)


def test_scoped_status_is_the_worst_of_the_chosen_components() -> None:
    components = (
        component("a", "A", ComponentStatus.OPERATIONAL),
        component("b", "B", ComponentStatus.DEGRADED_PERFORMANCE),
        component("c", "C", ComponentStatus.UNDER_MAINTENANCE),
        component("d", "D", ComponentStatus.UNKNOWN),
        component("e", "E", ComponentStatus.MAJOR_OUTAGE),
        component("f", "F", ComponentStatus.PARTIAL_OUTAGE),
    )
    snap = page(components=components)
    expected = {
        ("a", "b"): PageStatus.DEGRADED,
        ("a", "c"): PageStatus.MAINTENANCE,
        ("b", "c"): PageStatus.DEGRADED,
        ("a", "d"): PageStatus.OPERATIONAL,  # unknown says least
        ("d",): PageStatus.UNKNOWN,
        ("e", "f"): PageStatus.MAJOR_OUTAGE,
        ("a", "f"): PageStatus.PARTIAL_OUTAGE,
    }
    for chosen, status in expected.items():
        assert Scope.of(chosen, None).view(snap).status is status, chosen


def test_scoped_status_of_a_chosen_component_not_on_the_page_is_unknown() -> None:
    assert Scope.of(["gone"], None).view(page(components=COMPONENTS)).status is PageStatus.UNKNOWN


def test_an_open_incident_in_scope_says_at_least_degraded() -> None:
    expected = {
        Impact.NONE: PageStatus.DEGRADED,
        Impact.UNKNOWN: PageStatus.DEGRADED,
        Impact.MINOR: PageStatus.DEGRADED,
        Impact.MAJOR: PageStatus.PARTIAL_OUTAGE,
        Impact.CRITICAL: PageStatus.MAJOR_OUTAGE,
        Impact.MAINTENANCE: PageStatus.MAINTENANCE,
    }
    scope = Scope.of(["api"], None)
    for impact, status in expected.items():
        snap = page(incident("i", impact=impact), components=COMPONENTS)
        assert scope.view(snap).status is status, impact


def test_a_maintenance_in_progress_in_scope_is_maintenance_whatever_its_impact() -> None:
    works = incident("m", impact=Impact.MINOR, status=IncidentStatus.IN_PROGRESS, maintenance=True)
    snap = page(works, components=COMPONENTS)
    assert Scope.of(["api"], None).view(snap).status is PageStatus.MAINTENANCE


def test_worst_of_nothing_is_unknown() -> None:
    assert worst([]) is PageStatus.UNKNOWN
    assert worst([PageStatus.UNKNOWN, PageStatus.OPERATIONAL]) is PageStatus.OPERATIONAL
    assert worst([PageStatus.DEGRADED, PageStatus.MAINTENANCE]) is PageStatus.DEGRADED
