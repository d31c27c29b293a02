"""Reconfiguring an entry (the same page, another one, a moved feed) and its options flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.data_entry_flow import FlowResultType

from tests.integration.conftest import feed_entry
from tests.status_page_server import StatusPageServer, fixture

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry


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
