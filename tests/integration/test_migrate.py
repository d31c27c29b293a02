"""Entries made by 1.1 (webhook id in options) are brought to 1.2 (webhook id in data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

import custom_components.status_tracker as integration
from custom_components.status_tracker.const import DOMAIN
from custom_components.status_tracker.migrate import async_migrate_entry_data
from tests.integration.conftest import entry_data
from tests.status_page_server import DEMO_PAGE

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

    from tests.status_page_server import StatusPageServer

WEBHOOK_ID = "fedcba9876543210fedcba9876543210"
OPTIONS = {"scan_interval": 300, "components": [], "min_impact": "none", "webhook": True}


@pytest.fixture(autouse=True)
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """Home Assistant calls the component's ``async_migrate_entry``: point it at ours."""
    monkeypatch.setattr(integration, "async_migrate_entry", async_migrate_entry_data, raising=False)


async def test_webhook_id_moves_from_options_to_data(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
) -> None:
    assert await async_setup_component(hass, "webhook", {})
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id=DEMO_PAGE["id"],
        data=entry_data(demo_page),
        options={**OPTIONS, "webhook_id": WEBHOOK_ID},
        version=1,
        minor_version=1,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 2)
    assert entry.data == {**entry_data(demo_page), "webhook_id": WEBHOOK_ID}
    assert entry.options == OPTIONS
    # The URL already given to the status page still works.
    polls = len(demo_page.hits)
    client = await hass_client_no_auth()
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=b"[]")
    assert response.status == 400  # reached our handler, which refuses a non-notification
    assert len(demo_page.hits) == polls


async def test_entry_without_webhook_only_changes_version(
    hass: HomeAssistant, demo_page: StatusPageServer
) -> None:
    options = {**OPTIONS, "webhook": False}
    entry = MockConfigEntry(
        domain=DOMAIN, data=entry_data(demo_page), options=options, minor_version=1
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert (entry.version, entry.minor_version) == (1, 2)
    assert entry.data == entry_data(demo_page)
    assert entry.options == options


async def test_entry_from_a_newer_release_is_not_set_up(
    hass: HomeAssistant, demo_page: StatusPageServer
) -> None:
    entry = MockConfigEntry(domain=DOMAIN, data=entry_data(demo_page), version=2)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR
    assert entry.data == entry_data(demo_page)


async def test_entry_from_a_newer_minor_release_is_set_up_unchanged(
    hass: HomeAssistant, demo_page: StatusPageServer
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN, data=entry_data(demo_page), options=OPTIONS, minor_version=3
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 3)
    assert entry.options == OPTIONS
