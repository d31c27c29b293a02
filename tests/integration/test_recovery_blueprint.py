"""The recovery blueprint, run by Home Assistant's automation engine against a real entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
import shutil
from typing import TYPE_CHECKING, Any

from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant, ServiceCall
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

BLUEPRINT = (
    Path(__file__).parents[2] / "blueprints/automation/status_tracker/notify_on_recovery.yaml"
)
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def _automation(
    hass: HomeAssistant, tmp_path: Path, inputs: dict[str, Any]
) -> list[ServiceCall]:
    target = tmp_path / "blueprints/automation/status_tracker"
    target.mkdir(parents=True)
    shutil.copy(BLUEPRINT, target / BLUEPRINT.name)
    hass.config.config_dir = str(tmp_path)
    calls: list[ServiceCall] = async_mock_service(hass, "notify", "phone")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Recovery notify",
                "use_blueprint": {
                    "path": f"status_tracker/{BLUEPRINT.name}",
                    "input": {**inputs, "notify_service": "notify.phone"},
                },
            }
        },
    )
    await hass.async_block_till_done()
    assert hass.states.get("automation.recovery_notify") is not None
    return calls


@pytest.mark.parametrize(
    "inputs",
    [
        {"problem_sensors": ["binary_sensor.demo_cloud_problem"]},
        {"incident": "api error"},  # by (part of) its name, any case
        {"incident": "inc000000001"},  # by its id
    ],
)
async def test_notifies_once_when_the_problem_is_over(
    hass: HomeAssistant,
    tmp_path: Path,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    inputs: dict[str, Any],
) -> None:
    calls = await _automation(hass, tmp_path, inputs)
    freezer.move_to(NOON)
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    assert hass.states.get("binary_sensor.demo_cloud_problem").state == "on"  # type: ignore[union-attr]
    freezer.move_to(NOON + timedelta(minutes=20))
    serve_stage(demo_page, 2)
    await poll(hass, setup_entry)
    assert calls == []  # still open
    freezer.move_to(NOON + timedelta(minutes=30))
    serve_stage(demo_page, 3)
    await poll(hass, setup_entry)
    assert [call.data for call in calls] == [
        {
            "title": "Demo Cloud: recovered",
            "message": "Elevated API error rates is over after 30 min.",
        }
    ]
    await poll(hass, setup_entry)
    serve_stage(demo_page, 0, cycle=2)  # another incident opens: nothing to tell yet
    await poll(hass, setup_entry)
    assert len(calls) == 1


async def test_other_incidents_are_not_told(
    hass: HomeAssistant,
    tmp_path: Path,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    calls = await _automation(hass, tmp_path, {"incident": "database maintenance"})
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    serve_stage(demo_page, 3)
    await poll(hass, setup_entry)
    assert calls == []
