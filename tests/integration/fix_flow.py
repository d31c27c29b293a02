"""Home Assistant's repairs fix flow, driven over its HTTP API, for the repairs tests.

A test module imports ``repairs`` (an autouse fixture) to have the repairs integration set up
for each of its tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.setup import async_setup_component
import pytest

from custom_components.status_tracker.const import DOMAIN

if TYPE_CHECKING:
    from aiohttp.test_utils import TestClient
    from homeassistant.core import HomeAssistant


@pytest.fixture(autouse=True)
async def repairs(hass: HomeAssistant) -> None:
    """Home Assistant's repairs integration (its fix-flow API)."""
    assert await async_setup_component(hass, "repairs", {})


async def start_fix(client: TestClient[Any, Any], issue: str) -> dict[str, Any]:
    """Open the issue's fix flow: detection runs first, then the confirmation (or an abort)."""
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue}
    )
    flow: dict[str, Any] = await response.json()
    return flow


async def confirm_fix(
    hass: HomeAssistant, client: TestClient[Any, Any], flow: dict[str, Any]
) -> dict[str, Any]:
    """Confirm the open fix ``flow``; its result once Home Assistant has settled."""
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={})
    result: dict[str, Any] = await response.json()
    await hass.async_block_till_done()
    return result


async def fix(hass: HomeAssistant, client: TestClient[Any, Any], issue: str) -> dict[str, Any]:
    """Open the issue's fix flow and confirm what was found; an abort when nothing was."""
    flow = await start_fix(client, issue)
    if flow["type"] == "abort":  # detection runs first: nothing to confirm
        return flow
    assert flow["step_id"] == "confirm"
    assert flow["description_placeholders"]["name"] == "Demo Cloud"  # what was found
    return await confirm_fix(hass, client, flow)
