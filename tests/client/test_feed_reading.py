"""Atom and RSS read into entries, and a feed of unknown flavour read as one incident per entry.

Module promises (parsers/feed.py, README "Any other RSS 2.0 / Atom feed"): a DTD or any XML
problem is a content error (``Invalid feed XML: …``, docs/reliability.md), a document that
is neither Atom nor RSS says so; an entry's link is its alternate link; an entry's state is
its newest post label, else the first state word of its title or its opening text; feeds
have no impact and no indicator, and only a maintenance in progress makes the page read
``maintenance``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.parsers.feed import (
    generic_incident,
    parse_generic_feed,
    read_feed,
)

_ATOM = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Acme Status</title>
  <link rel="self" href="https://status.acme.test/feed.atom"/>
  <link href="https://status.acme.test/"/>
  <generator>Acme Pages</generator>
  <entry>
    <id>urn:acme:1</id>
    <title>Login errors</title>
    <link rel="self" href="https://status.acme.test/incidents/1.atom"/>
    <link rel="alternate" href="https://status.acme.test/incidents/1"/>
    <published>2026-03-01T09:00:00Z</published>
    <updated>2026-03-01T10:00:00Z</updated>
    <content type="html"></content>
    <summary>Identified - a bad deploy.</summary>
  </entry>
  <entry>
    <id>urn:acme:2</id>
    <title>Notice</title>
    <link rel="self" href="https://status.acme.test/incidents/2.atom"/>
    <link rel="alternate"/>
    <updated>2026-02-01T10:00:00Z</updated>
  </entry>
</feed>"""

_RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Acme Status</title>
  <link>https://status.acme.test/BOX/</link>
  <generator>Acme Pages</generator>
  <item>
    <guid>acme-7</guid>
    <title>Network maintenance</title>
    <link>https://status.acme.test/incidents/7</link>
    <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate>
    <description>Short text</description>
    <content:encoded>&lt;p&gt;In progress - routers swapped.&lt;/p&gt;</content:encoded>
  </item>
</channel>
</rss>"""


def test_atom_entries_links_and_times() -> None:
    feed = read_feed(_ATOM)
    assert (feed.title, feed.link, feed.generator) == (
        "Acme Status",
        "https://status.acme.test/",
        "Acme Pages",
    )
    first, second = feed.entries
    assert first.link == "https://status.acme.test/incidents/1"
    assert first.html == "Identified - a bad deploy."
    assert first.published == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert first.updated == datetime(2026, 3, 1, 10, tzinfo=UTC)
    # An alternate link without href, and no other alternate: no link at all.
    assert second.link == ""
    assert second.html == ""
    assert second.published is None


def test_atom_entry_without_alternate_link_has_none() -> None:
    feed = read_feed(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Acme</title>'
        b'<link rel="self" href="https://status.acme.test/feed.atom"/>'
        b"<entry><id>urn:acme:3</id><updated>2026-03-01T10:00:00Z</updated></entry></feed>"
    )
    assert feed.link == ""
    assert feed.entries[0].link == ""
    assert feed.generator == ""


def test_rss_items_prefer_the_full_content() -> None:
    feed = read_feed(_RSS)
    assert feed.generator == "Acme Pages"
    (item,) = feed.entries
    assert item.html == "<p>In progress - routers swapped.</p>"
    assert item.published == item.updated == datetime(2026, 3, 1, 10, tzinfo=UTC)


def test_generic_atom_feed_as_incidents() -> None:
    snap = sniff_document(_ATOM, "application/atom+xml")
    assert snap.source is SourceKind.FEED
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "https://status.acme.test",
        "Acme",
        "https://status.acme.test",
    )
    assert (snap.status_raw, snap.description) == ("", "")
    assert snap.status is PageStatus.DEGRADED
    errors, notice = snap.incidents
    assert errors.url == "https://status.acme.test/incidents/1"
    assert (errors.status, errors.status_raw) == (IncidentStatus.IDENTIFIED, "identified")
    assert (errors.impact, errors.impact_raw) == (Impact.UNKNOWN, "")
    assert errors.created_at == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert errors.updated_at == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert errors.resolved_at is None
    assert not errors.is_maintenance
    # No state word anywhere: unknown, with the word "unknown" kept raw.
    assert (notice.status, notice.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    assert notice.url is None
    assert notice.created_at == datetime(2026, 2, 1, 10, tzinfo=UTC)


def test_generic_rss_feed_maintenance_in_progress() -> None:
    snap = sniff_document(_RSS, "application/rss+xml")
    assert snap.source is SourceKind.FEED
    assert (snap.page.id, snap.page.url) == (
        "https://status.acme.test/BOX",
        "https://status.acme.test/BOX",
    )
    (maintenance,) = snap.incidents
    assert (maintenance.status, maintenance.status_raw) == (
        IncidentStatus.IN_PROGRESS,
        "in progress",
    )
    assert maintenance.is_maintenance
    assert maintenance.impact is Impact.MAINTENANCE
    assert snap.status is PageStatus.MAINTENANCE


def _entry(title: str, body: str) -> bytes:
    return (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Acme</title>'
        f"<entry><id>urn:x</id><title>{title}</title><updated>2026-03-01T10:00:00Z</updated>"
        f"<content>{body}</content></entry></feed>"
    ).encode()


@pytest.mark.parametrize(
    ("title", "body", "status", "raw", "maintenance"),
    [
        # "Update" posts change nothing: the label under it is the state.
        (
            "API errors",
            "Update - more soon\nInvestigating - we look",
            "investigating",
            "investigating",
            False,
        ),
        ("API errors", "UPDATE: more soon", "unknown", "unknown", False),
        ("DB upgrade in progress", "", "in_progress", "in progress", True),
        ("DB upgrade", "In Progress - started", "in_progress", "in progress", True),
        ("Scheduled - DB upgrade", "", "scheduled", "scheduled", True),
        ("Network Maintenance", "Resolved - done", "resolved", "resolved", True),
        ("Notice", "x" * 192 + " resolved", "unknown", "unknown", False),
        ("Notice", "x" * 191 + " resolved", "resolved", "resolved", False),
    ],
    ids=[
        "update-label-passed-over",
        "only-an-update-label",
        "title-word",
        "body-label",
        "scheduled-title",
        "maintenance-in-the-title",
        "word-past-200-characters",
        "word-within-200-characters",
    ],
)
def test_generic_entry_state(
    title: str, body: str, status: str, raw: str, maintenance: bool
) -> None:
    (incident,) = parse_generic_feed(read_feed(_entry(title, body)))
    assert (incident.status, incident.status_raw) == (status, raw)
    assert incident.is_maintenance is maintenance
    assert incident.impact == ("maintenance" if maintenance else "unknown")
    closed = incident.status in {IncidentStatus.RESOLVED, IncidentStatus.COMPLETED}
    assert incident.resolved_at == (datetime(2026, 3, 1, 10, tzinfo=UTC) if closed else None)


def test_scheduled_maintenance_alone_leaves_the_page_operational() -> None:
    snap = sniff_document(_entry("Scheduled - DB upgrade", ""), "application/atom+xml")
    (incident,) = snap.incidents
    assert incident.is_active
    assert snap.status is PageStatus.OPERATIONAL


def test_an_entry_without_time_is_no_incident() -> None:
    (entry,) = read_feed(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x</id></entry></feed>'
    ).entries
    assert generic_incident(entry) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE rss><rss><channel/></rss>', "Invalid feed XML: "),
        (b"<rss><channel>", "Invalid feed XML: "),
        (b'<rss version="2.0"/>', "Not an Atom or RSS feed: root element 'rss'"),
        (b"<svg><channel/></svg>", "Not an Atom or RSS feed: root element 'svg'"),
    ],
)
def test_what_is_not_a_feed_says_why(body: bytes, message: str) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        read_feed(body)
    assert str(caught.value).startswith(message)
