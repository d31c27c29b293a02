"""A scheduled maintenance's life as events: on the bus and on the event entity, once each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.status_page_server import DEMO_PAGE

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

STEPS = (
    ("scheduled", "2026-11-22T09:00:00Z", "We will upgrade the database on Monday."),
    ("in_progress", "2026-11-23T12:00:00Z", "The upgrade is under way."),
    ("completed", "2026-11-23T13:30:00Z", "The upgrade is complete."),
)


def _maintenance(step: int) -> dict[str, Any]:
    """Statuspage's scheduled_maintenances row after ``step`` + 1 updates."""
    updates = [
        {
            "id": f"mntupd{n}",
            "status": status,
            "body": body,
            "created_at": when,
            "display_at": when,
            "affected_components": [],
        }
        for n, (status, when, body) in enumerate(STEPS[: step + 1])
    ]
    return {
        "id": "mnt000000001",
        "name": "Database upgrade",
        "status": STEPS[step][0],
        "impact": "maintenance",
        "shortlink": "https://stspg.io/mnt000000001",
        "created_at": STEPS[0][1],
        "scheduled_for": "2026-11-23T12:00:00Z",
        "scheduled_until": "2026-11-23T14:00:00Z",
        "incident_updates": updates[::-1],
    }


def _serve(page: StatusPageServer, step: int) -> None:
    page.set(
        "/api/v2/summary.json",
        {
            "page": DEMO_PAGE,
            "status": {"indicator": "maintenance" if step == 1 else "none"},
            "components": [],
            "incidents": [],
            "scheduled_maintenances": [_maintenance(step)],
        },
    )


async def test_maintenance_scheduled_started_completed(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    changes = async_capture_events(hass, "state_changed")
    for step in range(len(STEPS)):
        _serve(demo_page, step)
        await poll(hass, setup_entry)
        await poll(hass, setup_entry)  # unchanged: nothing fires twice
    assert [
        (e.data["type"], e.data["status"], e.data["is_maintenance"], e.data["is_resolution"])
        for e in events
    ] == [
        ("maintenance_scheduled", "scheduled", True, False),
        ("maintenance_started", "in_progress", True, False),
        ("maintenance_completed", "completed", True, True),
    ]
    assert {e.data["incident_name"] for e in events} == {"Database upgrade"}
    assert [e.data["is_new_incident"] for e in events] == [True, False, False]
    entity = [
        (e.data["new_state"].attributes["event_type"], e.data["new_state"].attributes["status"])
        for e in changes
        if e.data["entity_id"] == "event.demo_cloud_incident"
    ]
    assert entity == [
        ("maintenance_scheduled", "scheduled"),
        ("maintenance_started", "in_progress"),
        ("maintenance_completed", "completed"),
    ]
    # Planned work is never a problem, even while it is under way.
    assert hass.states.get("binary_sensor.demo_cloud_problem").state == "off"  # type: ignore[union-attr]
