"""The status sensor's attributes at their edges: the incident cap, the page's own time (README)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.integration.conftest import poll
from tests.status_page_server import DEMO_PAGE, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer


async def test_incidents_truncated_only_when_more_than_ten_are_open(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    # "incidents_truncated: true when more than 10 are open" (README): 10 fit, 11 do not.
    for count, truncated in ((10, False), (11, True)):
        incidents = [demo_incident(0, incident_id=f"inc{n:09d}") for n in range(count)]
        summary = {"page": DEMO_PAGE, "status": {"indicator": "minor"}, "incidents": incidents}
        demo_page.set("/api/v2/summary.json", summary)
        await poll(hass, setup_entry)
        state = hass.states.get("sensor.demo_cloud_status")
        assert state is not None
        assert len(state.attributes["incidents"]) == 10
        assert state.attributes["incidents_truncated"] is truncated


async def test_page_updated_at_is_when_the_page_says_it_changed(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    state = hass.states.get("sensor.demo_cloud_status")
    assert state is not None
    assert state.attributes["page_updated_at"] is None  # the demo page does not say
    page = {**DEMO_PAGE, "updated_at": "2026-11-20T09:00:00.000Z"}
    demo_page.set("/api/v2/summary.json", {"page": page, "status": {"indicator": "none"}})
    await poll(hass, setup_entry)
    state = hass.states.get("sensor.demo_cloud_status")
    assert state is not None
    assert state.attributes["page_updated_at"] == "2026-11-20T09:00:00+00:00"
