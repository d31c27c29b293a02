"""An upgrade from release 0.1.0: its stored state is read, nothing fires again, polls stay 304.

The fixture is the ``.storage`` file release 0.1.0 wrote for the demo page with its first
incident open (captured by running that release; the page's address is ``{page}``).
"""

from __future__ import annotations

from datetime import timedelta
import json
from typing import TYPE_CHECKING, Any

from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from tests.integration.conftest import poll
from tests.status_page_server import FIXTURES, serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

RELEASE_0_1_0 = FIXTURES / "store_v1_release_0.1.0_demo_page_stage0.json"


async def test_upgrade_from_0_1_0_fires_nothing_old_and_keeps_validators(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    key = f"status_tracker.{mock_entry.entry_id}"
    hass_storage[key] = json.loads(RELEASE_0_1_0.read_text().replace("{page}", demo_page.url))
    serve_stage(demo_page, 0)  # the page as it was when 0.1.0 stored it
    events = async_capture_events(hass, "status_incident")
    mock_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()

    # Shown from storage at once, before any request.
    status = hass.states.get("sensor.demo_cloud_status")
    assert status is not None
    assert status.state == "partial_outage"
    assert demo_page.hits == []
    # The first poll (within 30 s of the start) sends 0.1.0's validators and gets 304s.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=31))
    await hass.async_block_till_done()
    assert [hit.status for hit in demo_page.hits] == [304, 304]
    assert all(hit.headers.get("If-None-Match") for hit in demo_page.hits)
    assert mock_entry.runtime_data.coordinator.tracker.parse_count == 0
    assert events == []

    # The next update fires once.
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    await poll(hass, mock_entry)
    assert [(e.data["incident_id"], e.data["status"]) for e in events] == [
        ("inc000000001", "identified")
    ]

    # Written back in the new format, with nothing lost.
    await hass.async_stop(force=True)
    stored = hass_storage[key]["data"]
    assert stored["version"] == 3
    assert stored["held"] == []
    assert "reader" not in stored
    assert sorted(stored["documents"]) == [
        f"{demo_page.url}/api/v2/incidents.json",
        f"{demo_page.url}/api/v2/summary.json",
    ]
    assert stored["seen"]["inc000000001"]["updates"] == ["inc00000upd0", "inc00000upd1"]
