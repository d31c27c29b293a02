"""Slack's status API: which documents are Slack's, the page status, odd incident fields.

Documents are shaped as docs.slack.dev/reference/slack-status-api describes them (see the
module docstring): ``current`` is ``{status: ok | active, date_created, date_updated,
active_incidents[]}``, ``history`` a bare array of incidents with ``services[]`` and ``notes[]``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.slack import parse_slack
from tests.status_page_server import json_bytes

JSON = "application/json"
HISTORY = "https://slack-status.com/api/v2.0.0/history"
WHEN = "2026-09-15T09:02:11-07:00"


def _row(**fields: Any) -> dict[str, Any]:
    """One incident as Slack lists it; ``fields`` replace or (as None) drop its keys."""
    row: dict[str, Any] = {
        "id": "1401",
        "date_created": WHEN,
        "date_updated": WHEN,
        "title": "Messages are slow to send",
        "type": "incident",
        "status": "active",
        "url": "https://slack-status.com/2026-09/1401",
        "services": ["Messaging"],
        "notes": [{"date_created": WHEN, "body": "We're looking into it."}],
    }
    row.update(fields)
    return {key: value for key, value in row.items() if value is not None}


def _current(status: str | None, *rows: dict[str, Any]) -> bytes:
    document: dict[str, Any] = {"date_created": WHEN, "date_updated": WHEN}
    if status is not None:
        document["status"] = status
    return json_bytes(document | {"active_incidents": list(rows)})


# --- Which documents are Slack's ----------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        # current, by its list of active incidents alone
        {"active_incidents": []},
        # current without the list: its status word and creation time
        {"status": "ok", "date_created": WHEN},
        {"status": "active", "date_created": WHEN},
        # history: incidents with notes, or with services
        [_row(services=None)],
        [_row(notes=None)],
    ],
    ids=["active_incidents", "ok", "active", "notes-only", "services-only"],
)
def test_slack_documents_are_recognised_by_their_shape(document: Any) -> None:
    snap = sniff_document(json_bytes(document), JSON)
    assert snap.source is SourceKind.SLACK


@pytest.mark.parametrize(
    "url",
    [HISTORY, "https://Status.Slack.com/api/v2.0.0/history"],
)
def test_an_empty_array_at_slacks_address_is_a_quiet_slack_page(url: str) -> None:
    snap = sniff_document(b"[]", JSON, url)
    assert (snap.source, snap.status, snap.incidents) == (
        SourceKind.SLACK,
        PageStatus.OPERATIONAL,
        (),
    )


@pytest.mark.parametrize(
    "document",
    [{}, {"status": "down", "date_created": WHEN}, {"status": "ok"}, [{"id": "1401"}]],
)
def test_other_documents_are_refused_by_name(document: Any) -> None:
    # The reason is what the log shows when a page's document is not a status document.
    with pytest.raises(StatusPageContentError) as error:
        parse_slack(json_bytes(document))
    assert str(error.value).startswith("Not a Slack status document")


# --- Page status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (_current("active", _row(type="outage")), PageStatus.MAJOR_OUTAGE),
        (_current("active", _row(), _row(id="1402", type="outage")), PageStatus.MAJOR_OUTAGE),
        (json_bytes([_row()]), PageStatus.DEGRADED),
        (json_bytes([_row(type="maintenance")]), PageStatus.MAINTENANCE),
        (_current("active", _row(type="maintenance")), PageStatus.MAINTENANCE),
        (_current("active", _row(type="outage", status="scheduled")), PageStatus.DEGRADED),
        (json_bytes([_row(type="outage", status="scheduled")]), PageStatus.OPERATIONAL),
        (json_bytes([_row(type="outage", status="resolved")]), PageStatus.OPERATIONAL),
        # Slack says something is active though no incident is listed (or readable).
        (_current("active"), PageStatus.DEGRADED),
        (_current("active", _row(date_created=None)), PageStatus.DEGRADED),
        (_current("ok"), PageStatus.OPERATIONAL),
    ],
    ids=[
        "outage",
        "incident-and-outage",
        "history-incident",
        "history-maintenance-in-progress",
        "current-maintenance-in-progress",
        "current-scheduled-only",
        "history-scheduled-only",
        "history-resolved-only",
        "active-none-listed",
        "active-none-readable",
        "ok",
    ],
)
def test_page_status_from_the_open_incidents(body: bytes, expected: PageStatus) -> None:
    assert parse_slack(body).status is expected


def test_a_current_document_without_a_status_is_unknown() -> None:
    snap = parse_slack(_current(None, _row()))
    assert (snap.status, snap.status_raw) == (PageStatus.UNKNOWN, "unknown")
    assert len(snap.incidents) == 1


# --- Odd incident fields ------------------------------------------------------------------------


def test_an_incident_without_status_or_type_is_unknown() -> None:
    (incident,) = parse_slack(json_bytes([_row(status=None, type=None)])).incidents
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "")
    assert not incident.is_maintenance


def test_an_unlisted_type_has_an_unknown_impact() -> None:
    (incident,) = parse_slack(json_bytes([_row(type="Degradation")])).incidents
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "degradation")
    assert (incident.status, incident.is_maintenance) == (IncidentStatus.INVESTIGATING, False)


def test_a_maintenance_type_makes_an_active_item_a_maintenance_in_progress() -> None:
    snap = parse_slack(json_bytes([_row(type="Planned Maintenance")]))
    (window,) = snap.maintenances
    assert snap.incidents == ()
    assert (window.status, window.status_raw) == (IncidentStatus.IN_PROGRESS, "active")
    assert (window.impact, window.impact_raw) == (Impact.MAINTENANCE, "planned maintenance")
    assert window.started_at is None


def test_notes_are_ordered_by_their_time_not_their_text() -> None:
    # 10:00 at -07:00 is 17:00 UTC: after 16:30Z, though its text sorts first.
    notes = [
        {"date_created": "2026-09-15T10:00:00-07:00", "body": "Fixed."},
        {"date_created": "2026-09-15T16:30:00Z", "body": "Investigating."},
    ]
    (incident,) = parse_slack(json_bytes([_row(status="resolved", notes=notes)])).incidents
    assert [(u.id, u.status, u.body) for u in incident.updates] == [
        ("2026-09-15T16:30:00Z", IncidentStatus.INVESTIGATING, "Investigating."),
        ("2026-09-15T10:00:00-07:00", IncidentStatus.RESOLVED, "Fixed."),
    ]
    assert incident.updates[1].created_at == datetime(2026, 9, 15, 17, 0, tzinfo=UTC)
