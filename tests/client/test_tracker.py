"""PageTracker over a real loopback page: one call per poll, and its versioned state."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import orjson
import pytest

from custom_components.status_tracker.client import (
    PageTracker,
    SeenUpdates,
    SourceKind,
    StatusPageTimeoutError,
    StatusPageTooLargeError,
    TrackerState,
    detect_source,
    source_for,
)
from tests.status_page_server import StatusPageServer, demo_documents, serve_stage


def _stored(tracker: PageTracker) -> TrackerState:
    """The state as it comes back from disk (orjson, as Home Assistant's Store writes it)."""
    return TrackerState.from_dict(orjson.loads(orjson.dumps(tracker.to_dict())))


async def test_each_update_once_in_order_and_unchanged_rounds(
    status_page: StatusPageServer,
) -> None:
    serve_stage(status_page, None)
    async with aiohttp.ClientSession() as session:
        tracker = PageTracker(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        first = await tracker.poll()
        assert first.new_updates == ()  # a silent baseline
        assert not first.unchanged
        assert first.snapshot.status.value == "operational"
        again = await tracker.poll()
        assert again.unchanged
        assert again.snapshot is first.snapshot  # the very same object: entities not written
        found = []
        for stage in (0, 1, 2, 3):
            serve_stage(status_page, stage)
            result = await tracker.poll()
            found += [(n.update.id, n.update.status.value) for n in result.new_updates]
            assert result.recorded
    assert found == [
        ("inc00000upd0", "investigating"),
        ("inc00000upd1", "identified"),
        ("inc00000upd2", "monitoring"),
        ("inc00000upd3", "resolved"),
    ]


async def test_state_round_trip_resumes_conditionally(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        stored = first.to_dict()
        assert stored["version"] == 3
        assert stored["held"] == []
        status_page.hits.clear()
        resumed = PageTracker(session, source, _stored(first))
        assert resumed.snapshot is not None
        assert resumed.snapshot.status.value == "partial_outage"  # shown before any request
        result = await resumed.poll()
    assert result.unchanged
    assert result.new_updates == ()
    assert [hit.status for hit in status_page.hits] == [304, 304]


async def test_lost_seen_keys_are_rebuilt_and_newer_updates_still_reported(
    status_page: StatusPageServer,
) -> None:
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        state = _stored(first)
        state.seen = None  # the keys were lost, the kept parse was not
        serve_stage(status_page, 1)
        result = await PageTracker(session, source, state).poll()
    assert [n.update.id for n in result.new_updates] == ["inc00000upd1"]


def test_an_unknown_state_version_starts_afresh(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        state = TrackerState.from_dict({"version": 99, "documents": {}, "seen": {}})
    assert state.documents == {}
    assert state.seen is None
    assert "unknown version 99" in caplog.text


def test_damaged_seen_keys_are_dropped_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        state = TrackerState.from_dict({"version": 2, "documents": {}, "seen": {"x": 1}})
    assert state.seen is None
    assert "Ignoring stored update keys" in caplog.text


@pytest.mark.parametrize("other_host", [False, True])
async def test_a_permanent_redirect_to_another_host_is_a_move(
    status_page: StatusPageServer, other_host: bool
) -> None:
    # Another host: another server (another port is another netloc), as a moved page is.
    target = StatusPageServer() if other_host else status_page
    if other_host:
        await target.start()
    summary, incidents = demo_documents(None)
    target.set("/new/api/v2/summary.json", summary)
    target.set("/new/api/v2/incidents.json", incidents)
    for name in ("summary", "incidents"):
        status_page.set(
            f"/api/v2/{name}.json",
            b"",
            status=301,
            headers={"Location": f"{target.url}/new/api/v2/{name}.json"},
        )
    try:
        async with aiohttp.ClientSession() as session:
            tracker = PageTracker(session, source_for(SourceKind.STATUSPAGE, status_page.url))
            result = await tracker.poll()
            again = await tracker.poll()  # still redirected, now answered 304
    finally:
        if other_host:
            await target.stop()
    assert result.moved_to == (f"{target.url}/new" if other_host else None)
    assert again.unchanged
    assert again.moved_to == result.moved_to


def _ulid_page(components: int, listed: range) -> tuple[dict[str, Any], dict[str, Any]]:
    page = {"id": "01JMYB483C404VMPCW726E8MET", "name": "AI Cloud", "url": "https://x.test"}
    rows = [
        {"id": f"01JMYB483C404VMPCW726E{n:04d}", "name": f"Model {n}", "status": "operational"}
        for n in range(components)
    ]
    summary = {
        "page": page,
        "status": {"indicator": "none", "description": "All good"},
        "components": [rows[n] for n in listed],
        "incidents": None,
        "scheduled_maintenances": None,
    }
    return summary, {"page": page, "components": rows}


async def test_incidentio_pages_read_every_component(status_page: StatusPageServer) -> None:
    """incident.io's summary.json lists 25 components, a different 25 each time."""
    summary, every = _ulid_page(30, range(25))
    status_page.set("/api/v2/summary.json", summary)
    status_page.set("/api/v2/incidents.json", {"page": summary["page"], "incidents": []})
    status_page.set("/api/v2/components.json", every)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.INCIDENTIO
        assert found.source.endpoints == (
            f"{status_page.url}/api/v2/summary.json",
            f"{status_page.url}/api/v2/incidents.json",
            f"{status_page.url}/api/v2/components.json",
        )
        assert len(found.snapshot.components) == 30
        tracker = PageTracker(session, found.source)
        first = await tracker.poll()
        assert len(first.snapshot.components) == 30
        # The summary rotates to another 25: every component is still there.
        status_page.set("/api/v2/summary.json", _ulid_page(30, range(5, 30))[0])
        again = await tracker.poll()
    assert [c.name for c in again.snapshot.components] == [f"Model {n}" for n in range(30)]


async def test_a_page_without_a_component_list_is_read_without_it(
    status_page: StatusPageServer,
) -> None:
    summary, _ = _ulid_page(3, range(3))
    status_page.set("/api/v2/summary.json", summary)
    status_page.set("/api/v2/incidents.json", {"page": summary["page"], "incidents": []})
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.endpoints == (
        f"{status_page.url}/api/v2/summary.json",
        f"{status_page.url}/api/v2/incidents.json",
    )
    assert len(found.snapshot.components) == 3


async def test_held_updates_round_trip_and_version_2_holds_none(
    status_page: StatusPageServer, caplog: pytest.LogCaptureFixture
) -> None:
    serve_stage(status_page, None)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        tracker = PageTracker(session, source)
        await tracker.poll()
        serve_stage(status_page, 1)
        result = await tracker.poll()
        tracker.held = result.new_updates
        stored = orjson.loads(orjson.dumps(tracker.to_dict()))
        resumed = _stored(tracker)
    assert [new.key for new in resumed.held] == [
        ("inc000000001", "inc00000upd0"),
        ("inc000000001", "inc00000upd1"),
    ]
    assert resumed.held == result.new_updates
    # Format 2 knew nothing of holding: it reads with nothing held, documents kept.
    older = TrackerState.from_dict({**stored, "version": 2, "held": None})
    assert older.held == ()
    assert older.documents.keys() == resumed.documents.keys()
    with caplog.at_level(logging.WARNING):
        damaged = TrackerState.from_dict({**stored, "held": [{"incident": 1}]})
    assert damaged.held == ()
    assert "Dropping an unreadable held update" in caplog.text


def test_the_stored_format_is_version_3_with_the_seen_keys() -> None:
    seen = SeenUpdates.from_dict(
        {"a": {"updates": ["a1"], "last_seen": "2026-01-01T00:00:00+00:00"}}
    )
    assert TrackerState(seen=seen).to_dict() == {
        "version": 3,
        "documents": {},
        "seen": {"a": {"updates": ["a1"], "last_seen": "2026-01-01T00:00:00+00:00"}},
        "held": [],
    }
    assert TrackerState().to_dict()["seen"] is None
    assert TrackerState.from_dict(TrackerState(seen=seen).to_dict()).seen == seen


async def test_version_1_reads_its_documents_and_seen_keys(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        stored = orjson.loads(orjson.dumps(first.to_dict()))
    # Release 0.1.0: no version, the documents under "reader", nothing held.
    old = TrackerState.from_dict({"reader": stored["documents"], "seen": stored["seen"]})
    assert set(old.documents) == set(stored["documents"])
    assert old.seen == first.seen


async def test_resumed_seen_keys_make_the_first_poll_report(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        # Only the keys survived (the documents were dropped): no baseline, the new update fires.
        state = TrackerState(seen=first.seen)
        serve_stage(status_page, 1)
        result = await PageTracker(session, source, state).poll()
    assert [n.update.id for n in result.new_updates] == ["inc00000upd1"]


def test_dropped_seen_keys_are_logged_with_the_reason(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        TrackerState.from_dict({"version": 3, "documents": {}, "seen": []})
        TrackerState.from_dict({"version": 3, "documents": {}, "seen": {"inc9": {}}})
    assert caplog.messages == [
        "Ignoring stored update keys: seen updates must be an object",
        "Ignoring stored update keys: bad seen record for 'inc9'",
    ]


def test_an_unreadable_held_update_is_dropped_with_the_reason(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        state = TrackerState.from_dict({"version": 3, "documents": {}, "seen": None, "held": [1]})
    assert state.held == ()
    assert caplog.messages == [
        "Dropping an unreadable held update: expected an object for NewUpdate"
    ]


async def test_the_timeout_and_byte_cap_given_are_the_ones_applied(
    status_page: StatusPageServer,
) -> None:
    serve_stage(status_page, 0)
    source = source_for(SourceKind.STATUSPAGE, status_page.url)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageTooLargeError, match="over the 100 byte cap"):
            await PageTracker(session, source, max_bytes=100).poll()
        status_page.delay = 1.0
        with pytest.raises(StatusPageTimeoutError, match=r"Timed out after 0\.2 s"):
            await PageTracker(session, source, timeout=0.2).poll()
