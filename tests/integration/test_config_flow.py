"""The config flow against a real loopback page: catalog, URL detection, errors, options."""

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
from tests.integration.conftest import feed_entry
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
    assert result["step_id"] == "reconfigure_confirm"  # what was found, before anything changes
    found = result["description_placeholders"]
    assert found is not None
    assert (found["name"], found["components"]) == ("Demo Cloud", "3")
    assert setup_entry.data["url"] == demo_page.url
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert setup_entry.data["url"] == moved
    assert setup_entry.data["endpoints"][0] == f"{moved}/api/v2/summary.json"
    assert hass.states.get("sensor.demo_cloud_status") is not None  # the same entities
    assert hass.states.get("sensor.demo_cloud_status_2") is None


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
    assert result["description_placeholders"] == {"found": "GitHub", "expected": "Demo Cloud"}


async def test_reconfigure_a_feed_entry_to_its_new_address(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    """Feeds are identified by their link and name, not their URL: a move is followed."""
    feed = fixture("github_history_2026-08-22_spaced_markup.atom")
    status_page.set("/history.atom", feed, content_type="application/atom+xml")
    entry = feed_entry(status_page.url, "GitHub")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    moved = StatusPageServer()  # another host now serves the same feed
    await moved.start()
    moved.set("/feeds/history.atom", feed, content_type="application/atom+xml")
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": f"{moved.url}/feeds/history.atom"}
    )
    assert result["step_id"] == "reconfigure_confirm"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data["endpoints"] == [f"{moved.url}/feeds/history.atom"]
    assert entry.unique_id == f"{moved.url}/feeds"
    assert await hass.config_entries.async_unload(entry.entry_id)
    await moved.stop()


async def test_reconfigure_onto_a_page_another_entry_follows_is_refused(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    feed = fixture("github_history_2026-08-22_spaced_markup.atom")
    status_page.set("/a/history.atom", feed, content_type="application/atom+xml")
    status_page.set("/b/history.atom", feed, content_type="application/atom+xml")
    first = feed_entry(f"{status_page.url}/a", "GitHub A", name="GitHub")
    second = feed_entry(f"{status_page.url}/b", "GitHub B", name="GitHub")
    first.add_to_hass(hass)
    second.add_to_hass(hass)
    result = await first.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": f"{status_page.url}/b/history.atom"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert result["description_placeholders"] == {"title": "GitHub B"}


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
