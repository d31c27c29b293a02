"""What the recorder keeps: "`incidents`, `description` and `page_updated_at` are not written
to the recorder history" (README, Entities), and the event entity's `body` neither."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.recorder import (  # type: ignore[attr-defined]  # re-exported
    get_instance,
    history,
)
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.components.recorder.core import Recorder
    from homeassistant.core import HomeAssistant, State
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(recorder_db_url: str, enable_custom_integrations: None) -> None:
    """As in conftest, with the recorder's database prepared before Home Assistant starts."""


async def _recorded(hass: HomeAssistant, entity_id: str) -> list[State]:
    await async_wait_recording_done(hass)
    start = dt_util.utcnow().replace(year=2000)
    found = await get_instance(hass).async_add_executor_job(
        history.state_changes_during_period, hass, start, None, entity_id
    )
    return list(found.get(entity_id, []))


async def test_long_attributes_stay_out_of_the_history(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    live = hass.states.get("sensor.demo_cloud_status")
    assert live is not None
    assert live.attributes["incidents"]  # shown live...
    recorded = await _recorded(hass, "sensor.demo_cloud_status")
    assert recorded[-1].state == "partial_outage"
    kept = recorded[-1].attributes
    assert kept["indicator"] == "major"
    assert not {"incidents", "description", "page_updated_at"} & set(kept)  # ...never recorded
    event = (await _recorded(hass, "event.demo_cloud_incident"))[-1]
    assert event.attributes["status"] == "investigating"
    assert "body" not in event.attributes
