"""Format detection from a URL against a real loopback page."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.status_tracker.client import (
    SourceKind,
    StatusPageConnectionError,
    StatusPageContentError,
    detect_source,
)
from custom_components.status_tracker.client.detect import normalise_url, page_base, sniff_document
from custom_components.status_tracker.client.platforms import platform_for
from tests.status_page_server import StatusPageServer, demo_documents, fixture, serve_stage


async def test_page_url_finds_the_json_api(status_page: StatusPageServer) -> None:
    serve_stage(status_page, 1)
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/")
    assert found.source.kind is SourceKind.STATUSPAGE
    assert found.source.page_url == status_page.url
    assert found.source.endpoints == (
        status_page.url + "/api/v2/summary.json",
        status_page.url + "/api/v2/incidents.json",
    )
    assert found.snapshot.page.name == "Demo Cloud"
    assert len(found.snapshot.components) == 3
    assert len(found.snapshot.incidents) == 1
    assert found.reason == f"Statuspage API v2 at {status_page.url}/api/v2/"


async def test_summary_without_incidents_endpoint(status_page: StatusPageServer) -> None:
    status_page.set(
        "/api/v2/summary.json", fixture("github_summary_all_operational_2026-08-22.json")
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/api/v2/summary.json")
    assert found.source.endpoints == (status_page.url + "/api/v2/summary.json",)
    assert found.reason == f"Statuspage API v2 at {status_page.url}/api/v2/summary.json"


async def test_feed_only_page_falls_back_to_history_atom(status_page: StatusPageServer) -> None:
    status_page.set(
        "/history.atom",
        fixture("github_history_2026-08-22_spaced_markup.atom"),
        content_type="application/atom+xml",
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.STATUSPAGE_FEED
    assert found.source.endpoints == (status_page.url + "/history.atom",)
    assert found.source.page_url == status_page.url
    paths = [hit.path for hit in status_page.hits]
    assert paths == ["/api/v2/summary.json", "/history.atom"]


async def test_explicit_feed_url(status_page: StatusPageServer) -> None:
    status_page.set(
        "/feed.rss",
        fixture("openai_incidentio_feed_2026-01_trimmed.rss"),
        content_type="application/rss+xml",
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/feed.rss")
    assert found.source.kind is SourceKind.INCIDENTIO_FEED


async def test_a_feed_of_a_known_flavour_at_its_own_address(status_page: StatusPageServer) -> None:
    status_page.set(
        "/status/history.atom",
        fixture("github_history_2026-08-22_spaced_markup.atom"),
        content_type="application/atom+xml",
    )
    feed = status_page.url + "/status/history.atom"
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, feed)
    # A URL ending in .atom names a feed: read as it is, by its flavour, named so.
    assert (found.source.kind, found.source.endpoints) == (SourceKind.STATUSPAGE_FEED, (feed,))
    assert found.reason == f"Statuspage feed at {feed}"
    assert platform_for(found.source.kind).maker == "Atlassian Statuspage"
    assert [hit.path for hit in status_page.hits] == ["/status/history.atom"]


async def test_html_only_page_is_not_a_source(status_page: StatusPageServer) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageContentError, match="No status-page API or feed"):
            await detect_source(session, status_page.url)


async def test_unreachable_page_is_a_connection_error(status_page: StatusPageServer) -> None:
    await status_page.stop()
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageConnectionError):
            await detect_source(session, status_page.url)


def test_normalise_url() -> None:
    assert normalise_url(" status.example.com/ ") == "https://status.example.com"
    assert normalise_url("HTTPS://Status.Example.com/x/?a=1#f") == "https://status.example.com/x"
    assert normalise_url("status.example.com/TX/") == "https://status.example.com/TX"
    with pytest.raises(StatusPageContentError, match=r"^Not a web address: 'ftp://example.com'$"):
        normalise_url("ftp://example.com")


def test_page_base_is_before_the_first_marker() -> None:
    assert page_base("https://s.example.com/history.atom/history.atom") == "https://s.example.com"


def test_unrecognised_documents_are_named_by_shape_and_address() -> None:
    url = "https://s.example.com/a.json"
    with pytest.raises(StatusPageContentError) as err:
        sniff_document(b"{}", "application/json", url)
    assert str(err.value) == f"Unrecognised document at {url} (no platform we read)"
    with pytest.raises(StatusPageContentError) as err:
        sniff_document(b"[1, 2]", "application/json", url)
    assert str(err.value) == f"Unrecognised JSON array at {url} (no platform we read)"
    with pytest.raises(StatusPageContentError, match=r"^Unrecognised document at  \(no platform"):
        sniff_document(b"{}")


def test_a_document_without_a_content_type_says_so() -> None:
    with pytest.raises(
        StatusPageContentError, match=r"^Unrecognised document \(no content type\)$"
    ):
        sniff_document(b"plain words")


def test_json_served_as_html_is_refused() -> None:
    summary = fixture("github_summary_all_operational_2026-08-22.json")
    with pytest.raises(StatusPageContentError, match="HTML page"):
        sniff_document(summary, "text/html; charset=utf-8")
    jsonp = fixture("apple_developer_system_status_jsonp_ongoing_outage_test_mock.js")
    with pytest.raises(StatusPageContentError, match="HTML page"):
        sniff_document(jsonp, "text/html; charset=utf-8")


async def test_html_only_page_lists_what_was_tried(status_page: StatusPageServer) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageContentError) as err:
            await detect_source(session, status_page.url)
    url = status_page.url
    assert str(err.value).startswith(
        f"No status-page API or feed found at {url} (HTTP 404 from {url}/api/v2/summary.json;"
        f" HTTP 404 from {url}/history.atom; "
    )
    assert str(err.value).endswith(")")


async def test_unreachable_document_is_a_connection_error(status_page: StatusPageServer) -> None:
    await status_page.stop()
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageConnectionError):
            await detect_source(session, status_page.url + "/index.json")


async def test_a_missing_document_does_not_stop_the_check_of_the_next(
    status_page: StatusPageServer,
) -> None:
    """incident.io pages may serve summary.json and components.json but no incidents.json."""
    summary, _ = demo_documents(1)
    page = {**summary["page"], "id": "01JMYB483C404VMPCW726E8MET"}  # a ULID: incident.io
    status_page.set("/api/v2/summary.json", {**summary, "page": page})
    status_page.set("/api/v2/components.json", {"page": page, "components": []})
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.INCIDENTIO
    assert found.source.endpoints == (
        status_page.url + "/api/v2/summary.json",
        status_page.url + "/api/v2/components.json",
    )


async def test_a_further_document_served_as_html_is_left_out(
    status_page: StatusPageServer,
) -> None:
    summary, incidents = demo_documents(1)
    status_page.set("/api/v2/summary.json", summary)
    status_page.set("/api/v2/incidents.json", incidents, content_type="text/html")
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.endpoints == (status_page.url + "/api/v2/summary.json",)
    assert found.reason == f"Statuspage API v2 at {status_page.url}/api/v2/summary.json"
