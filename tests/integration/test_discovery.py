"""A linked integration added while the tracker is loaded: its page is a discovered flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import (
    SOURCE_IGNORE,
    SOURCE_INTEGRATION_DISCOVERY,
    SOURCE_USER,
)
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.status_tracker.const import DOMAIN
from tests.integration.linked import link_rows, mock_linked, serve_page

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


@pytest.fixture
async def loaded(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    monkeypatch: pytest.MonkeyPatch,
    mock_entry: MockConfigEntry,
) -> str:
    """The tracker loaded (one demo entry); the SmartThings and Twilio rows on loopback."""
    base = demo_page.url
    link_rows(
        monkeypatch, {"Samsung SmartThings": f"{base}/smartthings", "Twilio": f"{base}/twilio"}
    )
    serve_page(demo_page, "/smartthings", "smartthings01", "SmartThings")
    for domain in ("smartthings", "twilio", "twilio_sms", "hue"):
        mock_linked(hass, monkeypatch, domain, domain)
    mock_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    return base


async def _add(hass: HomeAssistant, domain: str, title: str) -> None:
    await hass.config_entries.async_add(MockConfigEntry(domain=domain, title=title))
    await hass.async_block_till_done()


def _discovered(hass: HomeAssistant) -> list[tuple[str, Any, Any]]:
    return [
        (flow["step_id"], flow["context"]["unique_id"], flow["context"]["title_placeholders"])
        for flow in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    ]


async def test_added_integration_is_discovered_once_and_added(
    hass: HomeAssistant, loaded: str
) -> None:
    await _add(hass, "smartthings", "Home")
    await _add(hass, "smartthings", "Cabin")  # the same page: still one flow
    await _add(hass, "hue", "Lights")  # no page links to it
    assert _discovered(hass) == [
        (
            "discovery_confirm",
            f"suggestion:{loaded}/smartthings",
            {"name": "Samsung SmartThings"},
        )
    ]
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    result = await hass.config_entries.flow.async_configure(flow["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "SmartThings"
    assert result["result"].unique_id == "smartthings01"
    await _add(hass, "smartthings", "Garage")  # followed now: nothing more to suggest
    assert _discovered(hass) == []


async def test_an_ignored_suggestion_does_not_come_back(hass: HomeAssistant, loaded: str) -> None:
    await _add(hass, "twilio", "Texts")
    await _add(hass, "twilio_sms", "Alerts")  # another domain of the same page
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["title_placeholders"] == {"name": "Twilio"}
    # What the frontend's Ignore button does.
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_IGNORE},
        data={"unique_id": flow["context"]["unique_id"], "title": "Status page for Twilio"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert _discovered(hass) == []
    await _add(hass, "twilio", "Calls")
    assert _discovered(hass) == []
    # Nor is it suggested by the user step (only the demo page is tracked, nothing else linked).
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["menu_options"] == ["catalog", "url"]


async def test_a_page_added_another_way_ends_its_discovered_flow(
    hass: HomeAssistant, loaded: str
) -> None:
    await _add(hass, "smartthings", "Home")
    assert len(_discovered(hass)) == 1
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "url"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": f"{loaded}/smartthings"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert _discovered(hass) == []


async def _add_by_url(hass: HomeAssistant, url: str) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "url"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"url": url})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_a_page_added_while_starting_is_not_offered_once_started(
    hass: HomeAssistant, loaded: str
) -> None:
    # Discovered flows wait for Home Assistant to have started; the page is added meanwhile.
    hass.set_state(CoreState.starting)
    await _add(hass, "smartthings", "Home")
    assert _discovered(hass) == []
    await _add_by_url(hass, f"{loaded}/smartthings")
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert _discovered(hass) == []
    assert len(hass.config_entries.async_entries(DOMAIN)) == 2


async def test_discovery_of_a_tracked_or_unlisted_page_is_aborted(
    hass: HomeAssistant, loaded: str
) -> None:
    await _add_by_url(hass, f"{loaded}/smartthings")
    for url, reason in (
        (f"{loaded}/smartthings", "already_configured"),
        ("https://status.not-in-the-catalog.example", "unknown"),
    ):
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_INTEGRATION_DISCOVERY}, data={"url": url}
        )
        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == reason
    assert _discovered(hass) == []
    assert len(hass.config_entries.async_entries(DOMAIN)) == 2
