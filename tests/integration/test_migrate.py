"""Entries made by older versions are brought to 1.3.

1.1 kept the webhook id in options (1.2: data); 1.2 keyed entities and the device on the
entry's unique id (1.3: the entry id).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.status_tracker import async_migrate_entry
from custom_components.status_tracker.const import DOMAIN
from tests.integration.conftest import entry_data
from tests.status_page_server import DEMO_PAGE

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

    from tests.status_page_server import StatusPageServer

WEBHOOK_ID = "fedcba9876543210fedcba9876543210"
OPTIONS = {"scan_interval": 300, "components": [], "min_impact": "none", "webhook": True}


def _stored_entry(
    page: StatusPageServer, options: dict[str, Any], *, minor_version: int, **extra: Any
) -> MockConfigEntry:
    """The demo entry as an older release of version 1 stored it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id=DEMO_PAGE["id"],
        data=entry_data(page),
        options=options,
        version=1,
        minor_version=minor_version,
        **extra,
    )


async def test_webhook_id_moves_from_options_to_data(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
) -> None:
    assert await async_setup_component(hass, "webhook", {})
    entry = _stored_entry(demo_page, {**OPTIONS, "webhook_id": WEBHOOK_ID}, minor_version=1)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 3)
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
    assert (entry.version, entry.minor_version) == (1, 3)
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
        domain=DOMAIN, data=entry_data(demo_page), options=OPTIONS, minor_version=4
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 4)
    assert entry.options == OPTIONS


async def test_entities_and_device_keyed_on_the_entry_id_keep_customisations(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    area_registry: ar.AreaRegistry,
    demo_page: StatusPageServer,
) -> None:
    entry = _stored_entry(
        demo_page,
        {**OPTIONS, "webhook": False, "components": ["api00000001a"]},
        minor_version=2,
        entry_id="01OLDKEYS000000000000000000",
    )
    entry.add_to_hass(hass)
    # What 1.2 registered: keys made of the page id, customised by the user.
    kitchen = area_registry.async_create("Kitchen")
    device = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, DEMO_PAGE["id"])}, name="Demo Cloud"
    )
    status = entity_registry.async_get_or_create(
        "sensor",
        DOMAIN,
        f"{DEMO_PAGE['id']}_status",
        config_entry=entry,
        device_id=device.id,
        suggested_object_id="my_cloud",
    )
    entity_registry.async_update_entity(status.entity_id, name="My cloud", area_id=kitchen.id)
    api = entity_registry.async_get_or_create(
        "sensor",
        DOMAIN,
        f"{DEMO_PAGE['id']}_component_api00000001a",
        config_entry=entry,
        device_id=device.id,
        suggested_object_id="cloud_api",
    )

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert (entry.version, entry.minor_version) == (1, 3)
    moved = entity_registry.async_get("sensor.my_cloud")
    assert moved is not None
    assert moved.unique_id == "01OLDKEYS000000000000000000_status"
    assert (moved.name, moved.area_id) == ("My cloud", kitchen.id)
    assert hass.states.get("sensor.my_cloud") is not None  # the same entity id, now live
    component = entity_registry.async_get(api.entity_id)
    assert component is not None
    assert component.unique_id == "01OLDKEYS000000000000000000_component_api00000001a"
    # One device, the user's, now keyed on the entry id; no second device, no "_2" entities.
    devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert [d.id for d in devices] == [device.id]
    assert devices[0].identifiers == {(DOMAIN, "01OLDKEYS000000000000000000")}
    entity_ids = {
        e.entity_id for e in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    }
    assert not any(entity_id.endswith("_2") for entity_id in entity_ids)


async def test_entry_from_1_1_takes_both_steps_and_logs_each(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    demo_page: StatusPageServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """1.1 also keyed the registry on the unique id: its entries are re-keyed too."""
    caplog.set_level(logging.DEBUG, logger="custom_components.status_tracker")
    entry = _stored_entry(
        demo_page,
        {**OPTIONS, "webhook_id": WEBHOOK_ID},
        minor_version=1,
        entry_id="01FROMONEONE000000000000000",
    )
    entry.add_to_hass(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, DEMO_PAGE["id"])}, name="Demo Cloud"
    )
    status = entity_registry.async_get_or_create(
        "sensor", DOMAIN, f"{DEMO_PAGE['id']}_status", config_entry=entry, device_id=device.id
    )

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert (entry.version, entry.minor_version) == (1, 3)
    assert entry.data["webhook_id"] == WEBHOOK_ID
    moved = entity_registry.async_get(status.entity_id)
    assert moved is not None
    assert moved.unique_id == "01FROMONEONE000000000000000_status"
    (kept,) = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert kept.identifiers == {(DOMAIN, "01FROMONEONE000000000000000")}
    # Each step is in the debug log (README, Troubleshooting): the entry and the version.
    steps = [r.getMessage() for r in caplog.records if r.module == "migrate"]
    assert [("Demo Cloud" in step, "1.2" in step, "1.3" in step) for step in steps] == [
        (True, True, False),
        (True, False, True),
    ]


@pytest.mark.parametrize("unique_id", [None, "01KEYEDONENTRY0000000000000"], ids=["none", "entry"])
async def test_entry_already_keyed_on_its_entry_id_keeps_its_keys(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    demo_page: StatusPageServer,
    unique_id: str | None,
) -> None:
    """1.2 keyed on ``unique_id or entry_id``: without a unique id of its own (or one equal to
    the entry id) the keys are already right, and the step leaves them alone."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id=unique_id,
        data=entry_data(demo_page),
        options={**OPTIONS, "webhook": False},
        minor_version=2,
        entry_id="01KEYEDONENTRY0000000000000",
    )
    entry.add_to_hass(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={(DOMAIN, "01KEYEDONENTRY0000000000000")},
        name="Demo Cloud",
    )
    status = entity_registry.async_get_or_create(
        "sensor",
        DOMAIN,
        "01KEYEDONENTRY0000000000000_status",
        config_entry=entry,
        device_id=device.id,
        suggested_object_id="my_cloud",
    )

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 3)
    kept = entity_registry.async_get("sensor.my_cloud")
    assert kept is not None
    assert (kept.id, kept.unique_id) == (status.id, "01KEYEDONENTRY0000000000000_status")
    assert [d.id for d in dr.async_entries_for_config_entry(device_registry, entry.entry_id)] == [
        device.id
    ]


async def test_migration_hook_refuses_an_entry_of_a_newer_major_version(
    hass: HomeAssistant, demo_page: StatusPageServer
) -> None:
    """The oldest supported Home Assistant (2026.3) asks the integration's hook about an entry
    made by a newer major version; the hook refuses it and changes nothing."""
    options = {**OPTIONS, "webhook_id": WEBHOOK_ID}
    entry = MockConfigEntry(
        domain=DOMAIN, data=entry_data(demo_page), options=options, version=2, minor_version=1
    )
    entry.add_to_hass(hass)
    assert await async_migrate_entry(hass, entry) is False
    assert (entry.version, entry.minor_version) == (2, 1)
    assert entry.data == entry_data(demo_page)
    assert entry.options == options
