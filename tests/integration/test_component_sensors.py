"""The component sensors' set-up from the entity registry (README, Entities: component sensors).

The registry is read once, at set-up: entities of components still chosen come back at once
(unavailable while the page omits them), those no longer chosen are removed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from homeassistant.const import STATE_UNAVAILABLE

from tests.integration.conftest import gone_after_a_day, poll, set_up_with

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

DATABASE = "db000000001d"


def _drop_the_database(page: StatusPageServer) -> None:
    summary = json.loads(page.routes["/api/v2/summary.json"].body)
    summary["components"] = [c for c in summary["components"] if c["id"] != DATABASE]
    page.set("/api/v2/summary.json", summary)


async def _reload(hass: HomeAssistant, entry: MockConfigEntry, components: list[str]) -> None:
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "components": components}
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()


async def test_a_component_no_longer_chosen_is_removed_at_once(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    await set_up_with(hass, mock_entry, components=["api00000001a", DATABASE])
    assert entity_registry.async_get("sensor.demo_cloud_database") is not None
    await _reload(hass, mock_entry, ["api00000001a"])
    # "One no longer chosen is removed at once"; the page still lists it, the others stay.
    assert entity_registry.async_get("sensor.demo_cloud_database") is None
    assert hass.states.get("sensor.demo_cloud_database") is None
    assert hass.states.get("sensor.demo_cloud_api").state == "operational"  # type: ignore[union-attr]
    assert hass.states.get("sensor.demo_cloud_status").state == "operational"  # type: ignore[union-attr]


async def test_a_component_missing_at_set_up_is_still_removed_after_a_day(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    await set_up_with(hass, mock_entry, components=[DATABASE])
    _drop_the_database(demo_page)
    await poll(hass, mock_entry)
    await _reload(hass, mock_entry, [DATABASE])
    # Back from the registry at once, unavailable; a day of successful polls without it: gone.
    assert hass.states.get("sensor.demo_cloud_database").state == STATE_UNAVAILABLE  # type: ignore[union-attr]
    await gone_after_a_day(hass, "sensor.demo_cloud_database")


async def test_a_missing_component_without_a_registered_name_gets_none_invented(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    # A registry entry that carries no name, for a component the page does not list now.
    mock_entry.add_to_hass(hass)
    entity_registry.async_get_or_create(
        "sensor",
        "status_tracker",
        f"{mock_entry.entry_id}_component_{DATABASE}",
        config_entry=mock_entry,
        suggested_object_id="demo_cloud_database",
    )
    _drop_the_database(demo_page)
    await set_up_with(hass, mock_entry, components=[DATABASE])
    state = hass.states.get("sensor.demo_cloud_database")
    assert state is not None
    assert state.state == STATE_UNAVAILABLE
    # No component name is known: the entity is named after the page alone, none invented.
    assert state.attributes["friendly_name"] == "Demo Cloud"


async def test_sensors_set_up_after_a_failed_poll_follow_the_last_good_reading(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    # The sensors' set-up can come after a failed poll (at start-up the first poll runs a
    # little after the stored reading is shown): a newly chosen component still gets its
    # entity, from the last good reading, unavailable while the page fails.
    await set_up_with(hass, mock_entry)
    assert await hass.config_entries.async_unload_platforms(mock_entry, ["sensor"])
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "components": [DATABASE]}
    )
    demo_page.set("/api/v2/summary.json", "<html>oops</html>", status=503)
    await poll(hass, mock_entry)
    await hass.config_entries.async_forward_entry_setups(mock_entry, ["sensor"])
    await hass.async_block_till_done()
    state = hass.states.get("sensor.demo_cloud_database")
    assert state is not None
    assert state.state == STATE_UNAVAILABLE
    assert state.attributes["friendly_name"] == "Demo Cloud Database"
