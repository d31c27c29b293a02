"""Protocol quirks: validators that lie, vanish or come without an ETag, and skewed clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
    STATUS,
    SUMMARY,
    coordinator_of,
    make_entry,
    serve,
    setup,
    state,
)
from tests.status_page_server import demo_documents, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


def _statuses(fault_page: FaultServer, path: str) -> list[int]:
    return [hit.status for hit in fault_page.requests(path)]


async def test_etag_that_changes_with_identical_content(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    serve(fault_page, 0)
    await poll(hass, loaded)
    fault_page.rotate_etag(SUMMARY)
    reader = coordinator_of(loaded).tracker.reader
    parsed = reader.parse_count
    writes = async_capture_events(hass, "state_changed")
    # Writing the same state again moves only its last_reported.
    reported = {s.entity_id: s.last_reported for s in hass.states.async_all()}
    events = async_capture_events(hass, EVENT_INCIDENT)
    for _ in range(3):
        await poll(hass, loaded)
    assert reader.parse_count == parsed  # same bytes: hashed, never parsed again
    assert events == []
    assert writes == []
    assert {s.entity_id: s.last_reported for s in hass.states.async_all()} == reported
    tags = [hit.headers.get("If-None-Match") for hit in fault_page.requests(SUMMARY)[-3:]]
    assert tags[1:] == ['"0"', '"1"']  # the moving tag is followed (sent back next time)


async def test_304_without_a_prior_etag_at_setup(
    hass: HomeAssistant, fault_page: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A cache answering 304 to an unconditional request: setup is retried, nothing crashes.

    Before the fix the reader returned "unchanged" with nothing parsed, the coordinator's
    data was None and every entity raised while being added.
    """
    fault_page.always_not_modified(SUMMARY, etag='W/"cached"')
    entry = await setup(hass, make_entry(fault_page))
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert hass.states.get(STATUS) is None
    assert "The status page answered HTTP 304" in caplog.text
    assert "If-None-Match" not in fault_page.requests(SUMMARY)[0].headers


async def test_304_without_a_prior_etag_after_setup(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    """Later, a stray 304 just means "unchanged": the state stays, nothing fires."""
    fault_page.always_not_modified(SUMMARY)
    events = async_capture_events(hass, EVENT_INCIDENT)
    await poll(hass, loaded)
    assert state(hass).state == "operational"
    assert coordinator_of(loaded).last_update_success
    assert events == []


@pytest.mark.parametrize("etag", ["weak", "strong"])
async def test_weak_and_strong_etags(
    hass: HomeAssistant, fault_page: FaultServer, etag: str
) -> None:
    summary, incidents = demo_documents(None)
    route = fault_page.set(SUMMARY, summary, etag=etag)
    fault_page.set(INCIDENTS, incidents, etag=etag)
    entry = await setup(hass, make_entry(fault_page))
    await poll(hass, entry)
    hit = fault_page.requests(SUMMARY)[-1]
    assert hit.headers["If-None-Match"] == route.tag()  # echoed exactly, W/ prefix included
    assert hit.status == 304
    assert coordinator_of(entry).tracker.parse_count == 2  # the setup's two documents only


async def test_last_modified_only(hass: HomeAssistant, fault_page: FaultServer) -> None:
    summary, incidents = demo_documents(None)
    route = fault_page.set(SUMMARY, summary, etag=None, last_modified=True)
    fault_page.set(INCIDENTS, incidents, etag=None, last_modified=True)
    entry = await setup(hass, make_entry(fault_page))
    await poll(hass, entry)
    hit = fault_page.requests(SUMMARY)[-1]
    assert "If-None-Match" not in hit.headers
    assert hit.headers["If-Modified-Since"].endswith("GMT")
    assert hit.status == 304
    # A change moves Last-Modified on: it is read and fires.
    summary, incidents = demo_documents(0)
    fault_page.set(SUMMARY, summary, etag=None, last_modified=True)
    fault_page.set(INCIDENTS, incidents, etag=None, last_modified=True)
    assert fault_page.routes[SUMMARY].modified_at > route.modified_at
    events = async_capture_events(hass, EVENT_INCIDENT)
    await poll(hass, entry)
    assert [e.data["status"] for e in events] == ["investigating"]


async def test_validators_that_go_away(hass: HomeAssistant, fault_page: FaultServer) -> None:
    serve(fault_page, None)
    entry = await setup(hass, make_entry(fault_page))
    summary, incidents = demo_documents(None)
    fault_page.set(SUMMARY, summary, etag=None)  # same bytes, no validator any more
    fault_page.set(INCIDENTS, incidents, etag=None)
    reader = coordinator_of(entry).tracker.reader
    events = async_capture_events(hass, EVENT_INCIDENT)
    await poll(hass, entry)
    await poll(hass, entry)
    assert _statuses(fault_page, SUMMARY)[-2:] == [200, 200]
    assert reader.parse_count == 2  # unchanged bytes are recognised by their hash
    assert events == []
    summary, incidents = demo_documents(0)
    fault_page.set(SUMMARY, summary, etag=None)
    fault_page.set(INCIDENTS, incidents, etag=None)
    await poll(hass, entry)
    assert [e.data["status"] for e in events] == ["investigating"]


async def test_clock_skew(hass: HomeAssistant, fault_page: FaultServer) -> None:
    """The page's clock a year ahead (timestamps, Date, Last-Modified): identity decides alone."""
    ahead = timedelta(days=365)
    later = datetime.now(UTC) + ahead
    summary, incidents = demo_documents(None)
    fault_page.set(SUMMARY, summary, etag=None, last_modified=True, modified_at=later)
    fault_page.set(INCIDENTS, incidents, etag=None, last_modified=True, modified_at=later)
    entry = await setup(hass, make_entry(fault_page))
    reader = coordinator_of(entry).tracker.reader
    events = async_capture_events(hass, EVENT_INCIDENT)
    future = datetime(2027, 11, 23, 12, tzinfo=UTC)
    for stage in (0, 1):
        summary, incidents = demo_documents(stage)
        summary["incidents"] = incidents["incidents"] = [
            demo_incident(stage, start=future + timedelta(days=stage))
        ]
        step = later + timedelta(seconds=stage + 1)
        fault_page.set(SUMMARY, summary, etag=None, last_modified=True, modified_at=step)
        fault_page.set(INCIDENTS, incidents, etag=None, last_modified=True, modified_at=step)
        await poll(hass, entry)
        parsed = reader.parse_count
        await poll(hass, entry)  # unchanged: nothing parsed, nothing fired
        assert reader.parse_count == parsed
        # The page's own Last-Modified is sent back as it came: our clock plays no part.
        stamp = fault_page.requests(SUMMARY)[-1].headers["If-Modified-Since"]
        assert stamp == format_datetime(step, usegmt=True)
    assert [e.data["status"] for e in events] == ["investigating", "identified"]
