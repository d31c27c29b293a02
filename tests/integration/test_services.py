"""The get_incidents action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.status_tracker.const import DOMAIN
from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


async def _call(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN, "get_incidents", data, blocking=True, return_response=True
    )
    assert response is not None
    return dict(response)


async def test_get_incidents(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    page = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert (page["provider"], page["status"]) == ("Demo Cloud", "partial_outage")
    (incident,) = page["incidents"]
    assert incident["name"] == "Elevated API error rates"
    assert incident["status"] == "identified"
    assert [u["status"] for u in incident["updates"]] == ["identified", "investigating"]
    assert incident["updates"][0]["affected_components"] == ["API"]

    serve_stage(demo_page, 3)
    await poll(hass, setup_entry)
    active_only = await _call(hass, config_entry_id=setup_entry.entry_id, include_resolved=False)
    assert active_only["incidents"] == []
    everything = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert everything["incidents"][0]["resolved_at"] is not None


async def test_get_incidents_validates_the_entry(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain="sun", entry_id="01OTHERDOMAIN000000000000")
    other.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as missing:
        await _call(hass, config_entry_id="nope")
    assert missing.value.translation_key == "service_config_entry_not_found"
    with pytest.raises(ServiceValidationError) as foreign:
        await _call(hass, config_entry_id=other.entry_id)
    assert foreign.value.translation_key == "service_config_entry_wrong_domain"
    await hass.config_entries.async_unload(setup_entry.entry_id)
    with pytest.raises(ServiceValidationError) as unloaded:
        await _call(hass, config_entry_id=setup_entry.entry_id)
    assert unloaded.value.translation_key == "service_config_entry_not_loaded"


async def test_get_incidents_takes_one_entry(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    # services.yaml offers a single config entry picker; a list is refused, not half-read.
    with pytest.raises(vol.Invalid):
        await _call(hass, config_entry_id=[setup_entry.entry_id])
