"""Odd documents: unknown values, nulls, extreme times and sizes, markup and bad text all parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.helpers.json import json_bytes
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.client.diff import MAX_INCIDENTS
from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    ACTIVE,
    INCIDENTS,
    MIB,
    SUMMARY,
    coordinator_of,
    demo_summary,
    fired,
    make_entry,
    setup,
    state,
)
from tests.status_page_server import DEMO_PAGE, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import Event, HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


def _with_incident(incident: dict[str, Any], *, stage: int | None = None) -> dict[str, Any]:
    summary = demo_summary(stage)
    summary["incidents"] = [incident]
    return summary


async def _publish(
    hass: HomeAssistant, server: FaultServer, entry: MockConfigEntry, summary: dict[str, Any]
) -> list[Event]:
    """Serve ``summary`` (and the same incidents in incidents.json); poll; the events fired."""
    events: list[Event] = async_capture_events(hass, EVENT_INCIDENT)
    server.set(SUMMARY, summary)
    server.set(INCIDENTS, {"page": DEMO_PAGE, "incidents": summary["incidents"]})
    await poll(hass, entry)
    return events


async def test_unknown_enum_values(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["status"] = "exploded"
    incident["impact"] = "apocalyptic"
    incident["incident_updates"][0]["status"] = "panicking"
    incident["incident_updates"][0]["affected_components"][0]["new_status"] = "on_fire"
    summary = _with_incident(incident)
    summary["status"] = {"indicator": "purple", "description": "Something"}
    summary["components"][0]["status"] = "wobbly"
    events = await _publish(hass, fault_page, loaded, summary)
    assert state(hass).state == "unknown"
    assert state(hass).attributes["indicator"] == "purple"
    assert state(hass, ACTIVE).state == "1"  # an unknown status is not a closed one
    assert [(e.data["status"], e.data["impact"]) for e in events] == [("unknown", "unknown")]


async def test_null_and_missing_fields(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    good = demo_incident(1)
    nulls = dict.fromkeys(demo_incident(0)) | {"id": "nulls0000001"}
    bare = {"id": "bare00000001", "created_at": "2026-11-23T13:00:00Z"}
    no_id = demo_incident(0) | {"id": None}
    odd_updates = demo_incident(0, "odd000000001") | {
        "name": None,
        "components": None,
        "incident_updates": [
            None,
            42,
            {"id": None, "created_at": "2026-11-23T13:00:00Z"},  # no id: skipped
            {"id": "oddupd1"},  # no time: skipped
            {"id": "oddupd2", "display_at": "2026-11-23T13:05:00Z", "body": None,
             "status": None, "affected_components": [None, {"name": None}]},
        ],
    }  # fmt: skip
    summary = demo_summary()
    summary["incidents"] = [good, nulls, bare, no_id, odd_updates, None, "x", []]
    summary["components"] = None
    summary["status"] = None
    events = await _publish(hass, fault_page, loaded, summary)
    assert state(hass).state == "unknown"
    assert state(hass, ACTIVE).state == "3"  # good, bare and odd; nulls has no time, no_id no id
    assert sorted(fired(events)) == [
        ("inc000000001", "inc00000upd0", "investigating"),
        ("inc000000001", "inc00000upd1", "identified"),
        ("odd000000001", "oddupd2", "unknown"),
    ]
    odd = next(e for e in events if e.data["update_id"] == "oddupd2")
    assert odd.data["body"] == ""
    assert odd.data["incident_name"] == "odd000000001"  # the id stands in for a missing name


async def test_timestamps_at_the_edges_of_time(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    # Both were an OverflowError out of the parser (an "Unexpected error" every poll).
    incident["created_at"] = "0001-01-01T00:00:00+05:00"
    incident["resolved_at"] = "9999-12-31T23:59:59-05:00"
    incident["incident_updates"][0]["display_at"] = "0001-01-01T01:00:00+09:00"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert state(hass).state == "operational"
    assert fired(events) == [("inc000000001", "inc00000upd0", "investigating")]
    # An unreadable display time falls back to the creation time.
    assert events[0].data["display_at"] == "2026-11-23T12:00:00+00:00"


async def test_huge_bodies_and_names(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "N" * 100_000
    incident["incident_updates"][0]["body"] = "<p>" + "B" * MIB + "</p>"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert len(events) == 1
    attributes = state(hass).attributes
    (shown,) = attributes["incidents"]
    # "text clipped to 255 characters" (README, attributes of the status sensor)
    assert len(shown["name"]) == 255
    assert len(shown["latest_update"]) == 255
    assert len(json_bytes(dict(attributes))) < 16 * 1024  # the recorder's attribute limit


async def test_huge_body_event_stays_recordable(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "N" * 10_000
    incident["incident_updates"][0]["body"] = "B" * 100_000
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert len(events) == 1
    # docs/reliability.md: the body is capped at 4,000 characters, the name at 255.
    assert len(events[0].data["incident_name"]) == 255
    assert len(events[0].data["body"]) == 4000
    assert len(json_bytes(events[0].data)) <= 32 * 1024


def _many(count: int, stage: int = 0) -> list[dict[str, Any]]:
    return [demo_incident(stage, f"inc{n:09d}") for n in range(count)]


async def test_thousand_open_incidents(hass: HomeAssistant, fault_page: FaultServer) -> None:
    many = _many(1000)
    summary = demo_summary()
    summary["incidents"] = many
    fault_page.set(SUMMARY, summary)
    fault_page.set(INCIDENTS, {"page": DEMO_PAGE, "incidents": many})
    events = async_capture_events(hass, EVENT_INCIDENT)
    entry = await setup(hass, make_entry(fault_page))
    assert events == []  # the baseline is silent
    assert state(hass, ACTIVE).state == "1000"
    attributes = state(hass).attributes
    assert len(attributes["incidents"]) == 10  # "Up to 10 open incidents" (README)
    assert attributes["incidents_truncated"] is True
    # Later changes, one update each: exactly one event each. (Recording 1,000 incidents and
    # pruning to MAX_INCIDENTS forgot 500 of them, which re-fired on every change.)
    for n in (999, 998, 997):
        many[n] = demo_incident(1, f"inc{n:09d}")
        events = await _publish(hass, fault_page, entry, summary)
        assert fired(events) == [(f"inc{n:09d}", f"inc{n:09d}"[:8] + "upd1", "identified")]
    seen = coordinator_of(entry).tracker.seen
    assert seen is not None
    assert len(seen.updates) == MAX_INCIDENTS


async def test_thousand_new_incidents_at_once_fire_a_bounded_burst(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    summary = demo_summary()
    summary["incidents"] = _many(1000)
    events = await _publish(hass, fault_page, loaded, summary)
    # The record follows the newest MAX_INCIDENTS incidents of a window: that many fire, once.
    assert len(events) == MAX_INCIDENTS
    assert len(set(fired(events))) == MAX_INCIDENTS
    assert min(e.data["incident_id"] for e in events) == f"inc{1000 - MAX_INCIDENTS:09d}"
    events = await _publish(hass, fault_page, loaded, summary | {"status": {"indicator": "minor"}})
    assert events == []


async def test_markup_and_scripts_in_bodies_become_plain_text(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "<b>API</b> <script>alert('name')</script>errors"
    incident["incident_updates"][0]["body"] = (
        "<script>alert(1)</script><style>p{}</style><p>Fixed &amp; <b>monitoring</b></p>"
        '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">details</a>'
        "<p>Shown as text: &amp;lt;script&amp;gt; and a &lt; b</p>"
    )
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    (event,) = events
    assert event.data["incident_name"] == "API errors"
    # Text escaped twice ("&amp;lt;") shows as the characters it stands for, never as an
    # entity, and is never parsed as a tag.
    assert event.data["body"] == "Fixed & monitoring\ndetails\nShown as text: <script> and a < b"
    (shown,) = state(hass).attributes["incidents"]
    assert shown["latest_update"] == event.data["body"]


async def test_lone_surrogates_are_replaced(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fault_page: FaultServer,
    loaded: MockConfigEntry,
) -> None:
    incident = demo_incident(0)
    incident["name"] = "Outage \ud83d"  # half an emoji, as a platform cut it
    incident["incident_updates"][0]["body"] = "Fixed \ude00 now \ud83d\ude00"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    (event,) = events
    assert event.data["incident_name"] == "Outage \ufffd"
    assert event.data["body"] == "Fixed \ufffd now \U0001f600"
    json_bytes(event.data)  # the recorder and websocket encode these: they must not raise
    json_bytes(state(hass).as_dict())
    await hass.async_stop(force=True)  # the delayed save is written (orjson) on stop
    assert f"status_tracker.{loaded.entry_id}" in hass_storage
