"""PageReader over a real loopback page: lifecycle replay, zero parsing on 304, stored state."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp
import orjson
import pytest

from custom_components.status_tracker.client import (
    IncidentStatus,
    SeenUpdates,
    SourceKind,
    StatusPageContentError,
    StatusPageHTTPError,
    StatusPageTimeoutError,
    StatusPageTooLargeError,
    detect_changes,
)
from custom_components.status_tracker.client.detect import source_for
from custom_components.status_tracker.client.reader import PageReader, ReaderState
from tests.status_page_server import (
    StatusPageServer,
    demo_documents,
    demo_incident,
    serve_stage,
)


def _whole(reader: PageReader) -> bool:
    """Read afresh: an assert on ``reader.whole`` narrows it for the rest of a test."""
    return reader.whole


async def test_lifecycle_fires_each_update_once_in_order(status_page: StatusPageServer) -> None:
    serve_stage(status_page, None)
    fired: list[tuple[str, str, IncidentStatus | None]] = []
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        seen: SeenUpdates | None = None
        # Each stage is polled three times: the second poll asks both documents (304s, the
        # page settles), the third only summary.json; neither fires anything.
        for stage in (None, 0, 1, 2, 3):
            serve_stage(status_page, stage)
            for _ in range(3):
                snapshot = await reader.poll()
                if snapshot is None:
                    continue
                changes = detect_changes(seen, snapshot)
                seen = changes.seen
                fired += [
                    (n.update.status.value, n.update.id, n.previous_status)
                    for n in changes.new_updates
                ]
    assert fired == [
        ("investigating", "inc00000upd0", None),
        ("identified", "inc00000upd1", IncidentStatus.INVESTIGATING),
        ("monitoring", "inc00000upd2", IncidentStatus.IDENTIFIED),
        ("resolved", "inc00000upd3", IncidentStatus.MONITORING),
    ]
    # 5 stages x 2 documents changed; the other polls were answered 304 and parsed nothing.
    assert reader.parse_count == 10
    statuses = [hit.status for hit in status_page.hits]
    assert statuses.count(304) == 15
    assert statuses.count(200) == 10
    assert len(status_page.requests("/api/v2/incidents.json")) == 10


async def test_unchanged_round_returns_none_and_keeps_snapshot(
    status_page: StatusPageServer,
) -> None:
    serve_stage(status_page, 1)
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        assert reader.moved_to is None
        first = await reader.poll()
        assert first is not None
        assert reader.whole is True  # both documents parsed
        assert await reader.poll() is None
        assert reader.snapshot == first
        assert reader.parse_count == 2
        # Only summary.json changes: incidents.json is asked (304) but not parsed again.
        status_page.set(
            "/api/v2/summary.json", {**demo_documents(1)[0], "status": {"indicator": "major"}}
        )
        changed = await reader.poll()
    assert changed is not None
    assert _whole(reader) is False  # incidents.json was not parsed this round
    assert reader.parse_count == 3
    assert changed.incidents == first.incidents
    # Asked on each poll: the first, the settling one, and after summary.json moved.
    assert [hit.status for hit in status_page.requests("/api/v2/incidents.json")] == [
        200,
        304,
        304,
    ]


async def test_other_documents_are_reconciled_every_few_polls(
    status_page: StatusPageServer,
) -> None:
    serve_stage(status_page, 1)
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        reader.full_every = 3
        assert await reader.poll() is not None
        assert await reader.poll() is None  # both 304: settled
        # incidents.json changes behind an unchanged summary.json (an edited window): the
        # settled polls do not ask it, the third one after the last full poll does.
        status_page.set("/api/v2/incidents.json", {"page": {"id": "demo0page001"}, "incidents": []})
        assert await reader.poll() is None
        assert await reader.poll() is None
        reconciled = await reader.poll()
    assert reconciled is not None
    assert reader.parse_count == 3
    assert len(status_page.requests("/api/v2/summary.json")) == 5
    incidents = status_page.requests("/api/v2/incidents.json")
    assert [hit.status for hit in incidents] == [200, 304, 200]


async def test_stored_state_makes_the_next_run_conditional(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        first = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        snapshot = await first.poll()
        # As Home Assistant's Store writes it: orjson encodes the dataclasses.
        stored = orjson.loads(orjson.dumps(first.state.endpoints))
        restarted = PageReader(
            session,
            source_for(SourceKind.STATUSPAGE, status_page.url),
            ReaderState.from_dict(stored),
        )
        assert restarted.snapshot == snapshot  # last good state is there before any poll
        assert await restarted.poll() is None
    assert restarted.whole is False  # what it shows is the stored cut, not a whole parse
    assert restarted.parse_count == 0
    assert [hit.status for hit in status_page.hits[-2:]] == [304, 304]


def test_unreadable_stored_state_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    state = ReaderState.from_dict({"http://x/a.json": {"part": {"page": 1}}, "http://x/b": []})
    assert state.endpoints == {}
    warned = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert len(warned) == 2
    assert "http://x/a.json" in warned[0]
    assert "http://x/b" in warned[1]
    assert all(not message.endswith(": None") for message in warned)  # the reason is given
    assert ReaderState.from_dict("garbage").endpoints == {}


async def test_incidentio_pages_ask_both_documents_every_poll(
    status_page: StatusPageServer,
) -> None:
    """incident.io's summary.json may list no incidents: a 304 there says nothing of the window."""
    serve_stage(status_page, 1)
    summary, _ = demo_documents(1)
    status_page.set("/api/v2/components.json", {"page": summary["page"], "components": []})
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.INCIDENTIO, status_page.url)
        reader = PageReader(session, source)
        for _ in range(4):
            await reader.poll()
    assert [hit.status for hit in status_page.requests("/api/v2/incidents.json")] == [
        200,
        304,
        304,
        304,
    ]


async def test_the_reader_uses_its_own_timeout_and_size_cap(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 1)
    source = source_for(SourceKind.STATUSPAGE, status_page.url)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageTooLargeError, match="over the 100 byte cap"):
            await PageReader(session, source, max_bytes=100).poll()
        status_page.delay = 1.0
        with pytest.raises(StatusPageTimeoutError, match=r"Timed out after 0\.1 s"):
            await PageReader(session, source, timeout=0.1).poll()


async def test_an_html_page_is_refused_by_its_content_type(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 1)
    status_page.set(
        "/api/v2/summary.json", "<html><body>Oops</body></html>", content_type="text/html"
    )
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        with pytest.raises(StatusPageContentError, match=r"got an HTML page \(text/html"):
            await reader.poll()


async def test_a_304_to_an_unconditional_request_is_an_error(
    status_page: StatusPageServer,
) -> None:
    """A broken cache answering 304 with nothing stored leaves nothing to show."""
    serve_stage(status_page, 1)
    status_page.set("/api/v2/summary.json", "", status=304)
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        with pytest.raises(StatusPageHTTPError) as caught:
            await reader.poll()
    assert (caught.value.status, caught.value.url) == (
        304,
        status_page.url + "/api/v2/summary.json",
    )


async def test_an_etag_that_moves_alone_is_sent_next_time(status_page: StatusPageServer) -> None:
    summary, incidents = demo_documents(1)
    route = status_page.set("/api/v2/summary.json", summary, etag=None, headers={"ETag": '"a"'})
    status_page.set("/api/v2/incidents.json", incidents)
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        assert await reader.poll() is not None
        route.headers["ETag"] = '"b"'  # the same body under a new tag
        assert await reader.poll() is None
        assert await reader.poll() is None
        assert reader.snapshot is not None
    sent = [
        hit.headers.get("If-None-Match") for hit in status_page.requests("/api/v2/summary.json")
    ]
    assert sent == [None, '"a"', '"b"']


async def test_a_poll_returns_the_window_whole_and_keeps_five_closed_incidents(
    status_page: StatusPageServer,
) -> None:
    """README "What is kept": new documents are compared whole; the 5 newest closed stay."""
    summary, _ = demo_documents(None)
    starts = [datetime(2026, 11, day, 12, 0, tzinfo=UTC) for day in range(1, 8)]
    window = [demo_incident(3, f"inc{day:09d}", start) for day, start in enumerate(starts, 1)]
    status_page.set("/api/v2/summary.json", summary)
    status_page.set("/api/v2/incidents.json", {"page": summary["page"], "incidents": window})
    async with aiohttp.ClientSession() as session:
        reader = PageReader(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        polled = await reader.poll()
    assert polled is not None
    assert sorted(i.id for i in polled.incidents) == [f"inc{day:09d}" for day in range(1, 8)]
    assert reader.snapshot is not None
    assert sorted(i.id for i in reader.snapshot.incidents) == [
        f"inc{day:09d}" for day in range(3, 8)
    ]
