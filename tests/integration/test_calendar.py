"""The maintenance calendar, read through Home Assistant's calendar service."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest

from tests.integration.conftest import poll
from tests.status_page_server import DEMO_PAGE, fixture

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

ENTITY = "calendar.demo_cloud_maintenance"


@pytest.mark.freeze_time("2020-06-16T12:00:00+00:00")
async def test_scheduled_maintenances_on_the_calendar(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    twilio = fixture("twilio_summary_groups_incidents_maintenances_2020.json").replace(
        b'"id": "gpkpyklzq55q"', f'"id": "{DEMO_PAGE["id"]}"'.encode()
    )
    demo_page.set("/api/v2/summary.json", twilio)
    await poll(hass, setup_entry)
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == "off"  # nothing in progress at noon UTC; the next one is shown
    assert state.attributes["message"] == "[Scheduled] SMS Carrier Maintenance - Tele2 Russia"
    assert state.attributes["start_time"] == "2020-06-16 16:00:00"  # local time (US/Pacific)

    result = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": ENTITY,
            "start_date_time": datetime(2020, 6, 1, tzinfo=UTC),
            "end_date_time": datetime(2020, 7, 1, tzinfo=UTC),
        },
        blocking=True,
        return_response=True,
    )
    assert result is not None
    events: list[dict[str, Any]] = result[ENTITY]["events"]  # type: ignore[index, call-overload, assignment]
    assert len(events) == 8  # of the 9 windows, 8 overlap June
    first = events[0]
    assert first["summary"] == "[Scheduled] SMS Carrier Maintenance - Tele2 Russia"
    assert "Tele2 mobile network" in first["description"]

    freezer.move_to(datetime(2020, 6, 16, 23, 30, tzinfo=UTC))  # inside that window
    setup_entry.runtime_data.coordinator.async_update_listeners()
    await hass.async_block_till_done()
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == "on"
    assert state.attributes["message"] == "[Scheduled] SMS Carrier Maintenance - Tele2 Russia"
