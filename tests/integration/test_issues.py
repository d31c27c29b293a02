"""Repair issues as the user meets them: listed, worded, kept while they last, gone when over.

The fix flows are in test_repairs.py; this is when an issue shows and what it says.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest

from custom_components.status_tracker.const import DOMAIN
from tests.integration.conftest import move_demo_page, poll
from tests.restart import restarted
from tests.status_page_server import StatusPageServer, serve_stage

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry
    from pytest_homeassistant_custom_component.typing import WebSocketGenerator

SUMMARY = "/api/v2/summary.json"


@pytest.fixture(autouse=True)
async def repairs(hass: HomeAssistant) -> None:
    """Home Assistant's repairs integration (the list the Repairs panel shows)."""
    assert await async_setup_component(hass, "repairs", {})


def _shown(hass: HomeAssistant, issue_id: str) -> bool:
    """Whether the issue is active: what the Repairs panel lists."""
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    return issue is not None and issue.active


async def _gone_for_a_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    page: StatusPageServer,
    entry: MockConfigEntry,
) -> str:
    """The page answers 404 for 24 hours: its "gone" issue is raised; its id."""
    issue_id = f"page_gone_{entry.entry_id}"
    page.routes.pop(SUMMARY)
    await poll(hass, entry)
    freezer.tick(timedelta(hours=24))
    await poll(hass, entry)
    assert _shown(hass, issue_id)
    return issue_id


async def test_a_moved_page_is_listed_as_a_fixable_warning(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    demo_page: StatusPageServer,
    elsewhere: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    move_demo_page(demo_page, elsewhere)
    await poll(hass, setup_entry)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "repairs/list_issues"})
    listed = (await client.receive_json())["result"]["issues"]
    [issue] = [issue for issue in listed if issue["domain"] == DOMAIN]
    assert {key: issue[key] for key in ("issue_id", "is_fixable", "severity")} == {
        "issue_id": f"page_moved_{setup_entry.entry_id}",
        "is_fixable": True,  # "a fixable repair issue" (README, Repairs)
        "severity": "warning",  # the page still works where it moved to
    }
    # The panel's title is the issue's translation, filled in with the entry and address.
    titles = await async_get_translations(hass, "en", "issues", [DOMAIN])
    title = titles[f"component.{DOMAIN}.issues.{issue['translation_key']}.title"]
    assert title.format(**issue["translation_placeholders"]) == (
        f"Demo Cloud moved to {elsewhere.url}"
    )


async def test_an_answer_other_than_404_ends_gone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    """Gone is "404/410 for 24 hours": a page answering 503 is there, just failing."""
    issue_id = await _gone_for_a_day(hass, freezer, demo_page, setup_entry)
    demo_page.set(SUMMARY, "<html>down</html>", status=503, content_type="text/html")
    await poll(hass, setup_entry)
    assert not _shown(hass, issue_id)
    # The day is counted again from the next 404.
    demo_page.routes.pop(SUMMARY)
    await poll(hass, setup_entry)
    freezer.tick(timedelta(hours=23))
    await poll(hass, setup_entry)
    assert not _shown(hass, issue_id)


async def test_a_poll_that_reads_the_page_restarts_the_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    """Gone is 24 hours of 404s: a page read in between counts the day from the next 404."""
    summary = demo_page.routes.pop(SUMMARY)
    await poll(hass, setup_entry)
    freezer.tick(timedelta(hours=12))
    demo_page.routes[SUMMARY] = summary  # read again (a 304 is an answer too)
    await poll(hass, setup_entry)
    demo_page.routes.pop(SUMMARY)
    await poll(hass, setup_entry)
    freezer.tick(timedelta(hours=13))  # 25 hours since the first 404, 13 since the last
    await poll(hass, setup_entry)
    assert not _shown(hass, f"page_gone_{setup_entry.entry_id}")


async def _carry_issues(hass: HomeAssistant, hass2: HomeAssistant, storage: dict[str, Any]) -> None:
    """Hand ``hass``'s issues to ``hass2`` as a restart does: written to .storage, read at start.

    (The test harness stubs the issue registry's store out, so both halves are done here.)
    """
    issues = ir.async_get(hass).issues.values()
    storage[ir.STORAGE_KEY] = {
        "version": ir.STORAGE_VERSION_MAJOR,
        "minor_version": ir.STORAGE_VERSION_MINOR,
        "key": ir.STORAGE_KEY,
        "data": {"issues": [issue.to_json() for issue in issues]},
    }
    await ir.async_get(hass2).async_load()


async def test_a_gone_page_stays_reported_across_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    """A restart does not hide a page that is still gone; the issue clears once it answers."""
    issue_id = await _gone_for_a_day(hass, freezer, demo_page, setup_entry)
    await hass.async_stop(force=True)
    async with restarted(hass, [setup_entry], set_up=False) as (hass2, (entry,)):
        await _carry_issues(hass, hass2, hass_storage)
        assert await hass2.config_entries.async_setup(entry.entry_id)
        await hass2.async_block_till_done()
        assert _shown(hass2, issue_id)
        await poll(hass2, entry)  # still 404
        assert _shown(hass2, issue_id)
        serve_stage(demo_page, None)  # back again: the issue goes by itself
        await poll(hass2, entry)
        assert ir.async_get(hass2).async_get_issue(DOMAIN, issue_id) is None
