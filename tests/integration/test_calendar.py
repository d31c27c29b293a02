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
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

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


def _window(window_id: str, name: str, **fields: Any) -> dict[str, Any]:
    """A Statuspage maintenance row: ``fields`` give its times, updates and link."""
    return {
        "id": window_id,
        "name": name,
        "status": "scheduled",
        "impact": "maintenance",
        "created_at": "2026-11-20T09:00:00Z",
        "incident_updates": [],
        **fields,
    }


# Planned times, one update and a link.
PLANNED = _window(
    "mntplanned01",
    "Database upgrade",
    shortlink="https://stspg.io/mntplanned01",
    scheduled_for="2026-11-23T12:00:00Z",
    scheduled_until="2026-11-23T14:00:00Z",
    incident_updates=[
        {
            "id": "mntupd000001",
            "status": "scheduled",
            "body": "We will upgrade the database on Monday.",
            "created_at": "2026-11-20T09:00:00Z",
        }
    ],
)
# No planned times: when it started and ended; no updates, no link.
UNPLANNED = _window(
    "mntunplann01",
    "Emergency patching",
    status="completed",
    created_at="2026-11-22T09:00:00Z",
    started_at="2026-11-22T10:00:00Z",
    resolved_at="2026-11-22T10:30:00Z",
)
# A planned start and no end.
OPEN_ENDED = _window("mntopenend01", "Network work", scheduled_for="2026-11-24T08:00:00Z")
# It ends where it starts.
INSTANT = _window(
    "mntinstant01",
    "Failover test",
    scheduled_for="2026-11-25T08:00:00Z",
    scheduled_until="2026-11-25T08:00:00Z",
)


async def _events(hass: HomeAssistant, start: str, end: str) -> list[dict[str, Any]]:
    """The calendar's events in [start, end), as the get_events action answers."""
    result = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": ENTITY,
            "start_date_time": datetime.fromisoformat(start),
            "end_date_time": datetime.fromisoformat(end),
        },
        blocking=True,
        return_response=True,
    )
    assert result is not None
    events: list[dict[str, Any]] = result[ENTITY]["events"]  # type: ignore[index, call-overload, assignment]
    return events


def _times(event: dict[str, Any]) -> tuple[datetime, datetime]:
    return datetime.fromisoformat(event["start"]), datetime.fromisoformat(event["end"])


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
async def windows(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> MockConfigEntry:
    """The demo page with the four kinds of windows above."""
    demo_page.set(
        "/api/v2/summary.json",
        {
            "page": DEMO_PAGE,
            "status": {"indicator": "none"},
            "components": [],
            "incidents": [],
            "scheduled_maintenances": [UNPLANNED, PLANNED, OPEN_ENDED, INSTANT],
        },
    )
    await poll(hass, setup_entry)
    return setup_entry


async def test_events_carry_the_windows_times_name_text_and_link(
    hass: HomeAssistant, windows: MockConfigEntry
) -> None:
    events = await _events(hass, "2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00")
    assert [e["summary"] for e in events] == [
        "Emergency patching",
        "Database upgrade",
        "Network work",
        "Failover test",
    ]
    unplanned, planned, open_ended, instant = events
    # Planned start/end where the page gives them (README, Entities).
    assert _times(planned) == (_utc("2026-11-23T12:00"), _utc("2026-11-23T14:00"))
    assert planned["description"] == (
        "We will upgrade the database on Monday.\n\nhttps://stspg.io/mntplanned01"
    )
    # Else when it started and ended (not when it was written up).
    assert _times(unplanned) == (_utc("2026-11-22T10:00"), _utc("2026-11-22T10:30"))
    assert "description" not in unplanned  # no update, no link: nothing to say
    # No end given: an hour long; one that ends where it starts: a minute long.
    assert _times(open_ended) == (_utc("2026-11-24T08:00"), _utc("2026-11-24T09:00"))
    assert _times(instant) == (_utc("2026-11-25T08:00"), _utc("2026-11-25T08:01"))


async def test_a_window_touching_the_asked_range_is_not_in_it(
    hass: HomeAssistant, windows: MockConfigEntry
) -> None:
    # Ranges are half-open: a window that ends when the range starts, or starts when it
    # ends, is on the neighbouring day of a calendar view, not on both.
    assert await _events(hass, "2026-11-23T14:00:00+00:00", "2026-11-23T18:00:00+00:00") == []
    assert await _events(hass, "2026-11-23T08:00:00+00:00", "2026-11-23T12:00:00+00:00") == []
    inside = await _events(hass, "2026-11-23T13:59:00+00:00", "2026-11-23T14:00:00+00:00")
    assert [e["summary"] for e in inside] == ["Database upgrade"]


async def test_events_are_identified_by_the_windows_id(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, windows: MockConfigEntry
) -> None:
    client = await hass_client()
    response = await client.get(
        f"/api/calendars/{ENTITY}",
        params={"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
    )
    assert response.status == 200
    events = await response.json()
    assert [e["uid"] for e in events] == [
        "mntunplann01",
        "mntplanned01",
        "mntopenend01",
        "mntinstant01",
    ]
