"""Rootly's documents, field by field: small documents shaped as Rootly's examples.

The documented shapes are in the module docstring and tests/fixtures/README.md
(``status.json``: ``{page, status: {indicator, description}, incidents}``;
``incidents.json``: ``{page, incidents}``, each incident with ``incident_updates``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    Snapshot,
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.registry import platform_for

ROOTLY = "https://status.example.com"
STATUS = ROOTLY + "/api/v1/status.json"
INCIDENTS = ROOTLY + "/api/v1/incidents.json"
PAGE = {"name": "Acme Status", "url": ROOTLY, "time_zone": "America/Los_Angeles"}


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 19, hour, minute, tzinfo=UTC)


def _build(data: Any, url: str | None = INCIDENTS) -> Snapshot:
    return platform_for("rootly").build(data, url)


def _incidents(*rows: dict[str, Any]) -> Snapshot:
    return _build({"page": PAGE, "incidents": list(rows)})


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        # README: the indicator none / minor / major / critical is operational / degraded /
        # partial outage / major outage; Rootly's docs add maintenance.
        ("none", PageStatus.OPERATIONAL),
        ("minor", PageStatus.DEGRADED),
        ("major", PageStatus.PARTIAL_OUTAGE),
        ("critical", PageStatus.MAJOR_OUTAGE),
        ("maintenance", PageStatus.MAINTENANCE),
    ],
)
def test_rootly_page_state_is_the_indicator(indicator: str, expected: PageStatus) -> None:
    data = {
        "page": PAGE,
        "status": {"indicator": indicator, "description": "Words"},
        "incidents": [],
    }
    snap = _build(data, STATUS)
    assert (snap.status, snap.status_raw, snap.description) == (expected, indicator, "Words")


def test_rootly_no_active_incident_reads_operational() -> None:
    # incidents.json given first: no incident open is Rootly's indicator "none".
    snap = _incidents()
    assert (snap.status, snap.status_raw, snap.description) == (PageStatus.OPERATIONAL, "none", "")


@pytest.mark.parametrize(
    ("page_url", "document", "expected"),
    [
        ("https://status.example.com/", STATUS, ROOTLY),  # a trailing slash is no part of it
        (None, INCIDENTS, ROOTLY),  # no page url: the document's site
        (None, None, ""),  # neither: no address is made up
        ("https://STATUS.EXAMPLE.BOX/", STATUS, "https://STATUS.EXAMPLE.BOX"),
    ],
)
def test_rootly_page_address(page_url: str | None, document: str | None, expected: str) -> None:
    page = {"name": "Acme Status"} | ({"url": page_url} if page_url else {})
    snap = _build({"page": page, "incidents": []}, document)
    assert (snap.page.id, snap.page.url, snap.page.name) == (expected, expected, "Acme Status")


@pytest.mark.parametrize("data", [[], {"incidents": []}, {"page": "Acme", "incidents": []}])
def test_rootly_document_without_its_page_is_refused(data: Any) -> None:
    with pytest.raises(StatusPageContentError, match=r"^Not a Rootly status page document"):
        _build(data, STATUS)


def test_rootly_documents_cut_at_the_first_api_path() -> None:
    # The page is what comes before /api/v1/, even where the query repeats it.
    documents = platform_for("rootly").documents(INCIDENTS + "?ref=/api/v1/status.json")
    assert documents == (INCIDENTS + "?per_page=100", STATUS)


# --- incidents --------------------------------------------------------------------------------


def test_rootly_incident_read_from_its_other_field_names() -> None:
    # A title instead of a name, created_at instead of started_at, a severity instead of
    # the impact word (High is major in Rootly's table), its own updated_at.
    (incident,) = _incidents(
        {
            "title": "Login errors",
            "status": "started",
            "severity": "High",
            "created_at": "2026-03-19T10:30:00Z",
            "updated_at": "2026-03-19T11:15:00Z",
            "url": ROOTLY + "/incidents/x1",
        }
    ).incidents
    assert (incident.name, incident.started_at, incident.created_at) == (
        "Login errors",
        _at(10, 30),
        _at(10, 30),
    )
    assert (incident.impact, incident.impact_raw, incident.updated_at) == (
        Impact.MAJOR,
        "High",
        _at(11, 15),
    )


def test_rootly_posts_ordered_keyed_and_read() -> None:
    # Posts under "updates", out of order, two at the same time without ids, one without
    # a status word, bodies under "message"; no start time on the incident itself.
    (incident,) = _incidents(
        {
            "name": "API Degradation",
            "impact": "minor",
            "url": ROOTLY + "/incidents/abc123",
            "updates": [
                {
                    "id": "p-3",
                    "status": "monitoring",
                    "body": "<p>Watching</p>",
                    "created_at": "2026-03-19T10:50:00Z",
                    "display_at": "2026-03-19T10:55:00Z",
                },
                {"message": "Looking", "created_at": "2026-03-19T10:35:00Z"},
                {"status": "identified", "message": "Found", "created_at": "2026-03-19T10:35:00Z"},
            ],
        }
    ).incidents
    assert [(u.id, u.status, u.status_raw, u.body) for u in incident.updates] == [
        ("2026-03-19T10:35:00Z", IncidentStatus.UPDATE, "", "Looking"),
        ("2026-03-19T10:35:00Z#2", IncidentStatus.IDENTIFIED, "identified", "Found"),
        ("p-3", IncidentStatus.MONITORING, "monitoring", "Watching"),
    ]
    assert [(u.created_at, u.display_at) for u in incident.updates] == [
        (_at(10, 35), _at(10, 35)),
        (_at(10, 35), _at(10, 35)),
        (_at(10, 50), _at(10, 55)),
    ]
    # Started with its first post; without a lifecycle word its newest post's word is its state.
    assert (incident.started_at, incident.status, incident.status_raw) == (
        _at(10, 35),
        IncidentStatus.MONITORING,
        "",
    )
    assert incident.updated_at == _at(10, 50)


def test_rootly_closed_incident_resolved_at_its_newest_post() -> None:
    posts = [
        {"status": word, "body": word, "created_at": f"2026-03-19T{hour}:00:00Z"}
        for word, hour in (("investigating", 10), ("identified", 11), ("resolved", 12))
    ]
    row = {"name": "Outage", "status": "resolved", "started_at": "2026-03-19T09:00:00Z"}
    with_posts, without = _incidents(
        row | {"url": "a", "incident_updates": posts}, row | {"url": "b"}
    ).incidents
    assert (with_posts.status, with_posts.resolved_at) == (IncidentStatus.RESOLVED, _at(12))
    assert (without.status, without.resolved_at) == (IncidentStatus.RESOLVED, None)


def test_rootly_only_a_maintenance_has_a_window() -> None:
    window = {"scheduled_for": "2026-03-20T02:00:00Z", "scheduled_until": "2026-03-20T03:00:00Z"}
    row = {"name": "Upgrade", "started_at": "2026-03-19T09:00:00Z"} | window
    snap = _incidents(row | {"url": "m", "status": "scheduled"}, row | {"url": "i"})
    (maintenance,) = snap.maintenances
    assert (maintenance.status, maintenance.scheduled_for, maintenance.scheduled_until) == (
        IncidentStatus.SCHEDULED,
        datetime(2026, 3, 20, 2, tzinfo=UTC),
        datetime(2026, 3, 20, 3, tzinfo=UTC),
    )
    # An incident (no status word: investigating) has no window; no impact word is unknown.
    (incident,) = snap.incidents
    assert (incident.status, incident.scheduled_for, incident.scheduled_until) == (
        IncidentStatus.INVESTIGATING,
        None,
        None,
    )
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "")


# --- recognition ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "ours"),
    [
        ({"page": PAGE, "incidents": []}, True),
        ({"page": PAGE, "status": {"indicator": "none"}, "incidents": []}, True),
        # A page with an id is Statuspage's, even at a v1 address.
        ({"page": PAGE | {"id": "y2j98763l2x1"}, "incidents": []}, False),
        # A status without its indicator word is not Rootly's status.json.
        ({"page": PAGE, "status": {"indicator": 2}, "incidents": []}, False),
        ({"page": PAGE, "status": "operational", "incidents": []}, False),
    ],
)
def test_rootly_recognised_by_a_page_without_id_and_a_worded_indicator(
    data: dict[str, Any], ours: bool
) -> None:
    assert platform_for("rootly").recognise(data, STATUS) is ours
