"""Hold-down timers: what becomes due is released without a poll (README, Hold-down).

"At 10 minutes the held events fire in order, each exactly once, whether a poll or a
timer notices first; the problem sensor turns on." Polls here come only when a test
asks for one; the clock is moved past noon as each test needs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pytest_homeassistant_custom_component.common import (
    async_capture_events,
)

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import NOON, at_minutes, poll, set_up_with
from tests.status_page_server import demo_documents, demo_incident, serve_stage

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

STORE_KEY = "status_tracker.{}"

PROBLEM = "binary_sensor.demo_cloud_problem"


async def test_each_held_incident_is_released_when_it_is_due(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    """Two young incidents, opened at 12:00 and 12:05: released at 12:15 and at 12:20."""
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await at_minutes(hass, freezer, 6)
    summary, incidents = demo_documents(0)
    later = demo_incident(0, "inc000000002", NOON + timedelta(minutes=5))
    summary["incidents"].append(later)
    incidents["incidents"].append(later)
    demo_page.set("/api/v2/summary.json", summary)
    demo_page.set("/api/v2/incidents.json", incidents)
    await poll(hass, mock_entry)
    assert events == []
    await at_minutes(hass, freezer, 15)
    assert [e.data["incident_id"] for e in events] == ["inc000000001"]
    await at_minutes(hass, freezer, 20)  # no poll since 12:06: the timer set again at 12:15
    assert [e.data["incident_id"] for e in events] == ["inc000000001", "inc000000002"]


async def test_the_problem_sensor_turns_on_when_an_unreported_incident_is_due(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    """A major incident under "critical only" fires no event, but it is held from the problem
    sensor all the same, and the sensor turns on when it is due, poll or not."""
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15, min_impact="critical")
    events = async_capture_events(hass, EVENT_INCIDENT)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert hass.states.get(PROBLEM).state == "off"  # type: ignore[union-attr]
    await at_minutes(hass, freezer, 15)
    assert hass.states.get(PROBLEM).state == "on"  # type: ignore[union-attr]
    assert events == []


async def test_a_poll_with_nothing_new_writes_no_sooner_than_the_usual_delay(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    """Only fired or newly held updates are written within a second (the crash guarantee);
    an unchanged poll while an update is held is written with the others, 10-20 s later."""
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15)
    key = STORE_KEY.format(mock_entry.entry_id)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 1 + 2 / 60)
    assert [h["update"]["id"] for h in hass_storage.pop(key)["data"]["held"]] == ["inc00000upd0"]
    await at_minutes(hass, freezer, 3)
    await poll(hass, mock_entry)  # the same page: nothing new, the update still held
    await at_minutes(hass, freezer, 3 + 5 / 60)
    assert key not in hass_storage
    await at_minutes(hass, freezer, 3 + 25 / 60)
    assert [h["update"]["id"] for h in hass_storage[key]["data"]["held"]] == ["inc00000upd0"]
