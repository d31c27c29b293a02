"""StatusPal summaries: fields the real captures never leave out or set (hand-made, same shape)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import (
    Impact,
    IncidentStatus,
    PageStatus,
)
from custom_components.status_tracker.client.platforms.statuspal import statuspal_snapshot

_API = "https://statuspal.io/api/v2/status_pages/acme/summary"


def _summary(**extra: object) -> dict[str, object]:
    """A summary shaped as the captures: page, one service, and what ``extra`` adds."""
    page: dict[str, object] = {"subdomain": "acme", "name": "Acme", "time_zone": "Etc/UTC"}
    return {
        "status_page": page,
        "services": [{"id": 7, "name": "API", "current_incident_type": None, "children": []}],
        **extra,
    }


def test_refusal_names_what_is_missing() -> None:
    with pytest.raises(StatusPageContentError) as error:
        statuspal_snapshot({"status_page": {}, "services": []}, _API)
    assert str(error.value) == (
        "Not a StatusPal summary: no 'status_page.subdomain' and 'services'"
    )


def test_page_without_incident_type_is_operational_with_no_raw_word() -> None:
    snap = statuspal_snapshot(_summary(), None)
    assert (snap.status, snap.status_raw, snap.page.url) == (PageStatus.OPERATIONAL, "", "")


def test_page_url_empty_for_a_url_that_is_no_summary() -> None:
    snap = statuspal_snapshot(_summary(), "https://example.com/status")
    assert snap.page.url == ""


def test_custom_page_type_stays_raw_as_unknown() -> None:
    data = _summary()
    data["status_page"] = {"subdomain": "acme", "current_incident_type": "partial-freeze"}
    snap = statuspal_snapshot(data, _API)
    assert (snap.status, snap.status_raw) == (PageStatus.UNKNOWN, "partial-freeze")


def test_page_status_word_read_when_no_incident_type() -> None:
    snap = statuspal_snapshot(_summary(current_status_type="operational"), _API)
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "operational")


def test_null_subdomain_leaves_page_id_empty() -> None:
    data = _summary()
    data["status_page"] = {"subdomain": None}
    snap = statuspal_snapshot(data, _API)
    assert (snap.page.id, snap.page.name) == ("", "")


def test_info_notice_is_listed_with_its_services() -> None:
    notice = {
        "id": 31,
        "title": "New region",
        "type": "info",
        "starts_at": "2024-05-02T10:00:00",
        "service_ids": [7],
        "updates": [],
    }
    (item,) = statuspal_snapshot(_summary(info_notices=[notice]), _API).incidents
    assert (item.id, item.name, item.impact, item.components) == (
        "31",
        "New region",
        Impact.NONE,
        ("API",),
    )


def test_incident_without_start_starts_when_inserted() -> None:
    row = {"id": 1, "title": "Down", "type": "major", "inserted_at": "2024-05-02T10:00:00"}
    (item,) = statuspal_snapshot(_summary(incidents=[row]), _API).incidents
    assert item.started_at == datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    # No update yet: nothing said, still under investigation.
    assert (item.status, item.status_raw) == (IncidentStatus.INVESTIGATING, "")


def test_incident_without_id_or_time_is_dropped() -> None:
    rows = [
        {"title": "No id", "type": "major", "starts_at": "2024-05-02T10:00:00"},
        {"id": 2, "title": "No time", "type": "major"},
        {"id": 3, "title": "Kept", "type": "major", "starts_at": "2024-05-02T10:00:00"},
    ]
    snap = statuspal_snapshot(_summary(incidents=rows), _API)
    assert [i.id for i in snap.incidents] == ["3"]


def test_incident_without_type_keeps_no_raw_impact() -> None:
    row = {"id": 4, "title": "Odd", "starts_at": "2024-05-02T10:00:00"}
    (item,) = statuspal_snapshot(_summary(incidents=[row]), _API).incidents
    assert (item.impact, item.impact_raw) == (Impact.UNKNOWN, "")


def test_resolved_incident_ends_when_it_ended_and_schedules_nothing() -> None:
    row = {
        "id": 5,
        "title": "Slow",
        "type": "minor",
        "starts_at": "2024-05-02T10:00:00",
        "ends_at": "2024-05-02T11:30:00",
        "updates": [
            {"id": 52, "type": "resolved", "inserted_at": "2024-05-02T11:30:00"},
            {"id": 51, "type": "issue", "inserted_at": "2024-05-02T10:00:00"},
        ],
    }
    (item,) = statuspal_snapshot(_summary(incidents=[row]), _API).incidents
    assert item.status is IncidentStatus.RESOLVED
    assert item.resolved_at == datetime(2024, 5, 2, 11, 30, tzinfo=UTC)
    assert (item.scheduled_for, item.scheduled_until) == (None, None)


def test_update_fields_a_capture_never_leaves_out() -> None:
    row = {
        "id": 6,
        "title": "Slow",
        "type": "minor",
        "starts_at": "2024-05-02T10:00:00",
        "updates": [
            {"type": "issue", "inserted_at": "2024-05-02T10:20:00"},  # no id: skipped
            {"id": 63, "description": "Plain words", "posted_at": "2024-05-02T10:10:00"},
            {"id": 62, "type": "issue", "description_html": "<p>First</p>"},  # no time
        ],
    }
    (item,) = statuspal_snapshot(_summary(incidents=[row]), _API).incidents
    (update,) = item.updates
    assert (update.id, update.status_raw, update.body) == ("63", "", "Plain words")
    assert update.created_at == datetime(2024, 5, 2, 10, 10, tzinfo=UTC)
