"""Which new updates fire events: minimum impact, components and regions followed.

Promises from the README's options table and filters.py's docstring.
"""

from __future__ import annotations

from custom_components.status_tracker.client import Impact, UpdateFilter
from tests.client.builders import component, incident, new, page, post

SNAP = page(components=(component("api", "API"), component("actions", "Actions")))


def passes(wanted: UpdateFilter, impact: Impact) -> bool:
    """Whether an update of an incident of ``impact`` naming nothing passes."""
    return wanted.wanted(new(incident("i", impact=impact, updates=(post("u"),))), SNAP)


def test_filter_of_stored_options() -> None:
    assert UpdateFilter.of(None, None) == UpdateFilter(
        min_impact=Impact.NONE, components=frozenset(), regions=frozenset()
    )
    assert UpdateFilter.of("major", ["api"], ["eu-central-1"]) == UpdateFilter(
        min_impact=Impact.MAJOR,
        components=frozenset({"api"}),
        regions=frozenset({"eu-central-1"}),
    )
    assert UpdateFilter.of("critical", ["api", "actions"]) == UpdateFilter(
        min_impact=Impact.CRITICAL, components=frozenset({"api", "actions"})
    )


def test_any_impact_passes_by_default() -> None:
    for impact in Impact:
        assert passes(UpdateFilter(), impact), impact
        assert passes(UpdateFilter.of(None, None), impact), impact


def test_minimum_impact_drops_lower_impacts() -> None:
    major = UpdateFilter.of("major", None)
    assert not passes(major, Impact.NONE)
    assert not passes(major, Impact.MINOR)
    assert passes(major, Impact.MAJOR)
    assert passes(major, Impact.CRITICAL)
    critical = UpdateFilter.of("critical", None)
    assert not passes(critical, Impact.MAJOR)
    assert passes(critical, Impact.CRITICAL)
    minor = UpdateFilter.of("minor", None)
    assert not passes(minor, Impact.NONE)
    assert passes(minor, Impact.MINOR)


def test_unknown_impact_always_passes() -> None:
    assert passes(UpdateFilter.of("critical", None), Impact.UNKNOWN)


def test_components_followed() -> None:
    follow_api = UpdateFilter.of(None, ["api"])
    quiet = incident("i", updates=(post("u"),))
    on_actions = post("u2", affected=(("actions", "Actions"),))
    on_api = post("u3", affected=(("api", "API"),))
    # An update that names no component still fires.
    assert follow_api.wanted(new(quiet), SNAP)
    assert not follow_api.wanted(new(quiet, on_actions), SNAP)
    assert follow_api.wanted(new(quiet, on_api), SNAP)
    assert follow_api.wanted(new(incident("j", components=("API",), updates=(post("u"),))), SNAP)
    assert not follow_api.wanted(
        new(incident("k", components=("Actions",), updates=(post("u"),))), SNAP
    )
    # Empty means all components.
    assert UpdateFilter.of(None, []).wanted(new(quiet, on_actions), SNAP)


def test_regions_followed() -> None:
    follow_eu = UpdateFilter.of(None, None, ["eu-central-1"])
    assert not follow_eu.wanted(
        new(incident("a", regions=("us-east-1",), updates=(post("u"),))), SNAP
    )
    assert follow_eu.wanted(
        new(incident("b", regions=("eu-central-1",), updates=(post("u"),))), SNAP
    )
    assert follow_eu.wanted(new(incident("c", updates=(post("u"),))), SNAP)


def test_impact_and_scope_both_apply() -> None:
    both = UpdateFilter.of("major", ["api"])
    on_api = post("u", affected=(("api", "API"),))
    on_actions = post("u", affected=(("actions", "Actions"),))
    assert both.wanted(new(incident("a", impact=Impact.MAJOR, updates=(on_api,))), SNAP)
    assert not both.wanted(new(incident("b", impact=Impact.MINOR, updates=(on_api,))), SNAP)
    assert not both.wanted(new(incident("c", impact=Impact.MAJOR, updates=(on_actions,))), SNAP)
