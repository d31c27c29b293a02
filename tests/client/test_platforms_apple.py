"""Apple System Status documents the fixtures lack: maintenances, several events, gaps.

The rows are shaped as the two Apple fixtures (``apple_developer_system_status_*``):
services with ``serviceName`` and ``events`` (``messageId``, ``statusType``,
``eventStatus``, epoch-millisecond ``epochStartDate`` / ``epochEndDate``).
"""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import TYPE_CHECKING, Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
)
from custom_components.status_tracker.client.detect import known_document
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.platforms import platform_for
from custom_components.status_tracker.client.platforms.apple import apple_snapshot, is_apple

if TYPE_CHECKING:
    from custom_components.status_tracker.client.models import Incident, Snapshot

CONSUMER = "https://www.apple.com/support/systemstatus/data/system_status_en_US.js"
START = 1700000000000  # 2023-11-14 22:13:20 UTC, epoch milliseconds
END = 1700007200000  # two hours later
STARTED = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
ENDED = datetime(2023, 11, 15, 0, 13, 20, tzinfo=UTC)


def _event(**fields: Any) -> dict[str, Any]:
    event = {
        "messageId": "2000001",
        "statusType": "Issue",
        "eventStatus": "ongoing",
        "usersAffected": "Some users are affected",
        "epochStartDate": START,
        "epochEndDate": None,
        "affectedServices": None,
        "message": "Users may be experiencing a problem with this service.",
    }
    return event | fields


def _snapshot(*services: dict[str, Any], url: str | None = CONSUMER) -> Snapshot:
    return apple_snapshot({"drpost": False, "drMessage": None, "services": list(services)}, url)


def _one(**fields: Any) -> Incident:
    snap = _snapshot({"serviceName": "iCloud Mail", "events": [_event(**fields)]})
    (event,) = snap.incidents + snap.maintenances
    return event


def test_consumer_page_its_message_and_worst_ongoing_event() -> None:
    service = {
        "serviceName": "iCloud Mail",
        "events": [
            _event(messageId="1", statusType="Issue"),
            _event(messageId="2", statusType="Outage"),
            _event(messageId="3", statusType="Performance"),
            _event(messageId="4", statusType="Outage", eventStatus="resolved"),
        ],
    }
    data = {"drMessage": "<b>Planned work</b> tonight", "services": [service]}
    snap = apple_snapshot(data, CONSUMER)
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "https://www.apple.com/support/systemstatus",
        "Apple",
        "https://www.apple.com/support/systemstatus",
    )
    assert snap.description == "Planned work tonight"
    (mail,) = snap.components
    assert (mail.status, mail.status_raw) == (ComponentStatus.MAJOR_OUTAGE, "Outage")
    assert (snap.status, snap.status_raw) == (PageStatus.MAJOR_OUTAGE, "Outage")


@pytest.mark.parametrize(
    ("event_status", "status"),
    [
        ("upcoming", IncidentStatus.SCHEDULED),
        ("ongoing", IncidentStatus.IN_PROGRESS),
        ("resolved", IncidentStatus.COMPLETED),
        ("completed", IncidentStatus.COMPLETED),
    ],
)
def test_a_maintenance_event(event_status: str, status: IncidentStatus) -> None:
    event = _event(statusType="Maintenance", eventStatus=event_status, epochEndDate=END)
    snap = _snapshot({"serviceName": "iCloud Mail", "events": [event]})
    assert snap.incidents == ()
    (maintenance,) = snap.maintenances
    assert (maintenance.is_maintenance, maintenance.status) == (True, status)
    assert (maintenance.impact, maintenance.impact_raw) == (Impact.MAINTENANCE, "Maintenance")
    assert (maintenance.scheduled_for, maintenance.scheduled_until) == (STARTED, ENDED)


def test_an_incident_is_not_scheduled() -> None:
    incident = _one(epochEndDate=END)
    assert (incident.is_maintenance, incident.scheduled_for, incident.scheduled_until) == (
        False,
        None,
        None,
    )


def test_an_ongoing_event_with_an_expected_end_is_open() -> None:
    incident = _one(epochEndDate=END)
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "ongoing")
    assert (incident.resolved_at, incident.updated_at) == (None, STARTED)
    assert incident.updates[0].created_at == STARTED


def test_a_resolved_event_is_updated_at_its_end() -> None:
    incident = _one(eventStatus="resolved", epochEndDate=END)
    assert (incident.status, incident.resolved_at, incident.updated_at) == (
        IncidentStatus.RESOLVED,
        ENDED,
        ENDED,
    )


def test_affected_services_join_the_service() -> None:
    listed = ["iCloud Drive ", "iCloud Mail ", None, "", "iCloud Backup "]
    incident = _one(affectedServices=listed)
    assert incident.components == ("iCloud Mail", "iCloud Drive", "iCloud Backup")


def test_name_without_users_affected_is_the_service() -> None:
    snap = _snapshot({"serviceName": "Mac OS X", "events": [_event(usersAffected=None)]})
    assert snap.incidents[0].name == "Mac OS X"
    assert _one(usersAffected="").name == "iCloud Mail"
    assert _one().name == "iCloud Mail: Some users are affected"


def test_name_without_a_service_is_who_is_affected_or_the_id() -> None:
    # No dangling ": " before the text (a service row without a name).
    nameless = _snapshot({"serviceName": None, "events": [_event()]}).incidents[0]
    assert nameless.name == "Some users are affected"
    blank = _snapshot({"serviceName": "  ", "events": [_event(usersAffected=None)]})
    assert blank.incidents[0].name == "2000001"


def test_an_event_of_no_type_or_state_keeps_the_page_word() -> None:
    incident = _one(statusType=None, eventStatus=None)
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "")
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "")


def test_events_without_id_or_start_are_skipped() -> None:
    events = [
        _event(messageId=None),
        _event(messageId="2", epochStartDate=None),
        _event(messageId="3"),
    ]
    snap = _snapshot({"serviceName": "iCloud Mail", "events": events})
    assert [e.id for e in snap.incidents] == ["3"]


def test_not_an_apple_document() -> None:
    documents: list[object] = [
        {"services": [{"events": []}]},
        {"services": [{"serviceName": "Maps"}]},
        [],
    ]
    for data in documents:
        assert not is_apple(data)
        with pytest.raises(StatusPageContentError) as err:
            apple_snapshot(data, CONSUMER)
        assert str(err.value) == (
            "Not an Apple system status document: no 'services' with 'events'"
        )


def test_a_byte_order_mark_before_the_wrapper() -> None:
    data = {"services": [{"serviceName": "Maps", "events": []}]}
    body = b"\xef\xbb\xbfjsonCallback(" + json.dumps(data).encode() + b");"
    snap = platform_for(SourceKind.APPLE).parse(body, "text/javascript", CONSUMER)
    assert [c.name for c in snap.components] == ["Maps"]


@pytest.mark.parametrize(
    ("url", "document"),
    [
        ("https://www.apple.com/support/systemstatus/", CONSUMER),
        ("https://www.apple.com/support/systemstatus/data/", CONSUMER),
        ("https://www.apple.com/support/systemstatus/status.js", CONSUMER),
        ("https://status.example.com/system-status", None),
    ],
)
def test_apple_addresses(url: str, document: str | None) -> None:
    assert known_document(url) == document


def test_an_html_error_page_in_place_of_the_script_is_refused_as_html() -> None:
    # A CDN's error page starts with <HEAD>, not <html>: only its content type tells it apart,
    # and the unwrapping keeps that check (document.py: HTML is refused, never guessed at).
    body = b"<HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don't have permission</BODY>"
    with pytest.raises(StatusPageContentError) as err:
        platform_for(SourceKind.APPLE).parse(body, "text/html", CONSUMER)
    assert str(err.value) == "Expected JSON or a feed, got an HTML page (text/html)"
