"""Repairs of a vanished page; issues go with their entry; a platform change only logs."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import move_demo_page, poll
from tests.integration.fix_flow import (
    fix,
    repairs,  # noqa: F401 (an autouse fixture)
    start_fix,
)
from tests.status_page_server import DEMO_PAGE, StatusPageServer, demo_incident, serve_stage

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator


async def test_issues_go_with_the_entry(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    elsewhere: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    move_demo_page(demo_page, elsewhere)
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"page_moved_{setup_entry.entry_id}")
    assert await hass.config_entries.async_remove(setup_entry.entry_id)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"page_moved_{setup_entry.entry_id}") is None


async def test_page_gone_for_a_day(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    issue_id = f"page_gone_{setup_entry.entry_id}"
    start = dt_util.utcnow()
    demo_page.routes.pop("/api/v2/summary.json")
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None  # not yet
    freezer.tick(timedelta(hours=23, minutes=59))
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None  # nor a day less a minute
    freezer.tick(timedelta(minutes=1))  # "answered 404/410 for 24 hours" (README, Repairs)
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    freezer.move_to(start)  # back, so the test client's short-lived token is valid
    result = await fix(hass, await hass_client(), issue_id)
    assert (result["type"], result["reason"]) == ("abort", "cannot_detect")
    # Why, for whoever reads the log: the entry, the address, and what went wrong.
    [why] = [message for message in caplog.messages if "re-detection" in message]
    assert why.startswith(
        f"Demo Cloud: re-detection at {demo_page.url} failed: No status-page API or feed "
        f"found at {demo_page.url} (HTTP 404 from {demo_page.url}/api/v2/summary.json; "
    )
    assert why.endswith(f"HTTP 404 from {demo_page.url}/status.json)")  # every address tried
    serve_stage(demo_page, None)  # back again: the issue goes by itself
    await poll(hass, setup_entry)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


@pytest.mark.usefixtures("setup_entry")  # the integration is loaded: its fix flow answers
async def test_an_issue_left_without_its_entry(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, demo_page: StatusPageServer
) -> None:
    """An issue whose entry is gone is not fixed onto nothing: "The entry no longer exists."."""
    asked = len(demo_page.requests("/api/v2/summary.json"))
    ir.async_create_issue(
        hass,
        DOMAIN,
        "page_gone_01GONEENTRY00000000000000",
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="page_gone",
        translation_placeholders={"title": "Demo Cloud", "url": demo_page.url},
        data={"entry_id": "01GONEENTRY00000000000000", "url": demo_page.url},
    )
    result = await start_fix(await hass_client(), "page_gone_01GONEENTRY00000000000000")
    assert (result["type"], result["reason"]) == ("abort", "entry_removed")
    assert len(demo_page.requests("/api/v2/summary.json")) == asked  # nothing was detected


@pytest.mark.usefixtures("setup_entry")
async def test_platform_change_rebaselines_and_only_logs(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    events = async_capture_events(hass, EVENT_INCIDENT)
    # The page migrates: every incident comes back under a new id.
    incidents = [demo_incident(3, f"01JMYB483C404VMPCW726E8M{n:02d}") for n in range(5)]
    serve_stage(demo_page, None)
    demo_page.set("/api/v2/incidents.json", {"page": DEMO_PAGE, "incidents": incidents})
    await poll(hass, setup_entry)
    assert events == []  # not 20 "new" updates
    assert "every incident id changed" in caplog.text
    # Already re-baselined, nothing to fix: no repair issue at all.
    assert ir.async_get(hass).issues == {}
