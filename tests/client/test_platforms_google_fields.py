"""Google's ``incidents.json`` read field by field from small hand-made rows.

Each row is shaped as the real ones (tests/fixtures/google_cloud_incidents_*.json, the schema in
the module docstring): the tests vary one field or fallback at a time and assert what the
reading promises (times, status, impact, components, regions, updates, the page's name).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    Impact,
    Incident,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
    platform_for,
)
from custom_components.status_tracker.client.platforms.google import parse_google
from tests.status_page_server import json_bytes

CLOUD = "https://status.cloud.google.com/incidents.json"
WORKSPACE = "https://www.google.com/appsstatus/dashboard/incidents.json"
T0 = "2026-09-14T08:00:00+00:00"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 9, 14, hour, minute, tzinfo=UTC)


def row(**fields: Any) -> dict[str, Any]:
    """An open incident row; ``None`` drops a field."""
    base: dict[str, Any] = {
        "id": "gX7kQ2pLm9RtV4sNw1Yb",
        "begin": T0,
        "created": T0,
        "modified": T0,
        "external_desc": "Elevated errors",
        "status_impact": "SERVICE_DISRUPTION",
        "severity": "medium",
        "service_name": "Multiple Products",
        "affected_products": [{"title": "Google Compute Engine", "id": "L3MkJ23"}],
        "updates": [
            {"created": T0, "when": T0, "text": "Investigating.", "status": "SERVICE_DISRUPTION"}
        ],
        "uri": "incidents/gX7kQ2pLm9RtV4sNw1Yb",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def read(*rows: dict[str, Any]) -> tuple[Incident, ...]:
    return parse_google(json_bytes(list(rows)), CLOUD).incidents


def only(one: dict[str, Any]) -> Incident:
    (incident,) = read(one)
    return incident


# --- the platform: addresses and documents ----------------------------------------------------


@pytest.mark.parametrize(
    ("url", "claimed"),
    [
        ("https://www.google.com/appsstatus/dashboard", WORKSPACE),
        ("https://WWW.GOOGLE.COM/appsstatus/dashboard/summary", WORKSPACE),
        ("https://www.google.com/search", None),  # Google's host, not its status dashboard
        ("https://status.example.org/appsstatus/dashboard", None),  # the path on another host
    ],
)
def test_google_claims_only_the_workspace_dashboard(url: str, claimed: str | None) -> None:
    assert platform_for(SourceKind.GOOGLE).claim(url) == claimed


@pytest.mark.parametrize(
    ("url", "ours"),
    [
        ("https://status.cloud.google.com/incidents.json", True),
        ("https://status.example.org/google/INCIDENTS.JSON", True),
        ("https://health.aws.amazon.com/public/currentevents", False),
    ],
)
def test_google_recognises_an_empty_array_by_its_address(url: str, ours: bool) -> None:
    assert platform_for(SourceKind.GOOGLE).recognise([], url) is ours


@pytest.mark.parametrize("body", [b'{"page": {}}', b'[{"name": "Website", "status": "up"}]'])
def test_google_refuses_other_documents_saying_why(body: bytes) -> None:
    message = r"^Not a Google incidents\.json: expected an array of incidents$"
    with pytest.raises(StatusPageContentError, match=message):
        parse_google(body, CLOUD)


@pytest.mark.parametrize(
    ("url", "name", "page_url"),
    [
        (CLOUD, "Google Cloud", "https://status.cloud.google.com"),
        (WORKSPACE, "Google Workspace", "https://www.google.com/appsstatus/dashboard"),
        (
            "https://mirror.example.org/google/incidents.json",
            "",
            "https://mirror.example.org/google",
        ),
        (None, "", ""),
    ],
)
def test_google_page_is_named_only_on_googles_hosts(
    url: str | None, name: str, page_url: str
) -> None:
    page = parse_google(b"[]", url).page
    assert (page.name, page.url) == (name, page_url)


def test_google_page_status_raw_is_the_worst_open_incidents() -> None:
    notice = row(
        id="newer", modified="2026-09-14T09:00:00+00:00", status_impact="SERVICE_INFORMATION"
    )
    outage = row(id="older", status_impact="SERVICE_OUTAGE")
    snap = parse_google(json_bytes([notice, outage]), CLOUD)
    assert [i.id for i in snap.incidents] == ["newer", "older"]
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "SERVICE_OUTAGE")


# --- one incident -----------------------------------------------------------------------------


def test_google_incident_created_falls_back_to_begin_then_the_first_update() -> None:
    later = [
        {"created": "2026-09-14T08:40:00+00:00", "text": "Fixed.", "status": "AVAILABLE"},
        {"created": "2026-09-14T08:20:00+00:00", "text": "Looking.", "status": "SERVICE_OUTAGE"},
    ]
    assert only(row(created=None, updates=later)).created_at == at(8)  # begin
    assert only(row(created=None, begin=None, updates=later)).created_at == at(8, 20)  # oldest


@pytest.mark.parametrize(
    "fields",
    [
        {"id": None},  # no id
        {"created": None, "begin": None, "updates": None},  # no time at all
    ],
)
def test_google_incident_without_id_or_any_time_is_skipped(fields: dict[str, Any]) -> None:
    assert read(row(**fields)) == ()


@pytest.mark.parametrize(
    ("fields", "status_raw"),
    [
        # most_recent_update names the incident's current state, whatever updates[] holds.
        ({"most_recent_update": {"created": T0, "status": "SERVICE_OUTAGE"}}, "SERVICE_OUTAGE"),
        # Without it, the newest update's state.
        (
            {
                "updates": [
                    {"created": "2026-09-14T09:00:00+00:00", "status": "AVAILABLE"},
                    {"created": T0, "status": "SERVICE_DISRUPTION"},
                ]
            },
            "AVAILABLE",
        ),
        ({"updates": None}, ""),  # no post at all
    ],
)
def test_google_incident_status_raw(fields: dict[str, Any], status_raw: str) -> None:
    incident = only(row(**fields))
    assert incident.status_raw == status_raw
    assert incident.status is IncidentStatus.INVESTIGATING  # "end" is missing: still open


@pytest.mark.parametrize(
    ("status_impact", "severity", "impact", "impact_raw"),
    [
        ("SERVICE_OUTAGE", None, Impact.CRITICAL, "SERVICE_OUTAGE"),
        ("SERVICE_INFORMATION", "high", Impact.MINOR, "SERVICE_INFORMATION"),  # impact first
        (None, "medium", Impact.MAJOR, "medium"),
        (None, "Low", Impact.MINOR, "Low"),
        (None, "catastrophic", Impact.UNKNOWN, "catastrophic"),
        (None, None, Impact.UNKNOWN, ""),
    ],
)
def test_google_incident_impact_from_status_impact_then_severity(
    status_impact: str | None, severity: str | None, impact: Impact, impact_raw: str
) -> None:
    incident = only(row(status_impact=status_impact, severity=severity))
    assert (incident.impact, incident.impact_raw) == (impact, impact_raw)


@pytest.mark.parametrize(
    ("fields", "components"),
    [
        ({"affected_products": None, "service_name": "Google BigQuery"}, ("Google BigQuery",)),
        ({"affected_products": [], "service_name": "Google BigQuery"}, ("Google BigQuery",)),
        ({"affected_products": None, "service_name": None}, ()),
    ],
)
def test_google_incident_components_fall_back_to_the_service_name(
    fields: dict[str, Any], components: tuple[str, ...]
) -> None:
    assert only(row(**fields)).components == components


def test_google_incident_regions_from_current_previous_and_update_locations() -> None:
    incident = only(
        row(
            currently_affected_locations=[{"title": "Iowa (us-central1)", "id": "us-central1"}],
            previously_affected_locations=[
                {"title": "Belgium (europe-west1)", "id": "europe-west1"}
            ],
            updates=[
                {
                    "created": T0,
                    "status": "SERVICE_DISRUPTION",
                    "affected_locations": [{"title": "Taiwan (asia-east1)", "id": "asia-east1"}],
                }
            ],
        )
    )
    assert incident.regions == ("asia-east1", "europe-west1", "us-central1")


def test_google_open_incident_has_no_resolution_time() -> None:
    assert [i.resolved_at for i in read(row(end=None), row(id="b", end="  "))] == [None, None]


# --- updates ----------------------------------------------------------------------------------


def test_google_updates_fall_back_to_the_most_recent_update() -> None:
    latest = {"created": T0, "when": T0, "text": "Only post.", "status": "SERVICE_DISRUPTION"}
    (update,) = only(row(updates=None, most_recent_update=latest)).updates
    assert (update.id, update.body, update.status_raw) == (T0, "Only post.", "SERVICE_DISRUPTION")


def test_google_update_times_ids_and_order() -> None:
    posts = [
        {"text": "no time: skipped", "status": "SERVICE_DISRUPTION"},
        {"when": "2026-09-14T11:00:00+00:00", "text": "when only"},
        {"created": "2026-09-14T09:30:00+00:00", "text": "B", "status": "SERVICE_DISRUPTION"},
        # Backdated: shown at 09:00 though posted at 10:00, so it sorts before B.
        {"created": "2026-09-14T10:00:00+00:00", "when": "2026-09-14T09:00:00+00:00", "text": "A"},
    ]
    updates = only(row(updates=posts)).updates
    assert [u.body for u in updates] == ["A", "B", "when only"]
    backdated, _, when_only = updates
    assert (backdated.id, backdated.display_at, backdated.created_at) == (
        "2026-09-14T10:00:00+00:00",
        at(9),
        at(10),
    )
    assert (when_only.id, when_only.display_at, when_only.created_at) == (
        "2026-09-14T11:00:00+00:00",
        at(11),
        at(11),
    )
    # An update without a status is a progress post with no raw state.
    assert (when_only.status, when_only.status_raw) == (IncidentStatus.INVESTIGATING, "")


def test_google_updates_shown_together_sort_by_their_posting_time() -> None:
    shown = "2026-09-14T08:45:00+00:00"
    posts = [
        {"created": "2026-09-14T08:30:00+00:00", "when": shown, "text": "second"},
        {"created": "2026-09-14T09:00:00+01:00", "when": shown, "text": "first"},  # 08:00 UTC
    ]
    assert [u.body for u in only(row(updates=posts)).updates] == ["first", "second"]


def test_google_updates_posted_at_the_same_time_keep_distinct_ids() -> None:
    posts = [{"created": T0, "text": "one"}, {"created": T0, "text": "two"}]
    updates = only(row(updates=posts)).updates
    assert [(u.id, u.body) for u in updates] == [(T0, "one"), (f"{T0}#2", "two")]
