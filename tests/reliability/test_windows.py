"""Incident windows that shift: late updates, re-keyed ids, bursts, documents out of step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
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
    import pytest
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


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
