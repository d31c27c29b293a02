"""StatusPal summaries (real captures): parsing, detection on loopback, and a poll cycle."""

from __future__ import annotations

from datetime import UTC, datetime
import json

import aiohttp
import pytest

from custom_components.status_tracker.client import PageTracker, SourceKind, detect_source
from custom_components.status_tracker.client.detect import known_document, page_base, sniff_document
from custom_components.status_tracker.client.models import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
)
from tests.status_page_server import StatusPageServer, fixture

_API = "https://statuspal.eu/api/v2/status_pages/exoscalestatus/summary"
_SUMMARY = "/api/v2/status_pages/exoscalestatus/summary"


def test_performance_incident() -> None:
    snap = sniff_document(
        fixture("statuspal_exoscale_summary_performance_incident_2025-07.json"), "", _API
    )
    assert (snap.source, snap.page.name, snap.page.url) == (
        SourceKind.STATUSPAL,
        "Exoscale",
        "https://exoscalestatus.statuspal.eu",
    )
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "performance")
    assert (len(snap.components), len(snap.groups)) == (74, 9)
    (slow,) = [c for c in snap.components if c.status is not ComponentStatus.OPERATIONAL]
    assert (slow.id, slow.name, slow.group_id) == (
        "27451",
        "Network Internet Transit Connectivity",
        "10331",
    )
    (incident,) = snap.incidents
    assert (incident.id, incident.status, incident.impact, incident.impact_raw) == (
        "198647",
        IncidentStatus.MONITORING,
        Impact.MINOR,
        "performance",
    )
    assert incident.components == ("CH-DK-2", "Network Internet Transit Connectivity")
    assert [(u.id, u.status_raw) for u in incident.updates] == [
        ("418165", "issue"),
        ("418175", "monitoring"),
    ]
    # "2025-07-18T08:18:26", naive UTC as every StatusPal time.
    assert incident.updates[0].display_at == datetime(2025, 7, 18, 8, 18, 26, tzinfo=UTC)


def test_emergency_and_upcoming_maintenances() -> None:
    snap = sniff_document(
        fixture("statuspal_exoscale_summary_emergency_maintenance_2025-10.json"), "", _API
    )
    assert snap.status is PageStatus.MAINTENANCE
    assert snap.incidents == ()
    upcoming, active = snap.maintenances
    assert (upcoming.id, upcoming.status, upcoming.scheduled_until) == (
        "208172",
        IncidentStatus.SCHEDULED,
        datetime(2025, 11, 14, 5, 0, tzinfo=UTC),
    )
    assert (active.id, active.status, active.impact_raw) == (
        "209618",
        IncidentStatus.IN_PROGRESS,
        "emergency-maintenance",
    )
    assert active.updates[0].status is IncidentStatus.UPDATE  # "essential"


def test_naive_times_are_utc_whatever_the_page_zone() -> None:
    # Phoenix/Ecto timestamps: "[AT-VIE-2] ... from 2025-10-17 14:00" (Vienna, 12:00 UTC) was
    # posted at "2025-10-17T11:44:56" on a Europe/Zurich page: 13:44 local, just before the window.
    snap = sniff_document(
        fixture("statuspal_exoscale_summary_emergency_maintenance_2025-10.json"), "", _API
    )
    assert snap.page.time_zone == "Europe/Zurich"
    active = next(m for m in snap.maintenances if m.id == "209618")
    assert active.name.endswith("from 2025-10-17 14:00 to 2025-10-17 16:00")
    assert active.scheduled_for == datetime(2025, 10, 17, 11, 44, 56, tzinfo=UTC)
    assert active.created_at == datetime(2025, 10, 17, 11, 48, tzinfo=UTC)
    assert active.updates[0].display_at == datetime(2025, 10, 17, 11, 44, 56, tzinfo=UTC)


def test_an_explicit_offset_wins_over_utc() -> None:
    data = json.loads(fixture("statuspal_exoscale_summary_emergency_maintenance_2025-10.json"))
    data["maintenances"][0]["starts_at"] = "2025-10-17T13:44:56+02:00"
    snap = sniff_document(json.dumps(data).encode(), "", _API)
    (active,) = [m for m in snap.maintenances if m.id == "209618"]
    assert active.scheduled_for == datetime(2025, 10, 17, 11, 44, 56, tzinfo=UTC)


def test_two_major_incidents() -> None:
    snap = sniff_document(
        fixture("statuspal_ascentlogistics_summary_two_major_incidents_2023-04.json"), ""
    )
    assert snap.status is PageStatus.PARTIAL_OUTAGE
    assert [(i.id, i.impact) for i in snap.incidents] == [
        ("82138", Impact.MAJOR),
        ("82137", Impact.MAJOR),
    ]


@pytest.mark.parametrize(
    ("url", "document"),
    [
        ("https://exoscalestatus.statuspal.eu", _API),
        (
            "https://hosttech.statuspal.io/",
            _API.replace(".eu", ".io").replace("exoscalestatus", "hosttech"),
        ),
        (_API, _API),
        ("https://status.example.com", None),
    ],
)
def test_page_and_api_addresses(url: str, document: str | None) -> None:
    assert known_document(url) == document


def test_the_api_belongs_to_the_page() -> None:
    assert page_base(_API) == "https://exoscalestatus.statuspal.eu"


async def test_detected_from_its_document_and_polled(status_page: StatusPageServer) -> None:
    data = json.loads(fixture("statuspal_exoscale_summary_performance_incident_2025-07.json"))
    status_page.set(_SUMMARY, data)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + _SUMMARY)
        assert found.source.kind is SourceKind.STATUSPAL
        assert found.source.endpoints == (status_page.url + _SUMMARY,)
        assert [hit.path for hit in status_page.hits] == [_SUMMARY]
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        resolved = dict(data["incidents"][0]["updates"][0], id=418199, type="resolved")
        data["incidents"][0]["updates"].insert(0, resolved)
        status_page.set(_SUMMARY, data)
        found_updates = (await tracker.poll()).new_updates
        assert [(n.update.id, n.update.status) for n in found_updates] == [
            ("418199", IncidentStatus.RESOLVED)
        ]
        assert (await tracker.poll()).new_updates == ()
