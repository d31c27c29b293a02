"""hund.io's Atom feed (a written fixture: no live capture yet): parsing, detection, a poll."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp
import pytest

from custom_components.status_tracker.client import PageTracker, SourceKind, detect_source
from custom_components.status_tracker.client.detect import known_document, page_base, sniff_document
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import Impact, IncidentStatus, PageStatus
from custom_components.status_tracker.client.platforms.hund import label_of, status_of
from tests.status_page_server import StatusPageServer, fixture

_FEED = "https://status.example.com/state_feed/feed"
_ATOM = "application/atom+xml; charset=utf-8"
_EMPTY = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">'
    "<id>tag:status.example.com,2005:/state_feed/feed</id>"
    '<link rel="alternate" type="text/html" href="https://status.example.com"/>'
    "<title>Example Status</title><updated>2026-11-24T09:00:00-05:00</updated></feed>"
)


def _entry(entry_id: str, issue: str, title: str, when: str, body: str = "text") -> str:
    return (
        f"<entry><id>tag:status.example.com,2005:State::FeedNotifier::Entry/{entry_id}</id>"
        f"<published>{when}</published><updated>{when}</updated>"
        f'<link rel="alternate" type="text/html" href="https://status.example.com/issues/{issue}"/>'
        f'<title>{title}</title><content type="html">{body}</content></entry>'
    )


def _feed(*entries: str) -> bytes:
    return _EMPTY.replace("</feed>", "".join(entries) + "</feed>").encode()


def test_written_feed_issues_with_their_labels() -> None:
    snap = sniff_document(fixture("hund_state_feed_written.atom"), _ATOM, _FEED)
    assert (snap.source, snap.page.name, snap.page.url) == (
        SourceKind.HUND,
        "Example",
        "https://status.example.com",
    )
    # The open "Monitoring" issue makes the page degraded.
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "")
    assert [(i.id, i.name, i.status, i.status_raw, i.impact) for i in snap.incidents] == [
        (
            "6743a0c28fbb6531c0d0e001",
            "Login failures",
            IncidentStatus.MONITORING,
            "Monitoring",
            Impact.UNKNOWN,
        ),
        (
            "673f2e4a8fbb6531c0d0d0f0",
            "Maintenance Window: database upgrade",
            IncidentStatus.COMPLETED,
            "Ended",
            Impact.MAINTENANCE,
        ),
        (
            "673d91b08fbb6531c0d0c0e0",
            "Delayed e-mail notifications",
            IncidentStatus.RESOLVED,
            "Resolved",
            Impact.UNKNOWN,
        ),
        (
            "673c1d208fbb6531c0d0b0d0",
            "New region in Frankfurt",
            IncidentStatus.RESOLVED,
            "Information",
            Impact.NONE,
        ),
        (
            "673b0a408fbb6531c0d0a0c0",
            "Störung Webhosting",
            IncidentStatus.RESOLVED,
            "Gelöst",
            Impact.UNKNOWN,
        ),
    ]
    login, window, _, _, _ = snap.incidents
    # Three entries link one issue: its updates, oldest first, each keyed by its entry and time.
    assert [(u.id, u.status, u.status_raw, u.body) for u in login.updates] == [
        (
            "6743a0c28fbb6531c0d0e000@2026-11-24T14:00:00+00:00",
            IncidentStatus.INVESTIGATING,
            "Investigating",
            "Some users cannot sign in.",
        ),
        (
            "6743a14b8fbb6531c0d0e002@2026-11-24T14:15:00+00:00",
            IncidentStatus.IDENTIFIED,
            "Assessed",
            "The identity provider rejects some tokens.",
        ),
        (
            "6743a1f08fbb6531c0d0e003@2026-11-24T14:40:00+00:00",
            IncidentStatus.MONITORING,
            "Monitoring",
            "A fix is deployed; we are watching sign-ins.",
        ),
    ]
    assert (login.url, login.created_at, login.updated_at, login.resolved_at) == (
        "https://status.example.com/issues/6743a0c28fbb6531c0d0e001",
        datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
        datetime(2026, 11, 24, 14, 40, tzinfo=UTC),
        None,
    )
    assert (window.is_maintenance, window.created_at, window.resolved_at) == (
        True,
        datetime(2026, 11, 21, 7, 0, tzinfo=UTC),
        datetime(2026, 11, 21, 9, 5, tzinfo=UTC),
    )
    assert [u.id for u in window.updates] == ["673f2e4a8fbb6531c0d0d0f1@2026-11-21T09:05:00+00:00"]


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Investigating", IncidentStatus.INVESTIGATING),
        ("Assessed", IncidentStatus.IDENTIFIED),
        ("Monitoring", IncidentStatus.MONITORING),
        ("Resolved", IncidentStatus.RESOLVED),
        ("Information", IncidentStatus.RESOLVED),
        ("Maintenance", IncidentStatus.IN_PROGRESS),
        ("Pending", IncidentStatus.SCHEDULED),
        ("Ended", IncidentStatus.COMPLETED),
        ("Cancelled", IncidentStatus.COMPLETED),
        ("Beendet", IncidentStatus.COMPLETED),
        ("  in  PROGRESS ", IncidentStatus.IN_PROGRESS),
        ("Degraded", IncidentStatus.UNKNOWN),
        ("", IncidentStatus.UNKNOWN),
    ],
)
def test_hund_labels(label: str, status: IncidentStatus) -> None:
    assert status_of(label) is status


def test_title_label_split() -> None:
    assert label_of("[Monitoring] Login failures") == ("Monitoring", "Login failures")
    assert label_of("  [Ended]Window") == ("Ended", "Window")
    assert label_of("No label here") == ("", "No label here")
    assert label_of("[Unclosed label") == ("", "[Unclosed label")


def test_unknown_label_is_kept_raw_and_says_nothing_of_the_page() -> None:
    body = _feed(_entry("e1", "i1", "[Degraded] API", "2026-11-24T09:00:00Z"))
    snap = sniff_document(body, _ATOM, _FEED)
    (incident,) = snap.incidents
    assert (incident.id, incident.name, incident.status, incident.status_raw) == (
        "i1",
        "API",
        IncidentStatus.UNKNOWN,
        "Degraded",
    )
    assert snap.status is PageStatus.OPERATIONAL


def test_maintenance_under_way_and_an_entry_without_issue_link() -> None:
    maintenance = _entry("e1", "i1", "[Maintenance] Network work", "2026-11-24T09:00:00Z")
    loose = (
        "<entry><id>tag:status.example.com,2005:State::FeedNotifier::Entry/e2</id>"
        "<updated>2026-11-24T10:00:00Z</updated><title>Component restored</title></entry>"
    )
    snap = sniff_document(_feed(maintenance, loose), _ATOM, _FEED)
    assert snap.status is PageStatus.MAINTENANCE
    assert [(i.id, i.status, i.status_raw, i.is_maintenance, i.url) for i in snap.incidents] == [
        (
            "i1",
            IncidentStatus.IN_PROGRESS,
            "Maintenance",
            True,
            "https://status.example.com/issues/i1",
        ),
        ("e2", IncidentStatus.UNKNOWN, "", False, None),
    ]


def test_entries_without_time_or_id_are_skipped() -> None:
    no_time = (
        "<entry><id>tag:x,2005:State::FeedNotifier::Entry/e1</id><title>[Monitoring] A</title>"
        "</entry>"
    )
    snap = sniff_document(_feed(no_time), _ATOM, _FEED)
    assert (snap.incidents, snap.status) == ((), PageStatus.OPERATIONAL)


def test_empty_feed_at_state_feed_is_hund_and_operational() -> None:
    snap = sniff_document(_EMPTY.encode(), _ATOM, _FEED)
    assert (snap.source, snap.status, snap.incidents) == (
        SourceKind.HUND,
        PageStatus.OPERATIONAL,
        (),
    )


def test_recognised_by_entry_ids_elsewhere_but_not_any_feed() -> None:
    body = _feed(_entry("e1", "i1", "[Resolved] A", "2026-11-24T09:00:00Z"))
    assert sniff_document(body, _ATOM, "https://example.com/other.atom").source is SourceKind.HUND
    plain = body.replace(b"State::FeedNotifier::Entry/", b"post/")
    assert sniff_document(plain, _ATOM, "https://example.com/other.atom").source is SourceKind.FEED


@pytest.mark.parametrize(
    "body",
    [b"<feed", b"<html><body>Status</body></html>", b'{"state": "operational"}'],
)
def test_malformed_bodies_are_content_errors(body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        sniff_document(body, _ATOM, _FEED)


def test_document_addresses() -> None:
    assert known_document("https://acme.hund.io") == "https://acme.hund.io/state_feed/feed"
    assert known_document(_FEED) == _FEED
    assert known_document(_FEED + ".atom") == _FEED + ".atom"
    assert known_document("https://api.hund.io") is None
    assert known_document("https://status.example.com") is None
    assert page_base(_FEED) == "https://status.example.com"
    assert page_base(_FEED + ".atom") == "https://status.example.com"


async def test_custom_domain_detected_and_polled(status_page: StatusPageServer) -> None:
    first = _entry("e1", "i1", "[Investigating] Slow API", "2026-11-24T09:00:00Z")
    status_page.set("/state_feed/feed", _feed(first), content_type=_ATOM)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
        assert found.source.kind is SourceKind.HUND
        assert (found.source.page_url, found.source.endpoints) == (
            status_page.url,
            (status_page.url + "/state_feed/feed",),
        )
        # The usual feed paths are tried first.
        feed_hits = [hit.path for hit in status_page.hits][-5:]
        assert feed_hits == [
            "/history.atom",
            "/feed.atom",
            "/history.rss",
            "/feed.rss",
            "/state_feed/feed",
        ]
        tracker = PageTracker(session, found.source)
        assert (await tracker.poll()).new_updates == ()
        second = _entry("e2", "i1", "[Resolved] Slow API", "2026-11-24T09:30:00Z")
        status_page.set("/state_feed/feed", _feed(second, first), content_type=_ATOM)
        result = await tracker.poll()
        assert [(u.incident.id, u.update.id, u.update.status) for u in result.new_updates] == [
            ("i1", "e2@2026-11-24T09:30:00+00:00", IncidentStatus.RESOLVED)
        ]
        assert result.snapshot.status is PageStatus.OPERATIONAL
