"""Cachet 2.x/3.x read from small hand-made documents shaped as its API documents them."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    PageStatus,
    Snapshot,
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.cachet import (
    cachet_documents,
    cachet_snapshot,
    is_cachet,
)

V1 = "https://status.example.org/api/v1/incidents"


def _build(*rows: dict[str, Any], url: str | None = V1, **extra: Any) -> Snapshot:
    return cachet_snapshot({"data": list(rows), **extra}, url)


# --- the page and its documents ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://status.example.org/api/v1/components?per_page=100", "https://status.example.org"),
        ("https://status.example.org/api/components?per_page=100", "https://status.example.org"),
        # An instance under a path: the page is everything before the API's path.
        (
            "https://example.org/api-docs/status/api/v1/incidents",
            "https://example.org/api-docs/status",
        ),
        ("https://example.org/api/status/api/v1/incidents", "https://example.org/api/status"),
        ("https://example.org/api/status/api/incidents", "https://example.org/api/status"),
        ("https://status.example.org", "https://status.example.org"),
        (None, ""),
    ],
)
def test_cachet_page_is_the_address_before_the_api(url: str | None, base: str) -> None:
    page = _build(url=url).page
    assert (page.id, page.url) == (base, base)


def test_cachet_documents_of_each_version() -> None:
    assert cachet_documents("https://status.example.org/api/v1/components") == (
        "https://status.example.org/api/v1/components?per_page=100",
        "https://status.example.org/api/v1/incidents?per_page=50&sort=id&order=desc",
        "https://status.example.org/api/v1/components/groups",
    )
    assert cachet_documents("https://status.example.org/api/components") == (
        "https://status.example.org/api/components?per_page=100",
        "https://status.example.org/api/incidents?include=updates&per_page=50&sort=-id",
        "https://status.example.org/api/schedules",
    )


@pytest.mark.parametrize("document", [[], "data", {"data": {}}, {"meta": {}}])
def test_cachet_not_a_list_is_refused(document: object) -> None:
    with pytest.raises(StatusPageContentError) as error:
        cachet_snapshot(document, V1)
    assert str(error.value) == "Not a Cachet API list: no 'data' array"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"meta": {"pagination": {}}, "data": [{"status": 1, "status_name": "Operational"}]}, True),
        ({"meta": {"pagination": {}}, "data": [{"status": 1}]}, False),
        ({"meta": {"pagination": {}}, "data": [{"status_name": "Operational"}]}, False),
        ({"data": [{"type": "components", "attributes": {"status": {"value": 1}}}]}, True),
        ({"data": [{"type": "incidents", "attributes": {"status": {"value": 1}}}]}, False),
        ({"data": [{"type": "components", "attributes": {"name": "API"}}]}, False),
        ({"data": [1, 2]}, False),
        ({"data": []}, False),
    ],
)
def test_cachet_recognised_by_its_component_rows(document: object, expected: bool) -> None:
    assert is_cachet(document) is expected


# --- components and groups --------------------------------------------------------------------


def _component(**row: Any) -> Any:
    (component,) = _build({"id": 1, "name": "API", "link": "", **row}).components
    return component


@pytest.mark.parametrize(
    ("status", "state", "raw"),
    [
        (1, ComponentStatus.OPERATIONAL, "1"),
        ("4", ComponentStatus.MAJOR_OUTAGE, "4"),
        ({"value": 6, "human": "Under maintenance"}, ComponentStatus.UNDER_MAINTENANCE, "6"),
        (0, ComponentStatus.UNKNOWN, "0"),
        (5, ComponentStatus.UNKNOWN, "5"),
        ("major", ComponentStatus.UNKNOWN, "major"),
        (None, ComponentStatus.UNKNOWN, ""),
    ],
)
def test_cachet_component_states(status: object, state: ComponentStatus, raw: str) -> None:
    component = _component(status=status)
    assert (component.status, component.status_raw) == (state, raw)


def test_cachet_disabled_component_is_not_the_page_state() -> None:
    snap = _build(
        {"id": 1, "name": "API", "link": "", "status": 4, "enabled": False},
        {"id": 2, "name": "Web", "link": "", "status": 1, "enabled": True},
    )
    assert [c.status for c in snap.components] == [
        ComponentStatus.UNKNOWN,
        ComponentStatus.OPERATIONAL,
    ]
    assert snap.status is PageStatus.OPERATIONAL


@pytest.mark.parametrize(
    ("states", "page", "raw"),
    [
        ((1, 4), PageStatus.MAJOR_OUTAGE, "major_outage"),
        ((3, 2), PageStatus.PARTIAL_OUTAGE, "partial_outage"),
        ((2, 1), PageStatus.DEGRADED, "degraded_performance"),
        ((5,), PageStatus.UNKNOWN, ""),
    ],
)
def test_cachet_page_state_is_the_worst_component(
    states: tuple[int, ...], page: PageStatus, raw: str
) -> None:
    rows = [{"id": n, "name": f"C{n}", "link": "", "status": s} for n, s in enumerate(states)]
    snap = _build(*rows)
    assert (snap.status, snap.status_raw) == (page, raw)


@pytest.mark.parametrize(
    ("row", "group"),
    [
        ({"group_id": 3}, "3"),
        ({"component_group_id": 3}, "3"),  # 3.x
        ({"group_id": 0}, None),
        ({"group_id": "0"}, None),  # 2.x may send numbers as strings
        ({}, None),
    ],
)
def test_cachet_component_group(row: dict[str, Any], group: str | None) -> None:
    assert _component(status=1, **row).group_id == group


def test_cachet_component_without_id_or_name() -> None:
    (component,) = _build({"link": "", "status": 1}).components
    assert (component.id, component.name) == ("", "")


def test_cachet_groups_document() -> None:
    snap = _build({"id": 3, "name": "Web"}, {"name": "Nameless"})
    assert [(g.id, g.name, g.component_ids) for g in snap.groups] == [
        ("3", "Web", ()),
        ("", "Nameless", ()),
    ]


@pytest.mark.parametrize(
    "row",
    [
        {"id": 3, "name": "Web", "status": 1},
        {"id": 3, "name": "Web", "link": ""},
        {"id": 3, "name": "Web", "message": "text"},
    ],
)
def test_cachet_rows_with_states_links_or_messages_are_not_groups(row: dict[str, Any]) -> None:
    assert _build(row).groups == ()


def test_cachet_components_document_holds_no_groups() -> None:
    snap = _build({"id": 1, "name": "API", "link": "", "status": 1}, {"id": 3, "name": "Web"})
    assert (len(snap.components), snap.groups) == (1, ())
