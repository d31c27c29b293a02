"""Repairs of a moved page: followed by re-detection once confirmed, refused if another page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import feed_entry, move_demo_page, poll
from tests.integration.fix_flow import (
    confirm_fix,
    fix,
    repairs,  # noqa: F401 (an autouse fixture)
    start_fix,
)
from tests.status_page_server import StatusPageServer, fixture, serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    import pytest
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator


async def test_moved_page_is_followed(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    demo_page: StatusPageServer,
    elsewhere: StatusPageServer,
    setup_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    new_base = elsewhere.url  # another host (here: another port) serving the same page
    move_demo_page(demo_page, elsewhere, "/new")
    await poll(hass, setup_entry)
    issue_id = f"page_moved_{setup_entry.entry_id}"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders == {"title": "Demo Cloud", "url": f"{new_base}/new"}

    events = async_capture_events(hass, EVENT_INCIDENT)
    client = await hass_client()
    flow = await start_fix(client, issue_id)
    assert flow["step_id"] == "confirm"
    # The confirmation's text: "Found **{name}** at {url} via {source}: {components}
    # components, {incidents} open incidents. **{title}** will follow it from now on".
    assert flow["description_placeholders"] == {
        "title": "Demo Cloud",
        "url": f"{new_base}/new",
        "name": "Demo Cloud",
        "source": f"Statuspage API v2 at {new_base}/new/api/v2/",
        "components": "3",
        "incidents": "0",
    }
    result = await confirm_fix(hass, client, flow)
    assert result["type"] == "create_entry"
    assert f"Demo Cloud: source re-detected at {new_base}/new" in caplog.messages
    assert setup_entry.data["url"] == f"{new_base}/new"
    assert setup_entry.data["name"] == "Demo Cloud"  # the found name, kept for identity checks
    assert setup_entry.unique_id == "demo0page001"  # still its page id: a re-add is refused
    assert setup_entry.data["endpoints"][0] == f"{new_base}/new/api/v2/summary.json"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None
    assert [e.data for e in events] == []  # the same page: nothing old fires
    # The entities are the same ones, keyed on the entry id: no "_2" copies, one device.
    assert hass.states.get("sensor.demo_cloud_status_2") is None
    assert hass.states.get("sensor.demo_cloud_status").state == "operational"  # type: ignore[union-attr]
    assert await hass.config_entries.async_unload(setup_entry.entry_id)


async def test_moved_issue_clears_when_the_redirect_stops(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    elsewhere: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    routes = dict(demo_page.routes)
    move_demo_page(demo_page, elsewhere)
    await poll(hass, setup_entry)
    issue_id = f"page_moved_{setup_entry.entry_id}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    demo_page.routes.update(routes)  # the old address answers again
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


async def test_a_move_to_a_different_page_is_refused(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    other = StatusPageServer()
    await other.start()
    other.set("/new/api/v2/summary.json", fixture("github_summary_all_operational_2026-08-22.json"))
    other.set("/new/api/v2/incidents.json", {"page": {"id": "kctbh9vrtdwd"}, "incidents": []})
    for path in ("/api/v2/summary.json", "/api/v2/incidents.json"):
        demo_page.set(path, "", status=301, headers={"Location": f"{other.url}/new{path}"})
    await poll(hass, setup_entry)
    result = await fix(hass, await hass_client(), f"page_moved_{setup_entry.entry_id}")
    assert (result["type"], result["reason"]) == ("abort", "wrong_page")
    assert result["description_placeholders"] == {"found": "GitHub", "expected": "Demo Cloud"}
    assert setup_entry.data["url"] == demo_page.url  # unchanged
    await other.stop()


async def test_a_permanent_redirect_on_the_same_host_is_no_move(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    """Only "another host" is a move (README, Repairs): a new path on the same host is not."""
    serve_stage(demo_page, 0)
    for path in ("/api/v2/summary.json", "/api/v2/incidents.json"):
        demo_page.routes[f"/new{path}"] = demo_page.routes.pop(path)
        demo_page.set(path, "", status=301, headers={"Location": f"/new{path}"})
    await poll(hass, setup_entry)
    assert demo_page.requests("/new/api/v2/summary.json")  # the redirect was followed
    assert hass.states.get("sensor.demo_cloud_status").state == "partial_outage"  # type: ignore[union-attr]
    issues = ir.async_get(hass).issues
    assert [key for key in issues if key[0] == DOMAIN] == []


async def test_entry_removed_before_confirming(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    demo_page: StatusPageServer,
    elsewhere: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    """Confirming a fix whose entry was deleted meanwhile: "The entry no longer exists."."""
    move_demo_page(demo_page, elsewhere)
    await poll(hass, setup_entry)
    client = await hass_client()
    flow = await start_fix(client, f"page_moved_{setup_entry.entry_id}")
    assert flow["step_id"] == "confirm"
    assert await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    result = await confirm_fix(hass, client, flow)
    assert (result["type"], result["reason"]) == ("abort", "entry_removed")


async def test_a_moved_feed_is_followed_under_its_new_address(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    status_page: StatusPageServer,
    elsewhere: StatusPageServer,
) -> None:
    """A feed is keyed on its page's address: after the fix, on the new one."""
    feed = fixture("github_history_2026-08-22_spaced_markup.atom")
    elsewhere.set("/feeds/history.atom", feed, content_type="application/atom+xml")
    status_page.set("/history.atom", feed, content_type="application/atom+xml")
    entry = feed_entry(status_page.url, "GitHub")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    status_page.set(
        "/history.atom", "", status=301, headers={"Location": f"{elsewhere.url}/feeds/history.atom"}
    )
    await poll(hass, entry)
    client = await hass_client()
    flow = await start_fix(client, f"page_moved_{entry.entry_id}")
    assert flow["step_id"] == "confirm"
    result = await confirm_fix(hass, client, flow)
    assert result["type"] == "create_entry"
    assert entry.data["endpoints"] == [f"{elsewhere.url}/feeds/history.atom"]
    assert entry.unique_id == f"{elsewhere.url}/feeds"
    assert await hass.config_entries.async_unload(entry.entry_id)
