"""Better Stack ``index.json`` read field by field, from small documents in its JSON:API shape.

The fixtures are whole pages; these documents each vary one part of the shape the module
docstring describes: the page (``data``), its resources and sections, its status reports and
their posts (``included``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.betterstack import (
    betterstack_snapshot,
    parse_betterstack,
)
from tests.status_page_server import json_bytes


def _doc(attributes: dict[str, Any], *included: dict[str, Any]) -> bytes:
    page = {"id": "204417", "type": "status_page", "attributes": attributes}
    return json_bytes({"data": page, "included": list(included)})


def _resource(row_id: str, name: str, status: str | None = None) -> dict[str, Any]:
    attributes: dict[str, Any] = {"public_name": name}
    if status is not None:
        attributes["status"] = status
    return {"type": "status_page_resource", "id": row_id, "attributes": attributes}


def _report(
    row_id: str, attributes: dict[str, Any], posts: tuple[str, ...] | None = None
) -> dict[str, Any]:
    row: dict[str, Any] = {"type": "status_report", "id": row_id, "attributes": attributes}
    if posts is not None:
        data = [{"id": post, "type": "status_update"} for post in posts]
        row["relationships"] = {"status_updates": {"data": data}}
    return row


def _post(row_id: str, **attributes: Any) -> dict[str, Any]:
    return {"type": "status_update", "id": row_id, "attributes": attributes}


def _state(resource: str, status: str) -> dict[str, str]:
    return {"status_page_resource_id": resource, "status": status}


def test_refusal_names_what_is_missing() -> None:
    with pytest.raises(StatusPageContentError) as error:
        betterstack_snapshot({"data": {"id": "1", "type": "status_report"}})
    assert str(error.value) == "Not a Better Stack index.json: no 'data' of type 'status_page'"


@pytest.mark.parametrize(
    ("attributes", "resources", "status", "raw"),
    [
        ({}, [], PageStatus.UNKNOWN, "unknown"),  # no word sent
        ({"aggregate_state": "paused"}, [], PageStatus.UNKNOWN, "paused"),
        ({"aggregate_state": "operational"}, [], PageStatus.OPERATIONAL, "operational"),
        # downtime is a major outage only when every resource is down
        (
            {"aggregate_state": "downtime"},
            ["downtime", "operational"],
            PageStatus.PARTIAL_OUTAGE,
            "downtime",
        ),
        ({"aggregate_state": "downtime"}, [], PageStatus.PARTIAL_OUTAGE, "downtime"),
        ({"aggregate_state": "degraded"}, ["downtime"], PageStatus.DEGRADED, "degraded"),
    ],
)
def test_page_status_from_its_aggregate_state(
    attributes: dict[str, Any], resources: list[str], status: PageStatus, raw: str
) -> None:
    rows = [_resource(str(n), f"R{n}", state) for n, state in enumerate(resources)]
    snap = parse_betterstack(_doc(attributes, *rows))
    assert (snap.status, snap.status_raw) == (status, raw)


def test_announcement_resources_and_rows_without_ids() -> None:
    snap = parse_betterstack(
        _doc(
            {"company_name": "Acme", "announcement": "Database work tonight at 22:00."},
            _resource("1", "API"),  # no status word
            _resource("2", "Search", "paused"),  # a word the docs do not list
            {"type": "status_page_resource", "attributes": {"public_name": "No id"}},
            {"type": "status_page_section", "attributes": {"name": "No id"}},
        )
    )
    assert snap.description == "Database work tonight at 22:00."
    assert [(c.id, c.name, c.status, c.status_raw) for c in snap.components] == [
        ("1", "API", ComponentStatus.UNKNOWN, "unknown"),
        ("2", "Search", ComponentStatus.UNKNOWN, "paused"),
    ]
    assert snap.groups == ()


@pytest.mark.parametrize(
    ("attributes", "url", "page_url", "report_url"),
    [
        (
            {"subdomain": "acme"},
            None,
            "https://acme.betteruptime.com",
            "https://acme.betteruptime.com/incidents/77",
        ),
        # what comes before the first /index.json of the address it was read from
        (
            {"subdomain": "acme"},
            "https://status.acme.example/index.json?next=/index.json",
            "https://status.acme.example",
            "https://status.acme.example/incidents/77",
        ),
        ({}, None, "", None),  # nothing says where the page is: no report link either
    ],
)
def test_page_address_and_report_links(
    attributes: dict[str, Any], url: str | None, page_url: str, report_url: str | None
) -> None:
    report = _report("77", {"title": "Outage", "starts_at": "2026-09-14T12:00:00Z"})
    snap = parse_betterstack(_doc(attributes, report), url)
    assert snap.page.url == page_url
    (incident,) = snap.incidents
    assert incident.url == report_url


def test_reports_read_without_posts_or_without_a_start() -> None:
    snap = parse_betterstack(
        _doc(
            {"aggregate_state": "downtime"},
            _resource("1", "API", "downtime"),
            _report(
                "300",
                {
                    "title": "API down",
                    "report_type": "manual",
                    "starts_at": "2026-09-14T10:00:00Z",
                    "ends_at": "2026-09-14T12:00:00Z",
                    "affected_resources": [_state("1", "downtime")],
                },
            ),
            _report(
                "301",
                {
                    "title": "Upgrade",
                    "report_type": "maintenance",
                    "starts_at": "2026-09-20T08:00:00Z",
                    "ends_at": "2026-09-20T09:00:00Z",
                },
            ),
            _report("302", {"title": "Nothing says when"}),  # no start and no posts: left out
            _report("303", {"title": "Started by its posts"}, ("6002", "6001")),
            _post("6002", published_at="2026-09-14T09:30:00Z"),
            _post("6001", published_at="2026-09-14T09:00:00Z"),
        )
    )
    assert [i.id for i in snap.incidents] == ["300", "303"]
    down, started = snap.incidents
    # The report's own affected resources rate it when no post names them.
    assert (down.status, down.status_raw) == (IncidentStatus.INVESTIGATING, "unknown")
    assert (down.impact, down.components, down.updates) == (Impact.CRITICAL, ("API",), ())
    assert down.started_at == datetime(2026, 9, 14, 10, tzinfo=UTC)
    assert (down.scheduled_for, down.scheduled_until) == (None, None)  # not a maintenance
    assert started.created_at == datetime(2026, 9, 14, 9, tzinfo=UTC)  # its first post
    assert started.started_at is None
    (window,) = snap.maintenances
    assert (window.id, window.status, window.status_raw) == (
        "301",
        IncidentStatus.SCHEDULED,
        "unknown",
    )
    assert (window.impact, window.components) == (Impact.MAINTENANCE, ())
    assert (window.scheduled_for, window.scheduled_until) == (
        datetime(2026, 9, 20, 8, tzinfo=UTC),
        datetime(2026, 9, 20, 9, tzinfo=UTC),
    )


def test_posts_found_by_their_report_id_without_relationships() -> None:
    snap = parse_betterstack(
        _doc(
            {"aggregate_state": "degraded"},
            _report("401", {"title": "First", "starts_at": "2026-09-14T10:00:00Z"}),
            _report("402", {"title": "Second", "starts_at": "2026-09-14T11:00:00Z"}),
            _post("5002", published_at="2026-09-14T11:05:00Z", status_report_id="402"),
            _post("5001", published_at="2026-09-14T10:05:00Z", status_report_id=401),
        )
    )
    assert [(i.id, [u.id for u in i.updates]) for i in snap.incidents] == [
        ("402", ["5002"]),
        ("401", ["5001"]),
    ]


def test_a_post_names_its_resources_and_falls_back_to_created_at() -> None:
    affected = [
        {"status": "downtime"},  # no resource: skipped, not the end of the list
        _state("1", "degraded"),
        {"status_page_resource_id": "2"},  # no state word
    ]
    snap = parse_betterstack(
        _doc(
            {"aggregate_state": "degraded"},
            _resource("1", "API", "degraded"),
            _resource("2", "Search", "operational"),
            _report("500", {"title": "Slow", "starts_at": "2026-09-14T10:00:00Z"}, ("7001",)),
            _post("7001", created_at="2026-09-14T10:02:00Z", affected_resources=affected),
        )
    )
    (update,) = snap.incidents[0].updates
    assert (update.created_at, update.display_at) == (
        datetime(2026, 9, 14, 10, 2, tzinfo=UTC),
        datetime(2026, 9, 14, 10, 2, tzinfo=UTC),
    )
    assert [(c.id, c.name, c.new_status, c.new_status_raw) for c in update.affected_components] == [
        ("1", "API", ComponentStatus.DEGRADED_PERFORMANCE, "degraded"),
        ("2", "Search", ComponentStatus.UNKNOWN, "unknown"),
    ]
    assert (update.status, update.status_raw) == (IncidentStatus.INVESTIGATING, "degraded")


@pytest.mark.parametrize(
    ("report_type", "states", "status", "raw"),
    [
        # all back to resolved/operational: the post resolves, whichever word each used
        ("manual", ["operational", "resolved"], IncidentStatus.RESOLVED, "resolved"),
        ("maintenance", ["operational"], IncidentStatus.COMPLETED, "resolved"),
        # else a progress post, its raw value the worst state it names
        ("manual", ["degraded", "downtime"], IncidentStatus.INVESTIGATING, "downtime"),
        ("manual", [], IncidentStatus.INVESTIGATING, ""),
        # a maintenance post that names no resource is the work in progress
        ("maintenance", [], IncidentStatus.IN_PROGRESS, ""),
    ],
)
def test_post_status_from_the_resources_it_names(
    report_type: str, states: list[str], status: IncidentStatus, raw: str
) -> None:
    affected = [_state(str(n), state) for n, state in enumerate(states)]
    report = {"title": "Work", "report_type": report_type, "starts_at": "2026-09-14T10:00:00Z"}
    snap = parse_betterstack(
        _doc(
            {"aggregate_state": "operational"},
            _report("600", report, ("8001",)),
            _post("8001", published_at="2026-09-14T10:01:00Z", affected_resources=affected),
        )
    )
    (found,) = (*snap.incidents, *snap.maintenances)
    (update,) = found.updates
    assert (update.status, update.status_raw) == (status, raw)
