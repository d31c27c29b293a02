"""Protocol quirks: validators that lie or vanish, skewed clocks, windows that shift and re-key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
    STATUS,
    SUMMARY,
    coordinator_of,
    error_lines,
    fired,
    make_entry,
    resolved_window,
    serve,
    setup,
    state,
)
from tests.status_page_server import demo_documents, demo_incident

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


@pytest.fixture
async def loaded(hass: HomeAssistant, fault_page: FaultServer) -> MockConfigEntry:
    """The demo page's entry, set up while all was operational."""
    return await setup(hass, make_entry(fault_page))


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


async def test_update_displayed_in_the_past(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    """An update that shows up late, dated before ones already seen, still fires once."""
    serve(fault_page, 2)
    await poll(hass, loaded)
    events = async_capture_events(hass, EVENT_INCIDENT)
    summary, incidents = demo_documents(2)
    late = dict(incidents["incidents"][0]["incident_updates"][-1])
    late |= {"id": "inc00000late", "body": "Backfilled note", "status": "investigating"}
    late["display_at"] = late["created_at"] = "2026-11-23T11:00:00Z"  # before the first one
    for document in (summary, incidents):
        document["incidents"][0]["incident_updates"].append(late)
    fault_page.set(SUMMARY, summary)
    fault_page.set(INCIDENTS, incidents)
    await poll(hass, loaded)
    await poll(hass, loaded)
    assert fired(events) == [("inc000000001", "inc00000late", "investigating")]


async def test_incident_vanishes_from_the_window_and_comes_back(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    serve(fault_page, 1)
    await poll(hass, loaded)
    serve(fault_page, None)  # gone from both documents
    await poll(hass, loaded)
    assert state(hass).state == "operational"
    serve(fault_page, 1)  # back as it was: nothing new
    await poll(hass, loaded)
    serve(fault_page, None)
    await poll(hass, loaded)
    serve(fault_page, 3)  # back with two updates more
    await poll(hass, loaded)
    assert [e.data["status"] for e in events] == [
        "investigating",
        "identified",
        "monitoring",
        "resolved",
    ]


async def test_ids_rekeyed_by_a_platform_migration(
    hass: HomeAssistant, fault_page: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    serve(fault_page, None)
    fault_page.set(INCIDENTS, resolved_window("inc"))
    entry = await setup(hass, make_entry(fault_page))
    events = async_capture_events(hass, EVENT_INCIDENT)
    fault_page.set(INCIDENTS, resolved_window("01K"))  # the same history, every id new
    await poll(hass, entry)
    await poll(hass, entry)
    assert events == []
    assert error_lines(caplog) == [
        "Demo Cloud: every incident id changed (platform migration?); re-baselined silently"
    ]
    # Re-baselined already: the log line informs; no repair issue to fix.
    assert ir.async_get(hass).issues == {}
    serve(fault_page, 0, cycle=9)  # afterwards, new updates fire again
    fault_page.set(INCIDENTS, resolved_window("01K") | {"incidents": []})
    await poll(hass, entry)
    assert [e.data["status"] for e in events] == ["investigating"]


async def test_burst_of_new_incidents_on_a_quiet_page(
    hass: HomeAssistant, fault_page: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Three incidents at once on a page with nothing in its window are not a re-key.

    A summary-only page (some incident.io pages) shows open incidents only: between
    incidents its window is empty, and a big outage opens several at once. Before the
    fix they were taken for a platform migration and swallowed silently.
    """
    summary, _ = demo_documents(None)
    fault_page.set(SUMMARY, summary)
    entry = await setup(hass, make_entry(fault_page, endpoints=(SUMMARY,)))
    events = async_capture_events(hass, EVENT_INCIDENT)
    summary["incidents"] = [
        demo_incident(0, f"inc{n:09d}", datetime.now(UTC) + timedelta(minutes=n)) for n in range(3)
    ]
    fault_page.set(SUMMARY, summary)
    await poll(hass, entry)
    assert [e.data["incident_id"] for e in events] == [f"inc{n:09d}" for n in range(3)]
    assert error_lines(caplog) == []


async def test_one_document_failing_does_not_hide_the_other_ones_change(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
) -> None:
    """summary.json changes while incidents.json is briefly broken, then back as it was.

    Before the fix the reader kept summary.json's new validators from the failed poll,
    so the next poll was all 304s: no event, and the old state shown until the next change.
    """
    events = async_capture_events(hass, EVENT_INCIDENT)
    summary, _ = demo_documents(0)
    fault_page.set(SUMMARY, summary)
    fault_page.set(INCIDENTS, "<html>busy</html>", content_type="text/html")
    await poll(hass, loaded)
    assert not coordinator_of(loaded).last_update_success
    _, incidents = demo_documents(None)
    fault_page.set(INCIDENTS, incidents)  # the very bytes it had before: a 304 now
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"
    assert [e.data["status"] for e in events] == ["investigating"]


async def test_update_listed_twice_fires_once(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    summary, incidents = demo_documents(1)
    for document in (summary, incidents):
        updates = document["incidents"][0]["incident_updates"]
        updates.append(dict(updates[0]))  # the newest update, twice
    fault_page.set(SUMMARY, summary)
    fault_page.set(INCIDENTS, incidents)
    await poll(hass, loaded)
    assert [e.data["status"] for e in events] == ["investigating", "identified"]


async def test_documents_out_of_step(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    """summary.json a step ahead of incidents.json (cached apart): every update once, in order."""
    events = async_capture_events(hass, EVENT_INCIDENT)
    for ahead, behind in ((0, None), (1, 0), (2, 1), (3, 2), (3, 3)):
        fault_page.set(SUMMARY, demo_documents(ahead)[0])
        fault_page.set(INCIDENTS, demo_documents(behind)[1])
        await poll(hass, loaded)
    assert [e.data["status"] for e in events] == [
        "investigating",
        "identified",
        "monitoring",
        "resolved",
    ]


async def test_a_long_window_is_kept_short_and_never_fires_again(
    hass: HomeAssistant, fault_page: FaultServer, hass_storage: dict[str, Any]
) -> None:
    """A window of 12 resolved incidents: the page keeps the newest 5, the record all 12.

    Changes of summary.json alone (diffed with the kept part) and a later whole window
    with a new incident fire only the new incident's update.
    """
    serve(fault_page, None)
    fault_page.set(INCIDENTS, resolved_window("old", 12))
    entry = await setup(hass, make_entry(fault_page))
    events = async_capture_events(hass, EVENT_INCIDENT)
    kept = coordinator_of(entry).data.incidents
    assert len(kept) == 5  # "the 5 most recent closed ones" (README)
    assert len(coordinator_of(entry).tracker.seen.updates) == 12  # type: ignore[union-attr]
    for indicator in ("minor", "none"):
        fault_page.set(SUMMARY, {**demo_documents(None)[0], "status": {"indicator": indicator}})
        await poll(hass, entry)
    assert state(hass).state == "operational"
    window = resolved_window("old", 12)
    window["incidents"].insert(0, demo_incident(0, "new000001", datetime(2026, 2, 1, tzinfo=UTC)))
    fault_page.set(INCIDENTS, window)
    fault_page.set(SUMMARY, demo_documents(0)[0] | {"incidents": window["incidents"][:1]})
    await poll(hass, entry)
    assert fired(events) == [("new000001", "new00000upd0", "investigating")]
    await hass.async_stop(force=True)  # the delayed write lands: only the kept part is stored
    stored = hass_storage[f"{DOMAIN}.{entry.entry_id}"]["data"]["documents"]
    windows = [len(part["part"]["incidents"]) for part in stored.values()]
    assert windows == [1, 5 + 1]
