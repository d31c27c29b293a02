"""The shipped notification blueprint, run by Home Assistant's automation engine."""

from __future__ import annotations

from pathlib import Path
import shutil
from typing import TYPE_CHECKING, Any

from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.status_tracker.const import EVENT_INCIDENT

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant, ServiceCall

BLUEPRINT = (
    Path(__file__).parents[2] / "blueprints/automation/status_tracker/notify_on_incident.yaml"
)


def _event(**changes: Any) -> dict[str, Any]:
    return {
        "type": "incident_created",
        "device_id": "device1",
        "provider": "GitHub",
        "incident_id": "abc",
        "incident_name": "Actions delayed",
        "status": "investigating",
        "impact": "major",
        "body": "We are investigating.",
        "affected_components": ["Actions"],
        "shortlink": "https://stspg.io/abc",
        **changes,
    }


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A config directory holding the blueprint, as a user's would after importing it."""
    target = tmp_path / "blueprints/automation/status_tracker"
    target.mkdir(parents=True)
    shutil.copy(BLUEPRINT, target / BLUEPRINT.name)
    return tmp_path


@pytest.fixture
async def notify_calls(hass: HomeAssistant, config_dir: Path) -> list[ServiceCall]:
    hass.config.config_dir = str(config_dir)
    calls: list[ServiceCall] = async_mock_service(hass, "notify", "phone")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Incident notify",
                "use_blueprint": {
                    "path": "status_tracker/notify_on_incident.yaml",
                    "input": {
                        "pages": ["device1"],
                        "min_impact": "major",
                        "notify_service": "notify.phone",
                    },
                },
            }
        },
    )
    await hass.async_block_till_done()
    assert hass.states.get("automation.incident_notify") is not None
    return calls


@pytest.mark.parametrize(
    ("changes", "notified"),
    [
        ({}, True),
        ({"impact": "minor"}, False),  # below the minimum
        ({"device_id": "other"}, False),  # another page
        ({"type": "incident_updated"}, False),  # not a chosen kind
        ({"type": "incident_resolved", "status": "resolved"}, True),
        ({"impact": "unknown"}, True),  # feeds carry no impact: never filtered out
    ],
)
async def test_blueprint_notifies(
    hass: HomeAssistant, notify_calls: list[ServiceCall], changes: dict[str, Any], notified: bool
) -> None:
    hass.bus.async_fire(EVENT_INCIDENT, _event(**changes))
    await hass.async_block_till_done()
    assert len(notify_calls) == int(notified)
    if notified:
        data = notify_calls[0].data
        assert data["title"] == "GitHub: Actions delayed"
        assert "Actions" in data["message"]
        assert "https://stspg.io/abc" in data["message"]
