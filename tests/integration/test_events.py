"""status_incident events: once each, oldest first, filtered; the logbook line, the event entity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.core import Event
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.status_tracker import logbook
from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


async def test_lifecycle_fires_each_update_once_in_order(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    # The user renamed the entry: "provider" is still "the page's name" (README).
    hass.config_entries.async_update_entry(setup_entry, title="Cloud at work")
    events = async_capture_events(hass, EVENT_INCIDENT)
    for stage in (0, 1, 2, 3):
        serve_stage(demo_page, stage)
        await poll(hass, setup_entry)
        await poll(hass, setup_entry)  # all 304: nothing fires, nothing parsed
    assert [(e.data["status"], e.data["previous_status"]) for e in events] == [
        ("investigating", None),
        ("identified", "investigating"),
        ("monitoring", "identified"),
        ("resolved", "monitoring"),
    ]
    (device,) = dr.async_entries_for_config_entry(dr.async_get(hass), setup_entry.entry_id)
    assert device.identifiers == {(DOMAIN, "01DEMOENTRY0000000000000000")}  # the entry id
    first = events[0].data
    assert first == {
        "type": "incident_created",
        "entry_id": setup_entry.entry_id,
        "device_id": device.id,
        "provider": "Demo Cloud",
        "page_url": demo_page.url,
        "affected_integrations": [],  # the demo page links to no integration
        "incident_id": "inc000000001",
        "incident_name": "Elevated API error rates",
        "status": "investigating",
        "previous_status": None,
        "impact": "major",
        "update_id": "inc00000upd0",
        "body": "We are investigating elevated error rates on the API.",
        "affected_components": ["API"],
        "shortlink": "https://stspg.io/inc000000001",
        "created_at": "2026-11-23T12:00:00+00:00",
        "display_at": "2026-11-23T12:00:00+00:00",
        "started_at": "2026-11-23T12:00:00+00:00",
        "is_new_incident": True,
        "is_resolution": False,
        "is_maintenance": False,
    }
    assert events[1].data["body"] == "The issue has been identified: a faulty database failover."
    assert [e.data["is_new_incident"] for e in events] == [True, False, False, False]
    assert [e.data["is_resolution"] for e in events] == [False, False, False, True]
    assert [e.data["type"] for e in events] == [
        "incident_created",
        "incident_updated",
        "incident_updated",
        "incident_resolved",
    ]
    reader = setup_entry.runtime_data.coordinator.tracker
    assert reader.parse_count == 2 + 4 * 2  # baseline + 4 changed stages, 2 documents each


async def test_first_poll_is_a_silent_baseline(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    serve_stage(demo_page, 2)
    events = async_capture_events(hass, EVENT_INCIDENT)
    mock_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    assert events == []
    serve_stage(demo_page, 3)
    await poll(hass, mock_entry)
    assert [e.data["status"] for e in events] == ["resolved"]


async def test_min_impact_filter(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "min_impact": "critical"}
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert events == []  # a major incident is below "critical only"


async def test_min_impact_keeps_the_chosen_impact(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    """ "Major or worse" lets a major incident through: the threshold itself is kept."""
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "min_impact": "major"}
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert [(e.data["impact"], e.data["status"]) for e in events] == [("major", "investigating")]


async def test_an_incident_first_seen_with_several_updates_is_new_once(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve_stage(demo_page, 2)  # investigating, identified and monitoring all came out at once
    await poll(hass, setup_entry)
    assert [(e.data["status"], e.data["is_new_incident"]) for e in events] == [
        ("investigating", True),
        ("identified", False),
        ("monitoring", False),
    ]
    assert [e.data["type"] for e in events] == [
        "incident_created",
        "incident_updated",
        "incident_updated",
    ]


async def test_component_filter(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "components": ["web00000001w"]}
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve_stage(demo_page, 0)  # the incident affects the API only
    await poll(hass, mock_entry)
    assert events == []
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "components": ["api00000001a"]}
    )
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    assert [e.data["status"] for e in events] == ["identified"]


def test_logbook_line() -> None:
    described: dict[str, object] = {}

    def register(domain: str, event_type: str, describe: object) -> None:
        described[event_type] = describe

    logbook.async_describe_events(None, register)  # type: ignore[arg-type]
    describe = described[EVENT_INCIDENT]
    event = Event(
        EVENT_INCIDENT,
        {"provider": "GitHub", "incident_name": "Outage", "status": "partial_outage"},
    )
    assert describe(event) == {"name": "GitHub", "message": "Outage: partial outage"}  # type: ignore[operator]


async def test_event_entity_mirrors_the_bus(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    changes = async_capture_events(hass, "state_changed")
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    serve_stage(demo_page, 2)  # two updates in one poll: two events, oldest first
    await poll(hass, setup_entry)
    fired = [
        (e.data["new_state"].attributes["event_type"], e.data["new_state"].attributes["status"])
        for e in changes
        if e.data["entity_id"] == "event.demo_cloud_incident"
    ]
    assert fired == [
        ("incident_created", "investigating"),
        ("incident_updated", "identified"),
        ("incident_updated", "monitoring"),
    ]
    # A failed poll, and the recovery after it, fire nothing again: the entity's state (the
    # time of its last event) comes back as it was.
    last = hass.states.get("event.demo_cloud_incident").state  # type: ignore[union-attr]
    demo_page.set("/api/v2/summary.json", "<html>down</html>", status=503)
    await poll(hass, setup_entry)
    serve_stage(demo_page, 2)
    await poll(hass, setup_entry)
    assert hass.states.get("event.demo_cloud_incident").state == last  # type: ignore[union-attr]
    state = hass.states.get("event.demo_cloud_incident")
    assert state is not None
    # The attributes the README lists for the event entity, from the last update fired.
    shown = ("incident_id", "incident_name", "status", "impact", "body", "shortlink")
    assert {key: state.attributes[key] for key in (*shown, "affected_integrations")} == {
        "incident_id": "inc000000001",
        "incident_name": "Elevated API error rates",
        "status": "monitoring",
        "impact": "major",
        "body": "A fix has been deployed and we are monitoring the results.",
        "shortlink": "https://stspg.io/inc000000001",
        "affected_integrations": [],  # the demo page links to no integration
    }
