"""Statuspage v2 JSON: what the recorded payloads leave out, read from small hand-made documents.

Each document is shaped as GitHub's ``summary.json`` (tests/fixtures/README.md), with one
field left out or moved at a time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    SourceKind,
    StatusPageContentError,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.statuspage import (
    api_documents,
    parse_statuspage_json,
)
from tests.status_page_server import json_bytes

PAGE = {"id": "kctbh9vrtdwd", "name": "GitHub", "url": "https://www.githubstatus.com"}
ULID = "01JMYB483C404VMPCW726E8MET"  # an OpenAI incident id after its move to incident.io
T1, T2, T3 = "2026-02-09T16:19:22.233Z", "2026-02-09T16:40:00.000Z", "2026-02-09T17:08:38.299Z"


def _incident(**fields: Any) -> dict[str, Any]:
    return {"id": "smf24rvl67v9", "name": "Incident with Pull Requests"} | fields


def _update(**fields: Any) -> dict[str, Any]:
    return {"id": "0c97jypg7kzg", "body": "We are investigating."} | fields


# --- words and names the page leaves out ------------------------------------------------------


def test_missing_status_words_read_as_unknown_and_a_missing_name_as_empty() -> None:
    affected = {"code": "8l4ygp009s5s", "new_status": "partial_outage"}  # no name, no old status
    body = {
        "page": PAGE,
        "components": [{"id": "8l4ygp009s5s", "name": "Git Operations"}],  # no status
        "incidents": [
            _incident(
                created_at=T1,
                incident_updates=[_update(created_at=T1, affected_components=[affected])],
            )
        ],
    }
    snap = parse_statuspage_json(json_bytes(body))
    (component,) = snap.components
    assert (component.status, component.status_raw) == (ComponentStatus.UNKNOWN, "unknown")
    (incident,) = snap.incidents
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "unknown")
    (update,) = incident.updates
    assert (update.status, update.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    (named,) = update.affected_components
    assert (named.id, named.name, named.new_status) == (
        "8l4ygp009s5s",
        "",
        ComponentStatus.PARTIAL_OUTAGE,
    )
    assert (named.old_status, named.old_status_raw) == (None, None)
    assert incident.components == ()  # a component without a name names nothing


def test_page_without_an_address_has_an_empty_one() -> None:
    snap = parse_statuspage_json(json_bytes({"page": {"id": "kctbh9vrtdwd", "name": "GitHub"}}))
    assert (snap.page.id, snap.page.name, snap.page.url) == ("kctbh9vrtdwd", "GitHub", "")


# --- when an incident was created -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"created_at": T1, "updated_at": T3}, datetime(2026, 2, 9, 16, 19, 22, 233000, UTC)),
        # No creation time: its first update's (newest first in the payload), not updated_at.
        (
            {
                "updated_at": T3,
                "incident_updates": [
                    _update(id="later", created_at=T2),
                    _update(id="first", created_at=T1),
                ],
            },
            datetime(2026, 2, 9, 16, 19, 22, 233000, UTC),
        ),
        # Neither: when it was last updated.
        ({"updated_at": T3}, datetime(2026, 2, 9, 17, 8, 38, 299000, UTC)),
    ],
    ids=["created_at", "first_update", "updated_at"],
)
def test_incident_creation_time_falls_back_in_order(
    fields: dict[str, Any], expected: datetime
) -> None:
    snap = parse_statuspage_json(json_bytes({"page": PAGE, "incidents": [_incident(**fields)]}))
    (incident,) = snap.incidents
    assert incident.created_at == expected


def test_incident_without_any_time_is_skipped() -> None:
    body = {"page": PAGE, "incidents": [_incident(), _incident(id="t5qmhtg29933", created_at=T1)]}
    assert [i.id for i in parse_statuspage_json(json_bytes(body)).incidents] == ["t5qmhtg29933"]


@pytest.mark.parametrize(
    "update",
    [
        _update(id="no-time"),
        _update(id=None, created_at=T2),
        {"body": "no id", "display_at": T2},
    ],
    ids=["id_without_a_time", "time_with_a_null_id", "time_without_an_id"],
)
def test_update_without_an_id_or_a_time_is_skipped(update: dict[str, Any]) -> None:
    updates = [_update(id="kept", created_at=T1), update]
    body = {"page": PAGE, "incidents": [_incident(created_at=T1, incident_updates=updates)]}
    (incident,) = parse_statuspage_json(json_bytes(body)).incidents
    assert [u.id for u in incident.updates] == ["kept"]


# --- maintenances -----------------------------------------------------------------------------


def test_maintenance_is_what_the_maintenance_list_holds_or_what_is_scheduled() -> None:
    body = {
        "page": PAGE,
        "incidents": [
            _incident(id="plain", created_at=T1),
            _incident(id="scheduled", created_at=T1, scheduled_for=T2, scheduled_until=T3),
        ],
        # A maintenance without its schedule is still a maintenance.
        "scheduled_maintenances": [_incident(id="window", created_at=T1, status="scheduled")],
    }
    snap = parse_statuspage_json(json_bytes(body))
    assert [(i.id, i.is_maintenance) for i in snap.incidents] == [
        ("plain", False),
        ("scheduled", True),
    ]
    assert [(m.id, m.is_maintenance, m.scheduled_for) for m in snap.maintenances] == [
        ("window", True, None)
    ]
    assert snap.incidents[1].scheduled_for == datetime(2026, 2, 9, 16, 40, tzinfo=UTC)


# --- incident.io's flavour and the page's documents ---------------------------------------------


@pytest.mark.parametrize(
    ("incidents", "maintenances", "kind"),
    [
        ([_incident(created_at=T1)], [_incident(created_at=T1)], SourceKind.STATUSPAGE),
        ([_incident(id=ULID, created_at=T1)], None, SourceKind.INCIDENTIO),
        (None, [_incident(id=ULID, created_at=T1)], SourceKind.INCIDENTIO),
    ],
    ids=["statuspage_ids", "incident_ulid", "maintenance_ulid"],
)
def test_an_incident_ulid_marks_incidentio(
    incidents: list[dict[str, Any]] | None,
    maintenances: list[dict[str, Any]] | None,
    kind: SourceKind,
) -> None:
    # The page id is no ULID here; an incident's or a maintenance's is enough (docs/catalog.md).
    body = {"page": PAGE, "incidents": incidents, "scheduled_maintenances": maintenances}
    assert sniff_document(json_bytes(body), "application/json").source is kind


def test_documents_are_cut_at_the_first_api_path() -> None:
    # The page is what comes before /api/v2/, even where the query repeats it.
    url = "https://www.githubstatus.com/api/v2/incidents.json?next=/api/v2/summary.json"
    assert api_documents(url) == (
        "https://www.githubstatus.com/api/v2/summary.json",
        "https://www.githubstatus.com/api/v2/incidents.json",
    )


@pytest.mark.parametrize(
    "body", [b"[]", b'{"page": null}', b'{"page": {"name": "GitHub"}}', b'{"page": {"id": ""}}']
)
def test_not_a_statuspage_document_says_so(body: bytes) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        parse_statuspage_json(body)
    # The text reaches the user (the poll's "bad content" error names it).
    assert str(caught.value) == "Not a Statuspage v2 document: no 'page' object with an id"
