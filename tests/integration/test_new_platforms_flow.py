"""The config flow end to end with the new platforms: one page picked from the catalog
(Sorry™), one pasted by URL (Cachet), each detected on a loopback page, created, polled
and shown by its entities."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.status_tracker import config_flow
from custom_components.status_tracker.client import CatalogPage, Category, SourceKind
from custom_components.status_tracker.const import DOMAIN
from tests.status_page_server import StatusPageServer, fixture

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom_components/status_tracker."""


def _load(name: str) -> Any:
    return json.loads(fixture(name))


async def _menu(hass: HomeAssistant, choice: str) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    if result["type"] is FlowResultType.MENU:
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"next_step_id": choice}
        )
    return result["flow_id"]


async def test_a_sorry_page_from_the_catalog(
    hass: HomeAssistant, status_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    status = _load("sorry_api_v1_status_st_andrews_doc_example.json")
    status["page"]["url"] = status_page.url
    status_page.set("/api/v1/status", status)
    status_page.set(
        "/api/v1/components", fixture("sorry_api_v1_components_nested_doc_example.json")
    )
    status_page.set("/api/v1/notices", fixture("sorry_api_v1_notices_st_andrews_doc_example.json"))
    row = CatalogPage(
        name="St Andrews",
        platform=SourceKind.SORRY,
        url=status_page.url,
        category=Category.OTHER,
    )
    monkeypatch.setattr(config_flow, "load_catalog", lambda: (row,))
    flow_id = await _menu(hass, "catalog")
    result = await hass.config_entries.flow.async_configure(flow_id, {"provider": status_page.url})
    assert result["step_id"] == "confirm"
    found = result["description_placeholders"]
    assert found is not None
    assert found["name"] == "University of St Andrews service status"
    assert found["source"] == f"Status page API v1 at {status_page.url}/api/v1/"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["source"] == "sorry"
    await hass.async_block_till_done()
    status_sensor = hass.states.get("sensor.university_of_st_andrews_service_status_status")
    assert status_sensor is not None
    assert status_sensor.state == "operational"
    device = hass.states.get("binary_sensor.university_of_st_andrews_service_status_problem")
    assert device is not None


async def test_a_cachet_page_by_url(hass: HomeAssistant, status_page: StatusPageServer) -> None:
    status_page.set("/api/v1/components", fixture("cachet2_components_yoti_2020-10_extracted.json"))
    status_page.set("/api/v1/incidents", fixture("cachet2_incidents_from_go_client_test.json"))
    status_page.set(
        "/api/v1/components/groups", fixture("cachet2_component_groups_from_go_client_test.json")
    )
    flow_id = await _menu(hass, "url")
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": status_page.url})
    assert result["step_id"] == "confirm"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["source"] == "cachet"
    assert result["data"]["url"] == status_page.url
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.runtime_data.coordinator.data.source is SourceKind.CACHET
    states = {
        state.entity_id: state.state
        for state in hass.states.async_all()
        if state.entity_id.endswith(("_status", "_active_incidents"))
    }
    assert states, "the page's sensors exist"
    assert all(value not in {"unavailable", "unknown"} for value in states.values())
