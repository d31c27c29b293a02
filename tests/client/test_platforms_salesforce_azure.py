"""Salesforce maintenances and Azure feed items from small hand-made documents.

The captured payloads (test_platforms_clouds.py, the golden test) hold no Salesforce
maintenance and only RSS items whose one time is both published and updated; these
documents fill the gaps field by field.
"""

from __future__ import annotations

from datetime import UTC, datetime
import json
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    Impact,
    Incident,
    IncidentStatus,
    PageStatus,
    SourceKind,
)
from custom_components.status_tracker.client.detect import sniff_document

_SALESFORCE = "https://api.status.salesforce.com/v1/instances/status/preview"
_AZURE = "https://azure.status.microsoft/en-us/status/feed/"


def _salesforce(*maintenances: dict[str, Any]) -> list[Incident]:
    instance = {
        "key": "NA1",
        "status": "MAINTENANCE_CORE",
        "isActive": True,
        "Products": [{"key": "Sales_Cloud"}],
        "Incidents": [],
        "Maintenances": list(maintenances),
    }
    snap = sniff_document(json.dumps([instance]).encode(), "application/json", _SALESFORCE)
    assert snap.source is SourceKind.SALESFORCE
    return list(snap.maintenances)


def test_salesforce_maintenance_is_a_scheduled_window_with_its_link() -> None:
    (window,) = _salesforce(
        {
            "id": 900,
            "message": {"name": "Core database upgrade"},
            "name": "not the title",
            "createdAt": "2026-09-01T10:00:00.000Z",
            "plannedStartTime": "2026-09-14T02:00:00.000Z",
            "plannedEndTime": "2026-09-14T06:00:00.000Z",
        }
    )
    assert (window.id, window.name) == ("900", "Core database upgrade")
    assert window.is_maintenance is True
    # The document has no status or impact word for a maintenance: the raw words are empty.
    assert (window.status, window.status_raw) == (IncidentStatus.SCHEDULED, "")
    assert (window.impact, window.impact_raw) == (Impact.MAINTENANCE, "")
    assert window.url == "https://status.salesforce.com/maintenances/900"
    assert window.created_at == datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    assert (window.scheduled_for, window.scheduled_until) == (
        datetime(2026, 9, 14, 2, 0, tzinfo=UTC),
        datetime(2026, 9, 14, 6, 0, tzinfo=UTC),
    )


def test_salesforce_maintenance_without_message_or_creation_time() -> None:
    (window,) = _salesforce(
        {"id": 901, "name": "Network work", "plannedStartTime": "2026-09-20T01:00:00.000Z"}
    )
    # Its own name stands in for the message's; the planned start for the creation time.
    assert window.name == "Network work"
    assert window.created_at == window.scheduled_for == datetime(2026, 9, 20, 1, 0, tzinfo=UTC)
    assert window.scheduled_until is None


def _rss(
    *items: str,
    title: str = "Azure Status",
    link: str = "https://azure.status.microsoft/en-us/status/",
) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link>"
        + "".join(f"<item>{item}</item>" for item in items)
        + "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("title", "link", "kind"),
    [
        ("Azure Status", "https://status.azure.com/en-us/status", SourceKind.AZURE),
        # Azure's other feeds (product updates) link to an Azure host but are no status page.
        ("Azure updates", "https://azure.microsoft.com/en-us/updates/", SourceKind.FEED),
        # The title alone is not enough: a copy elsewhere is a feed of no known flavour.
        ("Azure Status", "https://status.example.org/azure/", SourceKind.FEED),
    ],
)
def test_azure_feed_is_known_by_its_title_and_its_host(
    title: str, link: str, kind: SourceKind
) -> None:
    item = (
        "<guid>n1</guid><title>Storage - East US</title>"
        "<pubDate>Mon, 14 Sep 2026 08:00:00 Z</pubDate>"
    )
    body = _rss(item, title=title, link=link)
    assert sniff_document(body, "application/rss+xml", "https://x.test/feed.rss").source is kind


def test_azure_region_is_the_last_part_of_the_title_and_undated_items_are_skipped() -> None:
    snap = sniff_document(
        _rss(
            "<guid>#A1</guid><title>Azure Cosmos DB - Multi-region writes - West Europe</title>"
            "<description>Summary of impact: writes fail.</description>"
            "<pubDate>Mon, 14 Sep 2026 08:00:00 Z</pubDate>",
            "<guid>#B2</guid><title>Azure Storage - East US</title>"
            "<description>No time given.</description>",
        ),
        "application/rss+xml",
        _AZURE,
    )
    assert (snap.source, snap.status) == (SourceKind.AZURE, PageStatus.DEGRADED)
    (item,) = snap.incidents  # an item without a date cannot be placed in time
    assert item.id == "#A1"
    assert item.components == ("Azure Cosmos DB - Multi-region writes", "West Europe")


def test_azure_entry_with_both_times_starts_when_published() -> None:
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Azure Status</title>'
        b'<link href="https://azure.status.microsoft/en-us/status/"/>'
        b"<entry><id>#C3</id><title>Virtual Machines - North Europe</title>"
        b"<published>2026-09-14T08:00:00Z</published><updated>2026-09-14T09:30:00Z</updated>"
        b"<summary>Mitigation: engineers rolled back a change.</summary></entry></feed>"
    )
    (item,) = sniff_document(atom, "application/atom+xml", _AZURE).incidents
    first, last = datetime(2026, 9, 14, 8, 0, tzinfo=UTC), datetime(2026, 9, 14, 9, 30, tzinfo=UTC)
    assert (item.created_at, item.started_at, item.updated_at) == (first, first, last)
    (update,) = item.updates
    assert update.created_at == last  # the text as last written


def test_azure_rss_item_rewritten_is_dated_by_its_atom_updated_time() -> None:
    def feed(text: str, updated: str) -> bytes:
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<rss xmlns:a10="http://www.w3.org/2005/Atom" version="2.0"><channel>'
            "<title>Azure Status</title><link>https://azure.status.microsoft/en-us/status/</link>"
            '<item><guid isPermaLink="false">#D4</guid><title>Azure Storage - West Europe</title>'
            f"<description>{text}</description><pubDate>Mon, 14 Sep 2026 08:00:00 Z</pubDate>"
            f"<a10:updated>{updated}</a10:updated></item></channel></rss>"
        ).encode()

    first = feed("Summary of impact: latency.", "2026-09-14T08:00:00Z")
    (before,) = sniff_document(first, "application/rss+xml", _AZURE).incidents
    edited = feed("Summary of impact: latency. Mitigation: failover.", "2026-09-14T09:30:00Z")
    (after,) = sniff_document(edited, "application/rss+xml", _AZURE).incidents
    published, rewritten = (
        datetime(2026, 9, 14, 8, 0, tzinfo=UTC),
        datetime(2026, 9, 14, 9, 30, tzinfo=UTC),
    )
    # Same incident, started when published; the rewritten text is a new update, of its time.
    assert after.id == before.id == "#D4"
    assert (after.created_at, after.started_at, after.updated_at) == (
        published,
        published,
        rewritten,
    )
    (old,), (new,) = before.updates, after.updates
    assert new.id != old.id
    assert (old.created_at, new.created_at, new.display_at) == (published, rewritten, rewritten)
