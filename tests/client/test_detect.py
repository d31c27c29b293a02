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
from custom_components.status_tracker.client.detect import normalise_url
from tests.status_page_server import StatusPageServer, fixture, serve_stage


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
    assert "Statuspage API v2" in found.reason


async def test_summary_without_incidents_endpoint(status_page: StatusPageServer) -> None:
    status_page.set(
        "/api/v2/summary.json", fixture("github_summary_all_operational_2026-08-22.json")
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/api/v2/summary.json")
    assert found.source.endpoints == (status_page.url + "/api/v2/summary.json",)


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
    with pytest.raises(StatusPageContentError):
        normalise_url("ftp://example.com")
