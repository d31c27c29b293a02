"""The config flow against a real loopback page: catalog, URL detection, errors, options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import SOURCE_USER
from homeassistant.data_entry_flow import FlowResultType

from custom_components.status_tracker import config_flow
from custom_components.status_tracker.catalog import Provider, load_catalog
from custom_components.status_tracker.client import detect_source
from custom_components.status_tracker.const import DOMAIN
from tests.status_page_server import fixture

if TYPE_CHECKING:
    from aiohttp import ClientSession
    from homeassistant.core import HomeAssistant
    import pytest
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from custom_components.status_tracker.client.detect import Detection
    from tests.status_page_server import StatusPageServer


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
    catalog = (Provider(name="Demo Cloud", url=demo_page.url, platform="statuspage"),)
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


async def test_reconfigure(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    result = await setup_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": "http://127.0.0.1:9"}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    moved = f"{demo_page.url}/moved"
    demo_page.routes["/moved/api/v2/summary.json"] = demo_page.routes["/api/v2/summary.json"]
    demo_page.routes["/moved/api/v2/incidents.json"] = demo_page.routes["/api/v2/incidents.json"]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"url": moved})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert setup_entry.data["url"] == moved
    assert setup_entry.data["endpoints"][0] == f"{moved}/api/v2/summary.json"


async def test_reconfigure_to_another_page_is_refused(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    demo_page.set(
        "/other/api/v2/summary.json", fixture("github_summary_all_operational_2026-08-22.json")
    )
    result = await setup_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": f"{demo_page.url}/other"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_page"


async def test_options(hass: HomeAssistant, setup_entry: MockConfigEntry) -> None:
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"]
    assert schema is not None
    components = schema.schema["components"].config["options"]
    assert [c["label"] for c in components] == ["API", "Website", "Database"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "scan_interval": 120.0,
            "components": ["api00000001a"],
            "min_impact": "major",
            "webhook": True,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    # The generated webhook id is a secret: entry data, not options.
    webhook_id = setup_entry.data["webhook_id"]
    assert len(webhook_id) > 20
    # Options the form did not get are saved at their defaults: off.
    assert setup_entry.options == {
        "scan_interval": 120,
        "components": ["api00000001a"],
        "min_impact": "major",
        "scope": [],
        "regions": [],
        "problem_level": "degraded",
        "problem_maintenance": False,
        "problem_unknown": False,
        "hold_down": 0,
        "hold_down_bypass": "major",
        "webhook": True,
    }
    # The URL is shown next time, and the id stays the same when options are saved again.
    result = await hass.config_entries.options.async_init(setup_entry.entry_id)
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["webhook_url"].endswith(f"/api/webhook/{webhook_id}")
    await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"scan_interval": 120, "components": [], "min_impact": "none", "webhook": False},
    )
    await hass.async_block_till_done()
    assert setup_entry.data["webhook_id"] == webhook_id
    assert "webhook_id" not in setup_entry.options
    coordinator = setup_entry.runtime_data.coordinator
    assert coordinator.update_interval is not None
    assert coordinator.update_interval.total_seconds() == 120


def test_catalog_is_valid() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 60
    assert len({p.name for p in catalog}) == len(catalog)
    assert len({p.url for p in catalog}) == len(catalog)
    assert all(p.url.startswith("https://") and not p.url.endswith("/") for p in catalog)
    assert {p.platform for p in catalog} == {"statuspage", "incidentio"}
    github = next(p for p in catalog if p.name == "GitHub")
    assert github.label == "GitHub (Atlassian Statuspage)"
