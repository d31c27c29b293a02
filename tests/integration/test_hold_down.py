"""Hold-down: a new incident is reported once it has been open long enough, exactly once.

The demo incident is created at 12:00 and posts an update every 10 minutes (resolved at
12:30); the clock is set so that it is young or old as each test needs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.status_tracker import logbook
from custom_components.status_tracker.const import (
    DOMAIN,
    EVENT_INCIDENT,
    EVENT_SUPPRESSED,
    START_JITTER,
)
from tests.integration.conftest import NOON, at_minutes, poll, set_up_with
from tests.restart import restarted
from tests.status_page_server import demo_documents, serve_stage

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import Event, HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

PROBLEM = "binary_sensor.demo_cloud_problem"


def _problem(hass: HomeAssistant) -> str:
    state = hass.states.get(PROBLEM)
    assert state is not None
    return state.state


def _statuses(events: list[Event]) -> list[str]:
    return [e.data["status"] for e in events]


async def test_held_until_open_long_enough_then_released_in_order_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert events == []
    # The page says partial outage, but a young incident does not make a problem yet.
    assert hass.states.get("sensor.demo_cloud_status").state == "partial_outage"  # type: ignore[union-attr]
    assert _problem(hass) == "off"
    await at_minutes(hass, freezer, 11)
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    assert events == []

    # At 12:15 the incident has been open 15 minutes: a timer releases it, no poll needed.
    await at_minutes(hass, freezer, 15)
    assert _statuses(events) == ["investigating", "identified"]
    assert _problem(hass) == "on"
    event = hass.states.get("event.demo_cloud_incident")
    assert event is not None
    assert event.attributes["status"] == "identified"

    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 21)
    serve_stage(demo_page, 2)
    await poll(hass, mock_entry)  # no longer young: fires at once
    assert _statuses(events) == ["investigating", "identified", "monitoring"]


async def test_a_blip_is_suppressed_and_logged(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=45, hold_down_bypass="critical")
    events = async_capture_events(hass, EVENT_INCIDENT)
    suppressed = async_capture_events(hass, EVENT_SUPPRESSED)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 31)
    serve_stage(demo_page, 3)  # resolved at 12:30, before 45 minutes
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 50)
    assert events == []
    assert _problem(hass) == "off"
    assert [e.data for e in suppressed] == [
        {
            "entry_id": mock_entry.entry_id,
            "device_id": mock_entry.runtime_data.coordinator.device_id,
            "provider": "Demo Cloud",
            "page_url": demo_page.url,
            "incident_id": "inc000000001",
            "incident_name": "Elevated API error rates",
            "impact": "major",
            "started_at": "2026-11-23T12:00:00+00:00",
            "resolved_at": "2026-11-23T12:30:00+00:00",
            "hold_down": 45,
        }
    ]
    assert mock_entry.runtime_data.coordinator.tracker.held == ()

    described: dict[str, Any] = {}
    logbook.async_describe_events(hass, lambda _d, kind, fn: described.__setitem__(kind, fn))
    assert described[EVENT_SUPPRESSED](suppressed[0]) == {
        "name": "Demo Cloud",
        "message": "Elevated API error rates: resolved within 45 minutes, "
        "suppressed by the hold-down",
    }


async def test_released_updates_leave_the_store_within_seconds(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    """Released by the timer, an update is written as fired 1 s later, as a poll's are
    (CHANGELOG): a crash after that cannot fire it again ("neither loses nor repeats")."""
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15)
    key = f"{DOMAIN}.{mock_entry.entry_id}"
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 1.1)
    assert [h["update"]["id"] for h in hass_storage[key]["data"]["held"]] == ["inc00000upd0"]
    await at_minutes(hass, freezer, 15)  # released by the timer, no poll
    await at_minutes(hass, freezer, 15 + 1.5 / 60)
    assert hass_storage[key]["data"]["held"] == []


def _serve_times(page: StatusPageServer, stage: int, **times: str | None) -> None:
    """The demo page at ``stage``, its incident's ``started_at`` / ``resolved_at`` replaced."""
    summary, incidents = demo_documents(stage)
    for incident in (*summary["incidents"], *incidents["incidents"]):
        incident.update(times)
    page.set("/api/v2/summary.json", summary)
    page.set("/api/v2/incidents.json", incidents)


@pytest.mark.parametrize(
    ("times", "started_at", "resolved_at"),
    [
        # The page's own start time, when it gives one (here 5 minutes before it posted).
        (
            {"started_at": "2026-11-23T11:55:00Z"},
            "2026-11-23T11:55:00+00:00",
            "2026-11-23T12:30:00+00:00",
        ),
        # No start time: when the page created it; no resolution time: null.
        ({"started_at": None, "resolved_at": None}, "2026-11-23T12:00:00+00:00", None),
    ],
    ids=["page_start", "no_start_no_end"],
)
async def test_a_blips_times_are_the_pages(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    times: dict[str, str | None],
    started_at: str,
    resolved_at: str | None,
) -> None:
    """``started_at``: "the page's start time, else its creation" (README, as on the event)."""
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=45, hold_down_bypass="never")
    suppressed = async_capture_events(hass, EVENT_SUPPRESSED)
    await at_minutes(hass, freezer, 1)
    _serve_times(demo_page, 0, **times)
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 31)
    _serve_times(demo_page, 3, **times)
    await poll(hass, mock_entry)
    assert [(e.data["started_at"], e.data["resolved_at"]) for e in suppressed] == [
        (started_at, resolved_at)
    ]


async def test_a_major_blip_still_fires_when_it_resolves(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=45)  # the bypass defaults to major or worse
    events = async_capture_events(hass, EVENT_INCIDENT)
    suppressed = async_capture_events(hass, EVENT_SUPPRESSED)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    await at_minutes(hass, freezer, 31)
    serve_stage(demo_page, 3)
    await poll(hass, mock_entry)
    assert _statuses(events) == ["investigating", "identified", "monitoring", "resolved"]
    assert suppressed == []


@pytest.mark.parametrize(
    ("back_at", "released_by"),
    [
        (5, "timer"),  # back before 12:15: the timer set by the first poll releases it
        (20, "first poll"),  # back after 12:15: the first poll (a 304) releases it
    ],
)
async def test_held_updates_survive_a_restart_and_fire_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    back_at: int,
    released_by: str,
) -> None:
    freezer.move_to(NOON)
    await set_up_with(hass, mock_entry, hold_down=15)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await at_minutes(hass, freezer, 1)
    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert events == []
    await hass.async_stop(force=True)
    key = f"{DOMAIN}.{mock_entry.entry_id}"
    held = hass_storage[key]["data"]["held"]
    assert [(h["incident"]["id"], h["update"]["id"]) for h in held] == [
        ("inc000000001", "inc00000upd0")
    ]

    freezer.move_to(NOON + timedelta(minutes=back_at))
    async with restarted(hass, [mock_entry], set_up=False) as (hass2, (entry,)):
        later = async_capture_events(hass2, EVENT_INCIDENT)
        assert await hass2.config_entries.async_setup(entry.entry_id)
        await hass2.async_block_till_done()
        assert later == []
        freezer.tick(START_JITTER + timedelta(seconds=1))
        async_fire_time_changed(hass2, dt_util.utcnow())
        await hass2.async_block_till_done()
        if released_by == "timer":
            assert later == []
            await at_minutes(hass2, freezer, 15)
        assert [(e.data["status"], e.data["is_new_incident"]) for e in later] == [
            ("investigating", True)
        ]
        assert hass2.states.get(PROBLEM).state == "on"  # type: ignore[union-attr]
        await poll(hass2, entry)
        await at_minutes(hass2, freezer, 40)
        assert len(later) == 1
        await hass2.async_stop(force=True)
        assert hass_storage[key]["data"]["held"] == []
