"""The config flow against a real loopback page: catalog, URL detection, errors, duplicates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import SOURCE_USER
from homeassistant.data_entry_flow import FlowResultType

from custom_components.status_tracker import config_flow
from custom_components.status_tracker.client import (
    CatalogPage,
    Category,
    SourceKind,
    detect_source,
)
from custom_components.status_tracker.const import DOMAIN
from tests.status_page_server import StatusPageServer, fixture

if TYPE_CHECKING:
    from aiohttp import ClientSession
    from homeassistant.core import HomeAssistant
    import pytest
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from custom_components.status_tracker.client.detect import Detection


async def _start(hass: HomeAssistant, step: str) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["catalog", "url"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step
    return result["flow_id"]


async def test_pick_from_catalog(
    hass: HomeAssistant, demo_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = (
        CatalogPage(
            name="Demo Cloud",
            platform=SourceKind.STATUSPAGE,
            url=demo_page.url,
            category=Category.CLOUD_HOSTING,
        ),
    )
    monkeypatch.setattr(config_flow, "load_catalog", lambda: catalog)
    flow_id = await _start(hass, "catalog")
    result = await hass.config_entries.flow.async_configure(flow_id, {"provider": demo_page.url})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "confirm"
    assert result["description_placeholders"] == {
        "name": "Demo Cloud",
        "source": f"Statuspage API v2 at {demo_page.url}/api/v2/",
        "components": "3",
        "incidents": "0",
    }
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Demo Cloud"
    assert result["result"].unique_id == "demo0page001"
    assert result["data"] == {
        "url": demo_page.url,
        "source": "statuspage",
        "endpoints": [
            f"{demo_page.url}/api/v2/summary.json",
            f"{demo_page.url}/api/v2/incidents.json",
        ],
        "name": "Demo Cloud",
    }
    assert hass.states.get("sensor.demo_cloud_status") is not None


async def test_url_with_errors_then_recovery(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    flow_id = await _start(hass, "url")
    # Nothing machine-readable there yet: an HTML page only.
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": status_page.url})
    assert result["errors"] == {"base": "not_status_page"}
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": "http://127.0.0.1:9"})
    assert result["errors"] == {"base": "cannot_connect"}
    status_page.set(
        "/history.atom",
        fixture("github_history_2026-08-22_spaced_markup.atom"),
        content_type="application/atom+xml",
    )
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": status_page.url})
    assert result["step_id"] == "confirm"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "GitHub"
    assert result["data"]["source"] == "statuspage_feed"
    assert result["result"].unique_id == status_page.url


async def test_unexpected_error_is_reported_then_recovers(
    hass: HomeAssistant, demo_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_detect = detect_source
    calls: list[str] = []

    async def boom_once(session: ClientSession, url: str) -> Detection:
        calls.append(url)
        if len(calls) == 1:
            raise RuntimeError
        return await real_detect(session, url)

    monkeypatch.setattr(config_flow, "detect_source", boom_once)
    flow_id = await _start(hass, "url")
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": demo_page.url})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unknown"}
    result = await hass.config_entries.flow.async_configure(flow_id, {"url": demo_page.url})
    assert result["step_id"] == "confirm"
    result = await hass.config_entries.flow.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Demo Cloud"
    assert result["result"].unique_id == "demo0page001"
    assert calls == [demo_page.url, demo_page.url]


async def test_same_page_twice_is_aborted(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    flow_id = await _start(hass, "url")
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": f"{demo_page.url}/api/v2/summary.json"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_catalog_picker_is_searchable_and_labelled(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "catalog"}
    )
    assert result["description_placeholders"] == {"count": "498"}
    schema = result["data_schema"]
    assert schema is not None
    selector = schema.schema["provider"].config
    # custom_value turns the frontend's plain menu into a searchable combobox.
    assert selector["custom_value"] is True
    assert selector["mode"] == "dropdown"
    labels = {option["value"]: option["label"] for option in selector["options"]}
    assert len(labels) == 498
    assert labels["https://www.githubstatus.com"] == (
        "GitHub · Atlassian Statuspage · Developer tools"
    )
    assert labels["https://status.smartthings.com/history.atom"] == (
        "Samsung SmartThings · Atlassian Statuspage · Smart home and device clouds"
    )
    assert labels["https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"] == (
        "GitLab · Status.io · Developer tools"
    )


async def test_catalog_step_detects_a_pasted_address(
    hass: HomeAssistant, demo_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config_flow, "load_catalog", tuple)
    flow_id = await _start(hass, "catalog")
    result = await hass.config_entries.flow.async_configure(flow_id, {"provider": demo_page.url})
    assert result["step_id"] == "confirm"
