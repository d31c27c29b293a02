"""PageTracker's seen record over a real loopback page: rebuilt, aged out, re-keyed.

README ("How data is updated"): what is kept is the open incidents and the 5 most recent
closed ones, and the ids of every update seen, kept 30 days after an incident was last
seen; updates published while Home Assistant was down fire once; when every incident id
changes at once the page is re-baselined silently.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import orjson

from custom_components.status_tracker.client import (
    PageTracker,
    SeenUpdates,
    SourceKind,
    TrackerState,
    source_for,
)
from tests.status_page_server import (
    StatusPageServer,
    demo_documents,
    demo_incident,
    iso,
    serve_stage,
)

_T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _serve(server: StatusPageServer, incidents: list[dict[str, Any]]) -> None:
    """The demo page with no open incident and ``incidents`` in its history."""
    summary, history = demo_documents(None)
    server.set("/api/v2/summary.json", summary)
    server.set("/api/v2/incidents.json", {**history, "incidents": incidents})


def _closed(number: int, start: datetime) -> dict[str, Any]:
    """A resolved incident (4 updates, 10 minutes apart) with ids ``oldNNNNN…``."""
    return demo_incident(3, f"old{number:05d}0001", start)


def _resolved_at(incident: dict[str, Any], when: datetime) -> dict[str, Any]:
    """``incident`` with its resolving update (the newest, listed first) posted at ``when``."""
    last = {**incident["incident_updates"][0]}
    last.update(created_at=iso(when), updated_at=iso(when), display_at=iso(when))
    return {**incident, "incident_updates": [last, *incident["incident_updates"][1:]]}


def _without_seen_keys(tracker: PageTracker) -> TrackerState:
    """The stored state as read back from disk, with the seen keys lost (the parse kept)."""
    state = TrackerState.from_dict(orjson.loads(orjson.dumps(tracker.to_dict())))
    state.seen = None
    return state


async def test_lost_keys_do_not_refire_what_the_kept_parse_cut(
    status_page: StatusPageServer,
) -> None:
    """Only the 5 newest closed incidents are kept: an older one the page still lists was seen.

    The oldest was resolved in the same minute as the newest (a bulk close): that update
    is as old as anything shown, so it was seen too.
    """
    newest = _T0 + timedelta(hours=5, minutes=30)
    history = [_closed(n, _T0 + timedelta(hours=n)) for n in range(1, 6)]
    history.append(_resolved_at(_closed(0, _T0), newest))
    _serve(status_page, history)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        assert first.snapshot is not None
        assert len(first.snapshot.incidents) == 5  # the oldest closed one is cut
        resumed = PageTracker(session, source, _without_seen_keys(first))
        # Published while the keys were lost: reported; the cut incident is not.
        fresh = demo_incident(0, "new000000001", newest + timedelta(minutes=1))
        _serve(status_page, [fresh, *history])
        result = await resumed.poll()
    assert [n.key for n in result.new_updates] == [("new000000001", "new00000upd0")]
    assert result.recorded


async def test_lost_keys_on_a_page_without_incidents(status_page: StatusPageServer) -> None:
    serve_stage(status_page, None)
    async with aiohttp.ClientSession() as session:
        source = source_for(SourceKind.STATUSPAGE, status_page.url)
        first = PageTracker(session, source)
        await first.poll()
        resumed = PageTracker(session, source, _without_seen_keys(first))
        serve_stage(status_page, 0)
        result = await resumed.poll()
    assert [n.key for n in result.new_updates] == [("inc000000001", "inc00000upd0")]


async def test_keys_are_kept_30_days_after_last_seen_as_of_the_poll_time(
    status_page: StatusPageServer,
) -> None:
    now = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    seen = SeenUpdates.from_dict(
        {
            # Last seen 31 days before the poll: forgotten. 29 days: kept.
            "gone00000001": {"updates": ["g1"], "last_seen": "2026-10-23T12:59:00+00:00"},
            "kept00000001": {"updates": ["k1"], "last_seen": "2026-10-25T13:00:00+00:00"},
        }
    )
    serve_stage(status_page, 0)
    async with aiohttp.ClientSession() as session:
        tracker = PageTracker(
            session, source_for(SourceKind.STATUSPAGE, status_page.url), TrackerState(seen=seen)
        )
        result = await tracker.poll(now)
    assert [n.key for n in result.new_updates] == [("inc000000001", "inc00000upd0")]
    assert tracker.to_dict()["seen"] == {
        "inc000000001": {"updates": ["inc00000upd0"], "last_seen": "2026-11-23T13:00:00+00:00"},
        "kept00000001": {"updates": ["k1"], "last_seen": "2026-10-25T13:00:00+00:00"},
    }


async def test_every_id_changed_is_rebaselined_silently_and_flagged(
    status_page: StatusPageServer,
) -> None:
    last_look = "2026-11-24T00:00:00+00:00"
    seen = SeenUpdates.from_dict(
        {f"was{n:09d}": {"updates": [f"was{n}u"], "last_seen": last_look} for n in range(3)}
    )
    # The same history under new ids, every incident older than our last look.
    history = [_closed(n, _T0 - timedelta(days=n)) for n in range(3)]
    _serve(status_page, history)
    async with aiohttp.ClientSession() as session:
        tracker = PageTracker(
            session, source_for(SourceKind.STATUSPAGE, status_page.url), TrackerState(seen=seen)
        )
        rekeyed = await tracker.poll()
        _serve(status_page, [demo_incident(0, "new000000001", _T0 + timedelta(days=1)), *history])
        after = await tracker.poll()
    assert rekeyed.rekeyed is True
    assert rekeyed.new_updates == ()
    assert after.rekeyed is False
    assert [n.key for n in after.new_updates] == [("new000000001", "new00000upd0")]


async def test_a_poll_of_part_of_the_page_forgets_nothing(status_page: StatusPageServer) -> None:
    """Only summary.json changed: the incident cut from the kept parse is still in the window.

    Forgotten after 30 days by a diff that cannot see it, it would fire again on the next
    poll that reads incidents.json.
    """
    history = [_closed(n, _T0 + timedelta(hours=n)) for n in range(6)]
    _serve(status_page, history)
    later = _T0 + timedelta(days=31)
    async with aiohttp.ClientSession() as session:
        tracker = PageTracker(session, source_for(SourceKind.STATUSPAGE, status_page.url))
        await tracker.poll(_T0 + timedelta(hours=7))
        summary, _ = demo_documents(None)
        summary["status"]["description"] = "All good"
        status_page.set("/api/v2/summary.json", summary)
        part = await tracker.poll(later)
        assert [hit.status for hit in status_page.hits[-2:]] == [200, 304]  # a part only
        fresh = demo_incident(0, "new000000001", later)
        status_page.set(
            "/api/v2/incidents.json", {"page": summary["page"], "incidents": [fresh, *history]}
        )
        whole = await tracker.poll(later + timedelta(minutes=1))
    assert part.new_updates == ()
    assert [n.key for n in whole.new_updates] == [("new000000001", "new00000upd0")]
