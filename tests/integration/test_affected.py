"""What an incident affects here: the linked entries, and a linked entry failing meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Event
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.status_tracker import logbook
from custom_components.status_tracker.const import EVENT_INCIDENT, EVENT_LINKED_FAILURE
from tests.integration.conftest import poll
from tests.integration.linked import link_rows, mock_linked, state_of
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer

SMARTTHINGS = [{"domain": "smartthings", "entries": ["Home"]}]


@pytest.fixture
def linked_demo(
    hass: HomeAssistant, demo_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch
) -> StatusPageServer:
    """The demo page is the SmartThings row; SmartThings is set up here (and works)."""
    link_rows(monkeypatch, {"Samsung SmartThings": demo_page.url})
    mock_linked(hass, monkeypatch, "smartthings", "SmartThings")
    MockConfigEntry(domain="smartthings", title="Home", state=ConfigEntryState.LOADED).add_to_hass(
        hass
    )
    return demo_page


async def test_events_and_entities_name_the_affected_entries(
    hass: HomeAssistant, linked_demo: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    status = state_of(hass, "sensor.demo_cloud_status")
    assert status.attributes["affected_integrations"] == SMARTTHINGS
    serve_stage(linked_demo, 0)
    await poll(hass, setup_entry)
    assert [e.data["affected_integrations"] for e in events] == [SMARTTHINGS]
    event = state_of(hass, "event.demo_cloud_incident")
    assert event.attributes["affected_integrations"] == SMARTTHINGS
    # A second SmartThings entry shows at once, without waiting for the page to change.
    await hass.config_entries.async_add(MockConfigEntry(domain="smartthings", title="Cabin"))
    await hass.async_block_till_done()
    status = state_of(hass, "sensor.demo_cloud_status")
    assert status.attributes["affected_integrations"] == [
        {"domain": "smartthings", "entries": ["Home", "Cabin"]}
    ]


async def test_a_linked_entry_in_setup_retry_during_an_incident_is_reported_once(
    hass: HomeAssistant,
    linked_demo: StatusPageServer,
    setup_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def not_ready(_hass: HomeAssistant, _entry: ConfigEntry[Any]) -> bool:
        raise ConfigEntryNotReady

    mock_linked(hass, monkeypatch, "smartthings", "SmartThings", not_ready)
    failures = async_capture_events(hass, EVENT_LINKED_FAILURE)
    serve_stage(linked_demo, 0)
    await poll(hass, setup_entry)
    problem = state_of(hass, "binary_sensor.demo_cloud_problem")
    assert problem.state == "on"
    assert problem.attributes["failing_integrations"] == []
    hub = MockConfigEntry(domain="smartthings", title="Hub")
    hub.add_to_hass(hass)
    await hass.config_entries.async_setup(hub.entry_id)
    await hass.async_block_till_done()
    assert hub.state is ConfigEntryState.SETUP_RETRY
    failing = [{"domain": "smartthings", "entries": ["Hub"]}]
    problem = state_of(hass, "binary_sensor.demo_cloud_problem")
    assert problem.attributes["failing_integrations"] == failing
    # More retries and more updates of the same incident: still the one report.
    await hass.config_entries.async_reload(hub.entry_id)
    serve_stage(linked_demo, 1)
    await poll(hass, setup_entry)
    assert len(failures) == 1
    assert failures[0].data == {
        "entry_id": setup_entry.entry_id,
        "device_id": failures[0].data["device_id"],
        "entity_id": "binary_sensor.demo_cloud_problem",
        "provider": "Demo Cloud",
        "page_url": linked_demo.url,
        "incident_id": "inc000000001",
        "incident_name": "Elevated API error rates",
        "status": "partial_outage",
        "failing_integrations": failing,
        "message": "Demo Cloud: partial outage — your SmartThings entries are affected",
    }
    assert failures[0].data["device_id"] is not None
    # Resolved: nothing is failing because of the page any more.
    serve_stage(linked_demo, 3)
    await poll(hass, setup_entry)
    problem = state_of(hass, "binary_sensor.demo_cloud_problem")
    assert problem.attributes["failing_integrations"] == []


async def test_linked_entities_going_unavailable_are_reported(
    hass: HomeAssistant, linked_demo: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    hub = hass.config_entries.async_entries("smartthings")[0]
    er.async_get(hass).async_get_or_create(
        "sensor", "smartthings", "hall", config_entry=hub, suggested_object_id="hall"
    )
    hass.states.async_set("sensor.hall", "21")
    failures = async_capture_events(hass, EVENT_LINKED_FAILURE)
    serve_stage(linked_demo, 0)
    await poll(hass, setup_entry)
    assert failures == []
    hass.states.async_set("sensor.hall", "unavailable")
    await hass.async_block_till_done()
    assert [e.data["failing_integrations"] for e in failures] == [SMARTTHINGS]
    hass.states.async_set("sensor.hall", "22")
    await hass.async_block_till_done()
    problem = state_of(hass, "binary_sensor.demo_cloud_problem")
    assert problem.attributes["failing_integrations"] == []


def test_logbook_line() -> None:
    described: dict[str, object] = {}

    def register(domain: str, event_type: str, describe: object) -> None:
        described[event_type] = describe

    logbook.async_describe_events(None, register)  # type: ignore[arg-type]
    event = Event(
        EVENT_LINKED_FAILURE,
        {
            "provider": "Ring cloud",
            "entity_id": "binary_sensor.ring_cloud_problem",
            "message": "Ring cloud: partial outage — your Ring entries are affected",
        },
    )
    assert described[EVENT_LINKED_FAILURE](event) == {  # type: ignore[operator]
        "name": "Ring cloud",
        "message": "partial outage — your Ring entries are affected",
        "entity_id": "binary_sensor.ring_cloud_problem",
    }
