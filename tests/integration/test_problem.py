"""The problem binary sensor's rule, as the README states it, read from real pages.

"On while the status is degraded or worse, or while any incident that is not a
maintenance is open. Maintenance and `unknown` alone do not count as a problem."
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.integration.conftest import poll, set_up_with
from tests.status_page_server import DEMO_PAGE, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

PROBLEM = "binary_sensor.demo_cloud_problem"
STATUS = "sensor.demo_cloud_status"


def _maintenance_in_progress() -> dict[str, Any]:
    """An incident row that is a maintenance (it has a planned window), under way."""
    row = demo_incident(0, "mnt000000001")
    row.update(
        name="Database upgrade",
        status="in_progress",
        impact="maintenance",
        scheduled_for="2026-11-23T12:00:00Z",
        scheduled_until="2026-11-23T14:00:00Z",
    )
    row["incident_updates"][0]["status"] = "in_progress"
    return row


def _maintenance_scheduled() -> dict[str, Any]:
    """The same maintenance announced, not started: not open yet."""
    row = _maintenance_in_progress()
    row["status"] = row["incident_updates"][0]["status"] = "scheduled"
    return row


def _open_incident() -> dict[str, Any]:
    return demo_incident(1)


CASES = {
    # (indicator, open rows) -> problem; the status sensor's state is checked alongside.
    "operational_with_an_open_incident": ("none", [_open_incident], "operational", "on"),
    "unknown_with_an_open_incident": ("purple", [_open_incident], "unknown", "on"),
    "maintenance_with_an_open_incident": ("maintenance", [_open_incident], "maintenance", "on"),
    "degraded_alone": ("minor", [], "degraded", "on"),
    "operational_with_a_maintenance_under_way": (
        "none",
        [_maintenance_in_progress],
        "operational",
        "off",
    ),
    "maintenance_status_and_a_maintenance": (
        "maintenance",
        [_maintenance_in_progress],
        "maintenance",
        "off",
    ),
    "unknown_alone": ("purple", [], "unknown", "off"),
}


@pytest.mark.parametrize(("indicator", "rows", "status", "problem"), CASES.values(), ids=CASES)
async def test_problem_rule(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    indicator: str,
    rows: list[Any],
    status: str,
    problem: str,
) -> None:
    incidents = [make() for make in rows]
    summary = {
        "page": DEMO_PAGE,
        "status": {"indicator": indicator, "description": "As the page says"},
        "components": [],
        "incidents": incidents,
        "scheduled_maintenances": [],
    }
    demo_page.set("/api/v2/summary.json", summary)
    demo_page.set("/api/v2/incidents.json", {"page": DEMO_PAGE, "incidents": incidents})
    await poll(hass, setup_entry)
    assert hass.states.get(STATUS).state == status  # type: ignore[union-attr]
    assert hass.states.get("sensor.demo_cloud_active_incidents").state == str(len(rows))  # type: ignore[union-attr]
    assert hass.states.get(PROBLEM).state == problem  # type: ignore[union-attr]


# README: the count is "open incidents and in-progress maintenances"; "Maintenance is a
# problem" turns the sensor on "or a maintenance is in progress". Statuspage lists its
# maintenances under ``scheduled_maintenances``; feeds among the incidents.
MAINTENANCE_CASES = {
    "in_progress_listed_as_a_maintenance": ([], [_maintenance_in_progress], "1", "on"),
    "scheduled_listed_as_a_maintenance": ([], [_maintenance_scheduled], "0", "off"),
    "scheduled_among_the_incidents": ([_maintenance_scheduled], [], "0", "off"),
    "in_progress_among_the_incidents": ([_maintenance_in_progress], [], "1", "on"),
}


@pytest.mark.parametrize(
    ("rows", "maintenances", "count", "problem"),
    MAINTENANCE_CASES.values(),
    ids=MAINTENANCE_CASES,
)
async def test_a_maintenance_counts_while_in_progress_wherever_it_is_listed(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    rows: list[Any],
    maintenances: list[Any],
    count: str,
    problem: str,
) -> None:
    await set_up_with(hass, mock_entry, problem_maintenance=True)
    incidents = [make() for make in rows]
    summary = {
        "page": DEMO_PAGE,
        "status": {"indicator": "none", "description": "All Systems Operational"},
        "components": [],
        "incidents": incidents,
        "scheduled_maintenances": [make() for make in maintenances],
    }
    demo_page.set("/api/v2/summary.json", summary)
    demo_page.set("/api/v2/incidents.json", {"page": DEMO_PAGE, "incidents": incidents})
    await poll(hass, mock_entry)
    assert hass.states.get("sensor.demo_cloud_active_incidents").state == count  # type: ignore[union-attr]
    assert hass.states.get(PROBLEM).state == problem  # type: ignore[union-attr]
