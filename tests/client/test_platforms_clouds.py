"""Heroku, Apple, Azure, Azure DevOps and Salesforce: parsed from real payloads, claimed by host."""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import Any

import aiohttp
import pytest

from custom_components.status_tracker.client import PageTracker, SourceKind
from custom_components.status_tracker.client.detect import known_document, page_base, sniff_document
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
)
from custom_components.status_tracker.client.platforms import platform_for
from custom_components.status_tracker.client.source import Source
from tests.status_page_server import StatusPageServer, fixture

_APPLE_DEV = "https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js"


def _parse(kind: SourceKind, name: str, url: str) -> Any:
    return platform_for(kind).parse(fixture(name), "application/json", url)


def test_heroku_open_incident_2019() -> None:
    snap = _parse(
        SourceKind.HEROKU,
        "heroku_current_status_open_incident_2019.json",
        "https://status.heroku.com/api/v4/current-status",
    )
    assert (snap.page.name, snap.status, snap.status_raw) == (
        "Heroku",
        PageStatus.DEGRADED,
        "yellow",
    )
    assert [(c.id, c.status) for c in snap.components] == [
        ("Apps", ComponentStatus.DEGRADED_PERFORMANCE),
        ("Data", ComponentStatus.DEGRADED_PERFORMANCE),
        ("Tools", ComponentStatus.DEGRADED_PERFORMANCE),
    ]
    (incident,) = snap.incidents
    assert incident.id == "1918"
    assert incident.name == "Connection timeouts to applications and Heroku Postgres"
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "open")
    assert (incident.impact, incident.impact_raw) == (Impact.MINOR, "yellow")
    assert incident.url == "https://status.heroku.com/incidents/1918"
    # Sent newest first, kept oldest first; "issue" is a progress post.
    assert [(u.id, u.status, u.status_raw) for u in incident.updates] == [
        ("6090", IncidentStatus.INVESTIGATING, "investigating"),
        ("6091", IncidentStatus.UPDATE, "issue"),
    ]
    assert incident.updates[1].body.startswith("Due to connection timeouts there is a disruption")


def test_heroku_completed_and_stale_upcoming_maintenances() -> None:
    snap = _parse(SourceKind.HEROKU, "heroku_current_status_completed_maintenance_2020-11.json", "")
    assert snap.status is PageStatus.MAINTENANCE  # Data is blue
    (done,) = snap.maintenances
    assert (done.id, done.status, done.impact) == (
        "2120",
        IncidentStatus.COMPLETED,
        Impact.MAINTENANCE,
    )
    assert [u.status_raw for u in done.updates] == [
        "scheduled",
        "maintenance",
        "maintenance",
        "resolved",
    ]
    assert done.updates[1].status is IncidentStatus.IN_PROGRESS
    assert done.resolved_at == datetime(2020, 11, 9, 19, 47, 23, 669000, tzinfo=UTC)
    quote = _parse(
        SourceKind.HEROKU,
        "heroku_current_status_upcoming_maintenance_2026-07_trimmed_quote.json",
        "",
    )
    (upcoming,) = quote.maintenances
    # Updates without ids are keyed by their time; ``state`` is trusted.
    assert [u.id for u in upcoming.updates] == [
        "2026-07-15T17:00:24.339Z",
        "2026-07-15T21:23:52.796Z",
    ]
    assert (upcoming.status, upcoming.components) == (IncidentStatus.SCHEDULED, ("Apps",))


def test_apple_developer_feed_bare_and_wrapped() -> None:
    bare = sniff_document(
        fixture("apple_developer_system_status_resolved_issue_2020-02_extracted.json"),
        "application/json",
        _APPLE_DEV,
    )
    assert (bare.source, bare.page.name, bare.page.url) == (
        SourceKind.APPLE,
        "Apple Developer",
        "https://developer.apple.com/system-status",
    )
    assert (bare.status, len(bare.components)) == (PageStatus.OPERATIONAL, 27)
    (event,) = bare.incidents
    assert (event.id, event.status, event.impact, event.impact_raw) == (
        "1003214",
        IncidentStatus.RESOLVED,
        Impact.MINOR,
        "Issue",
    )
    assert event.resolved_at == datetime(2020, 2, 12, 11, 0, tzinfo=UTC)  # epoch milliseconds
    assert event.name == "TestFlight: Some users were affected"
    # The JSONP wrapper is stripped by the platform, in detection and in polls alike.
    body = fixture("apple_developer_system_status_jsonp_ongoing_outage_test_mock.js")
    wrapped = sniff_document(body, "application/javascript", _APPLE_DEV)
    assert wrapped == platform_for(SourceKind.APPLE).parse(body, "text/javascript", _APPLE_DEV)
    assert (wrapped.status, wrapped.status_raw) == (PageStatus.MAJOR_OUTAGE, "Outage")
    (outage,) = wrapped.incidents
    assert (outage.id, outage.status, outage.status_raw) == (
        "2000005599",
        IncidentStatus.INVESTIGATING,
        "ongoing",
    )
    assert outage.updates[0].id.startswith("ongoing:")


def test_apple_nameless_service_and_untyped_event() -> None:
    ongoing = {"messageId": "1", "eventStatus": "ongoing", "epochStartDate": 1700000000000}
    data = {"services": [{"serviceName": "iCloud Mail", "events": [ongoing]}, {"events": []}]}
    snap = platform_for(SourceKind.APPLE).build(data, None)
    # A service with no name is no component; an ongoing event of no type is of no known
    # state, and the page gave no word for it.
    assert [(c.name, c.status, c.status_raw) for c in snap.components] == [
        ("iCloud Mail", ComponentStatus.UNKNOWN, "")
    ]


def test_azure_devops_health_doc_example() -> None:
    data = json.loads(fixture("azure_devops_health_all_healthy_7.1_doc_example.json"))
    snap = sniff_document(json.dumps(data).encode(), "application/json")
    assert (snap.source, snap.status, snap.description) == (
        SourceKind.AZURE_DEVOPS,
        PageStatus.OPERATIONAL,
        "Everything is looking good",
    )
    assert len(snap.components) == 56
    assert [g.id for g in snap.groups][:2] == ["Core services", "Boards"]
    data["services"][1]["geographies"][3]["health"] = "unhealthy"
    data["status"]["health"] = "unhealthy"
    broken = sniff_document(json.dumps(data).encode(), "application/json")
    assert broken.status is PageStatus.MAJOR_OUTAGE
    (down,) = [c for c in broken.components if c.status is ComponentStatus.MAJOR_OUTAGE]
    assert (down.id, down.name, down.group_id) == ("Boards/EU", "Boards (Europe)", "Boards")


def test_salesforce_products_as_components_and_incident_impacts() -> None:
    snap = sniff_document(
        fixture("salesforce_instances_status_preview_minor_incident_2020-07_trimmed.json"),
        "application/json",
        "https://api.status.salesforce.com/v1/instances/status/preview",
    )
    assert (snap.source, snap.status, snap.status_raw) == (
        SourceKind.SALESFORCE,
        PageStatus.DEGRADED,
        "MINOR_INCIDENT_CORE",
    )
    status = {c.id: c.status for c in snap.components}
    assert status["B2C_Commerce_Cloud"] is ComponentStatus.OPERATIONAL
    assert status["Sales_Cloud"] is ComponentStatus.DEGRADED_PERFORMANCE
    (incident,) = snap.incidents
    assert (incident.id, incident.impact, incident.components) == ("5968", Impact.MINOR, ("NA137",))
    assert [(u.id, u.body) for u in incident.updates] == [
        ("impact-6428", "performanceDegradationAsynchronousProcessingSubset")
    ]
    assert sniff_document(b"[]", "", "https://x.test/v1/instances/status/preview").source is (
        SourceKind.SALESFORCE
    )


def test_azure_feed_empty_and_with_events() -> None:
    url = "https://azure.status.microsoft/en-us/status/feed/"
    quiet = sniff_document(
        fixture("azure_status_feed_empty_2026-08.rss"), "application/rss+xml", url
    )
    assert (quiet.source, quiet.status, quiet.incidents) == (
        SourceKind.AZURE,
        PageStatus.OPERATIONAL,
        (),
    )
    snap = sniff_document(fixture("azure_status_feed_two_events_written.rss"), "", url)
    assert snap.status is PageStatus.DEGRADED
    vm, storage = snap.incidents
    assert vm.id == "https://azure.status.microsoft/en-us/status#TN3L-7P8"
    assert vm.components == ("Virtual Machines/VM Scale Sets", "East US 2")
    assert (storage.impact, storage.status) == (Impact.UNKNOWN, IncidentStatus.INVESTIGATING)


@pytest.mark.parametrize(
    ("url", "document"),
    [
        ("https://status.heroku.com", "https://status.heroku.com/api/v4/current-status"),
        ("https://www.apple.com/support/systemstatus", _APPLE_DEV.replace("developer/", "")),
        ("https://developer.apple.com/system-status", _APPLE_DEV),
        (_APPLE_DEV, _APPLE_DEV),
        ("https://www.apple.com/iphone", None),
        (
            "https://azure.status.microsoft/en-us/status",
            "https://azure.status.microsoft/en-us/status/feed/",
        ),
        ("https://status.azure.com", "https://azure.status.microsoft/en-us/status/feed/"),
        (
            "https://status.dev.azure.com",
            "https://status.dev.azure.com/_apis/status/health?api-version=7.1-preview.1",
        ),
        (
            "https://status.salesforce.com/trust",
            "https://api.status.salesforce.com/v1/instances/status/preview",
        ),
    ],
)
def test_known_documents_of_single_document_platforms(url: str, document: str | None) -> None:
    assert known_document(url) == document


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("https://status.heroku.com/api/v4/current-status", "https://status.heroku.com"),
        (_APPLE_DEV, "https://developer.apple.com/system-status"),
        (_APPLE_DEV.replace("developer/", ""), "https://www.apple.com/support/systemstatus"),
        (
            "https://azure.status.microsoft/en-us/status/feed/",
            "https://azure.status.microsoft/en-us/status",
        ),
        ("https://status.dev.azure.com/_apis/status/health", "https://status.dev.azure.com"),
        # A /status/feed on another host is not Azure's page: the feed's own path is cut off.
        ("https://status.example.org/status/feed.rss", "https://status.example.org/status"),
        (
            "https://api.status.salesforce.com/v1/instances/status/preview",
            "https://status.salesforce.com",
        ),
    ],
)
def test_each_page_has_its_own_address(url: str, page: str) -> None:
    assert page_base(url) == page


@pytest.mark.parametrize(
    "kind",
    [SourceKind.HEROKU, SourceKind.APPLE, SourceKind.AZURE_DEVOPS, SourceKind.SALESFORCE],
)
@pytest.mark.parametrize("body", [b"{}", b"[1]", b'{"services": []}', b'[{"key": 1}]', b"x("])
def test_other_documents_are_refused(kind: SourceKind, body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        platform_for(kind).parse(body, "application/json", "https://example.com/x")


async def test_heroku_poll_cycle_finds_a_new_update_once(status_page: StatusPageServer) -> None:
    path = "/api/v4/current-status"
    data = json.loads(fixture("heroku_current_status_open_incident_2019.json"))
    status_page.set(path, data)
    source = Source(
        kind=SourceKind.HEROKU, page_url=status_page.url, endpoints=(status_page.url + path,)
    )
    async with aiohttp.ClientSession() as session:
        tracker = PageTracker(session, source)
        assert (await tracker.poll()).new_updates == ()  # a silent baseline
        newest = dict(data["incidents"][0]["updates"][0], id=6099, update_type="monitoring")
        data["incidents"][0]["updates"].insert(0, newest)
        status_page.set(path, data)
        found = (await tracker.poll()).new_updates
        assert [(n.update.id, n.update.status) for n in found] == [
            ("6099", IncidentStatus.MONITORING)
        ]
        assert (await tracker.poll()).new_updates == ()
