"""A real Home Assistant with the integration, reading the loopback demo page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.status_tracker.const import DOMAIN
from tests.status_page_server import DEMO_PAGE, StatusPageServer, serve_stage

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom_components/status_tracker."""


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Run one poll of ``entry`` now and let its effects settle."""
    await entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()


async def set_up_with(hass: HomeAssistant, entry: MockConfigEntry, **options: Any) -> None:
    """Set ``entry`` up with these options added to its own."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, options={**entry.options, **options})
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


# The hold-down tests' day: the demo incident opens at noon.
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def at_minutes(hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float) -> None:
    """Move the clock to ``minutes`` past noon and run the timers due by then."""
    freezer.move_to(NOON + timedelta(minutes=minutes))
    async_fire_time_changed(hass, dt_util.utcnow())
    await hass.async_block_till_done()


def entry_data(server: StatusPageServer) -> dict[str, Any]:
    """What the config flow stores for the demo page."""
    return {
        "url": server.url,
        "source": "statuspage",
        "endpoints": [f"{server.url}/api/v2/summary.json", f"{server.url}/api/v2/incidents.json"],
        "name": "Demo Cloud",
    }


@pytest.fixture
def demo_page(status_page: StatusPageServer) -> StatusPageServer:
    """The demo page with no incident yet."""
    serve_stage(status_page, None)
    return status_page


@pytest.fixture
def mock_entry(demo_page: StatusPageServer) -> MockConfigEntry:
    """An entry for the demo page, as the config flow would create it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id=DEMO_PAGE["id"],
        data=entry_data(demo_page),
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
        entry_id="01DEMOENTRY0000000000000000",
    )


@pytest.fixture
async def setup_entry(hass: HomeAssistant, mock_entry: MockConfigEntry) -> MockConfigEntry:
    """The demo entry, set up."""
    mock_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    return mock_entry


def feed_entry(
    url: str, title: str, *, name: str | None = None, unique_id: str | None = None
) -> MockConfigEntry:
    """A Statuspage feed entry as the config flow stores it: keyed on its page address."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        unique_id=unique_id or url,
        data={
            "url": url,
            "source": "statuspage_feed",
            "endpoints": [f"{url}/history.atom"],
            "name": name or title,
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
        minor_version=3,
    )


async def gone_after_a_day(hass: HomeAssistant, entity_id: str) -> None:
    """README: a component missing for 24 hours of successful polls loses its entity (not at
    23 hours); the clock is moved from now."""
    registry = er.async_get(hass)
    now = dt_util.utcnow()
    async_fire_time_changed(hass, now + timedelta(hours=23))
    await hass.async_block_till_done()
    assert registry.async_get(entity_id) is not None
    async_fire_time_changed(hass, now + timedelta(hours=24, seconds=1))
    await hass.async_block_till_done()
    assert registry.async_get(entity_id) is None
    assert hass.states.get(entity_id) is None


@pytest.fixture
async def elsewhere(socket_enabled: None) -> AsyncIterator[StatusPageServer]:
    """Another host (here: another port) the page may have moved to."""
    server = StatusPageServer()
    await server.start()
    yield server
    await server.stop()


def move_demo_page(demo_page: StatusPageServer, to: StatusPageServer, prefix: str = "") -> None:
    """The demo page's documents served by ``to`` (under ``prefix``), the old address
    redirecting there for good (301)."""
    for path in ("/api/v2/summary.json", "/api/v2/incidents.json"):
        to.routes[f"{prefix}{path}"] = demo_page.routes[path]
        demo_page.set(path, "", status=301, headers={"Location": f"{to.url}{prefix}{path}"})
