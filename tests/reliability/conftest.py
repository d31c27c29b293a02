"""A real Home Assistant against a misbehaving loopback status page.

Every test here runs with a short client timeout (``TIMEOUT``) so faults resolve
in well under a second, and checks at teardown that nothing logged a traceback:
whatever a page sends must end as a clean, logged ``UpdateFailed`` at worst.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import logging
import re
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.helpers.update_coordinator import UpdateFailed
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
import pytest_socket

from custom_components.status_tracker.client import StatusPageError, tracker as tracker_module
from custom_components.status_tracker.client.reader import PageReader
from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.fault_server import FaultServer
from tests.status_page_server import DEMO_PAGE, demo_documents, demo_incident

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Sequence

    from homeassistant.core import Event, HomeAssistant, State

    from custom_components.status_tracker.coordinator import StatusTrackerCoordinator

# The reader's total timeout in these tests (production: 20 s).
TIMEOUT: Final = 0.5
SUMMARY: Final = "/api/v2/summary.json"
INCIDENTS: Final = "/api/v2/incidents.json"
TITLE: Final = "Demo Cloud"
STATUS: Final = "sensor.demo_cloud_status"
ACTIVE: Final = "sensor.demo_cloud_active_incidents"
PROBLEM: Final = "binary_sensor.demo_cloud_problem"
MIB: Final = 1024 * 1024


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom_components/status_tracker."""


class FastReader(PageReader):
    """The production reader with the test timeout."""

    test_timeout: float = TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Read as production does, only with a short total timeout."""
        super().__init__(*args, **kwargs)
        self.timeout = self.test_timeout


@pytest.fixture(autouse=True)
def fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every coordinator, including the first poll at setup, reads with ``TIMEOUT``."""
    monkeypatch.setattr(tracker_module, "PageReader", FastReader)


@pytest.fixture(autouse=True)
def no_tracebacks(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest) -> Any:
    """Whatever a page sends, nothing may log a traceback or an "Unexpected error"."""
    yield
    xfail = request.node.get_closest_marker("xfail")
    if xfail is not None and (not xfail.args or xfail.args[0]):
        return  # a known bug: its own assertions say what goes wrong
    for record in caplog.get_records("call"):
        assert not (record.exc_info and record.levelno >= logging.WARNING), record.getMessage()
        assert "Unexpected error" not in record.getMessage(), record.getMessage()


@pytest.fixture
async def fault_page(socket_enabled: None) -> AsyncIterator[FaultServer]:
    """The demo page, all operational, on 127.0.0.1; any path can be made to misbehave."""
    server = FaultServer()
    await server.start()
    serve(server, None)
    yield server
    await server.stop()


@pytest.fixture
async def other_host(socket_enabled: None) -> AsyncIterator[FaultServer]:
    """A second page server on another loopback address (127.0.0.2), for cross-host redirects."""
    # The test harness only lets sockets reach 127.0.0.1; widen that to the second address.
    pytest_socket.socket_allow_hosts(["127.0.0.1", "127.0.0.2"])
    server = FaultServer("127.0.0.2")
    await server.start()
    yield server
    await server.stop()


def serve(server: FaultServer, stage: int | None, cycle: int = 1, prefix: str = "") -> None:
    """Publish the demo lifecycle at ``stage`` under ``prefix`` (``serve_stage`` with a prefix)."""
    summary, incidents = demo_documents(stage, cycle)
    server.set(prefix + SUMMARY, summary)
    server.set(prefix + INCIDENTS, incidents)


def resolved_window(prefix: str, count: int = 5) -> dict[str, Any]:
    """incidents.json holding ``count`` resolved incidents, a day apart, ids from ``prefix``."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return {
        "page": DEMO_PAGE,
        "incidents": [
            demo_incident(3, f"{prefix}{n:09d}", start + timedelta(days=n)) for n in range(count)
        ],
    }


def make_entry(
    server: FaultServer,
    prefix: str = "",
    *,
    number: int = 0,
    title: str = TITLE,
    endpoints: tuple[str, ...] = (SUMMARY, INCIDENTS),
    source: str = "statuspage",
) -> MockConfigEntry:
    """An entry as the config flow creates it, reading ``server`` under ``prefix``."""
    base = server.url + prefix
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        unique_id=f"{DEMO_PAGE['id']}{number or ''}",
        data={
            "url": base,
            "source": source,
            "endpoints": [base + path for path in endpoints],
            "name": title,
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
        entry_id=f"01RELIABILITY{number:014d}",
    )


async def setup(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add ``entry`` and set it up (its first poll included)."""
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def coordinator_of(entry: MockConfigEntry) -> StatusTrackerCoordinator:
    """The entry's coordinator."""
    return entry.runtime_data.coordinator  # type: ignore[no-any-return]


def state(hass: HomeAssistant, entity_id: str = STATUS) -> State:
    """The state of ``entity_id``, which must exist."""
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found


@pytest.fixture
async def loaded(hass: HomeAssistant, fault_page: FaultServer) -> MockConfigEntry:
    """The demo page's entry, set up while the page was healthy (all operational)."""
    entry = await setup(hass, make_entry(fault_page))
    assert state(hass).state == "operational"
    return entry


def demo_summary(stage: int | None = None) -> dict[str, Any]:
    """The demo page's summary.json at ``stage`` (None: all operational)."""
    return demo_documents(stage)[0]


async def fails_cleanly(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    cause: type[StatusPageError],
    message: str,
) -> StatusPageError:
    """Poll once; the poll must fail with ``cause`` and leave the page as it was.

    The entities turn unavailable, the coordinator keeps the last good snapshot (so the
    next success compares against it), Home Assistant logs ``message`` once (a regular
    expression, matched against the line after "Error fetching <title> data: "), and no
    event fires.
    """
    coordinator = coordinator_of(entry)
    good = coordinator.data
    events = async_capture_events(hass, EVENT_INCIDENT)
    caplog.clear()
    await poll(hass, entry)
    failure = coordinator.last_exception
    assert isinstance(failure, UpdateFailed), failure
    assert isinstance(failure.__cause__, cause), repr(failure.__cause__)
    for entity_id in (STATUS, ACTIVE, PROBLEM):
        assert state(hass, entity_id).state == STATE_UNAVAILABLE
    assert coordinator.data is good
    assert events == []
    prefix = f"Error fetching {entry.title} data: "
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(prefix)]
    assert len(lines) == 1, caplog.text
    assert re.search(message, lines[0].removeprefix(prefix)), lines[0]
    return failure.__cause__


def fired(events: Sequence[Event]) -> list[tuple[str, str, str]]:
    """(incident id, update id, status) of captured events, in the order they fired."""
    return [(e.data["incident_id"], e.data["update_id"], e.data["status"]) for e in events]


def error_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Messages of the integration's log records at WARNING or above."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.WARNING
        and record.name.startswith("custom_components.status_tracker")
    ]
