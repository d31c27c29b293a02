"""Detection of the other platforms against a real loopback page."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.status_tracker.client import SourceKind, detect_source
from custom_components.status_tracker.client.detect import known_document, page_base
from custom_components.status_tracker.client.reader import PageReader
from tests.status_page_server import StatusPageServer, fixture

_GENERIC_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Zed status</title>'
    b"<link>https://status.zed.dev</link><item><title>Calls down</title>"
    b"<guid>x1</guid><pubDate>Mon, 14 Sep 2026 08:00:00 +0000</pubDate></item>"
    b"</channel></rss>"
)


async def test_instatus_json_beats_its_generic_feed(status_page: StatusPageServer) -> None:
    status_page.set("/history.rss", _GENERIC_RSS, content_type="application/rss+xml")
    status_page.set("/summary.json", fixture("instatus_summary_json_docs_example.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.INSTATUS
    assert found.source.page_url == status_page.url
    assert found.source.endpoints == (status_page.url + "/summary.json",)
    assert found.snapshot.page.name == "Instatus"
    assert [hit.path for hit in status_page.hits] == [
        "/api/v2/summary.json",
        "/history.atom",
        "/feed.atom",
        "/history.rss",  # a feed of no known flavour: keep looking for JSON
        "/v3/summary.json",
        "/summary.json",
    ]


async def test_instatus_v3_summary(status_page: StatusPageServer) -> None:
    status_page.set("/v3/summary.json", fixture("instatus_summary_json_docs_example.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/")
    assert found.source.kind is SourceKind.INSTATUS
    assert found.source.page_url == status_page.url
    assert found.source.endpoints == (status_page.url + "/v3/summary.json",)


async def test_generic_feed_is_kept_when_no_platform_json(status_page: StatusPageServer) -> None:
    status_page.set("/feed.rss", _GENERIC_RSS, content_type="application/rss+xml")
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.FEED
    assert found.source.endpoints == (status_page.url + "/feed.rss",)
    assert [hit.path for hit in status_page.hits][-10:] == [
        "/v3/summary.json",
        "/summary.json",
        "/index.json",
        "/api/v1/status",  # Sorry™
        "/api/v1/components",  # Cachet 2.x
        "/api/components",  # Cachet 3.x
        "/api/v1/endpoints/statuses",  # Gatus
        "/api/v1/status.json",  # Rootly
        "/feed/json",  # OpenStatus
        "/status.json",  # Hyperping
    ]


async def test_betterstack_index_json_behind_a_200_page_shell(
    status_page: StatusPageServer,
) -> None:
    # Better Stack answers 200 with its HTML page shell for any path.
    shell = "<!DOCTYPE html><html><body>Better Stack status page</body></html>"
    for path in ("/api/v2/summary.json", "/history.atom", "/feed.atom", "/history.rss"):
        status_page.set(path, shell, content_type="text/html; charset=utf-8")
    status_page.set("/v3/summary.json", shell, content_type="text/html; charset=utf-8")
    status_page.set("/summary.json", shell, content_type="text/html; charset=utf-8")
    status_page.set("/feed.rss", _GENERIC_RSS, content_type="application/rss+xml")
    status_page.set("/index.json", fixture("betterstack_index_json_trimmed_live_2026-09.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.BETTERSTACK
    assert found.source.page_url == status_page.url
    assert found.source.endpoints == (status_page.url + "/index.json",)
    (report,) = found.snapshot.incidents
    # The document's own URL gives the report its link.
    assert report.url == f"{status_page.url}/incidents/1050825"


async def test_statusio_api_url_used_as_is(status_page: StatusPageServer) -> None:
    path = "/1.0/status/5b36dc6502d06804c08349f7"
    status_page.set(path, fixture("gitlab_statusio_public_status_maintenance_2020.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + path)
    assert found.source.kind is SourceKind.STATUSIO
    assert found.source.endpoints == (status_page.url + path,)
    assert found.snapshot.page.id == "5b36dc6502d06804c08349f7"
    assert [hit.path for hit in status_page.hits] == [path]


async def test_google_incidents_json_and_the_reader(status_page: StatusPageServer) -> None:
    status_page.set(
        "/incidents.json", fixture("google_cloud_incidents_open_and_resolved_written.json")
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + "/incidents.json")
        assert found.source.kind is SourceKind.GOOGLE
        assert found.source.page_url == status_page.url
        assert found.snapshot.incidents[0].url == (
            f"{status_page.url}/incidents/kM3vY7fQp2XbN9wRtU4e"
        )
        # The chosen source polls like any other: conditionally, parsed once.
        reader = PageReader(session, found.source)
        first = await reader.poll()
        assert first is not None
        assert len(first.incidents) == 3
        # Links are made from where the document was read, as detection made them.
        assert first.incidents[0].url == f"{status_page.url}/incidents/kM3vY7fQp2XbN9wRtU4e"
        assert await reader.poll() is None
    assert status_page.requests("/incidents.json")[-1].status == 304


async def test_slack_current(status_page: StatusPageServer) -> None:
    path = "/api/v2.0.0/current"
    status_page.set(path, fixture("slack_current_active_incident_2020.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + path)
    assert found.source.kind is SourceKind.SLACK
    assert found.source.page_url == status_page.url
    assert len(found.snapshot.active_incidents) == 2


async def test_aws_currentevents_in_utf16(status_page: StatusPageServer) -> None:
    path = "/public/currentevents"
    body = fixture("aws_health_public_currentevents_2023-03_from_stts_comment.json")
    status_page.set(
        path, body.decode().encode("utf-16"), content_type="application/json; charset=utf-16"
    )
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url + path)
    assert found.source.kind is SourceKind.AWS
    assert found.source.page_url == status_page.url
    assert found.snapshot.incidents[0].id == "internetconnectivity-us-west-2@1678726651"


async def test_statuspage_json_still_comes_first(status_page: StatusPageServer) -> None:
    status_page.set(
        "/api/v2/summary.json", fixture("github_summary_all_operational_2026-08-22.json")
    )
    status_page.set("/summary.json", fixture("instatus_summary_json_docs_example.json"))
    async with aiohttp.ClientSession() as session:
        found = await detect_source(session, status_page.url)
    assert found.source.kind is SourceKind.STATUSPAGE
    assert "/summary.json" not in [hit.path for hit in status_page.hits]


@pytest.mark.parametrize(
    ("url", "document"),
    [
        ("https://status.cloud.google.com", "https://status.cloud.google.com/incidents.json"),
        (
            "https://status.cloud.google.com/incidents.json",
            "https://status.cloud.google.com/incidents.json",
        ),
        (
            "https://www.google.com/appsstatus/dashboard",
            "https://www.google.com/appsstatus/dashboard/incidents.json",
        ),
        ("https://status.slack.com", "https://slack-status.com/api/v2.0.0/current"),
        ("https://slack-status.com", "https://slack-status.com/api/v2.0.0/current"),
        (
            "https://health.aws.amazon.com/health/status",
            "https://health.aws.amazon.com/public/currentevents",
        ),
        ("https://status.aws.amazon.com/rss/all.rss", "https://status.aws.amazon.com/rss/all.rss"),
        (
            "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7",
            "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7",
        ),
        ("https://status.zed.dev/summary.json", "https://status.zed.dev/summary.json"),
        ("https://status.example.com", None),
        ("https://status.example.com/api/v2/summary.json", None),
    ],
)
def test_known_document(url: str, document: str | None) -> None:
    assert known_document(url) == document


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://x.dev/v3/summary.json", "https://x.dev"),
        ("https://x.dev/summary.json", "https://x.dev"),
        ("https://x.dev/index.json", "https://x.dev"),
        ("https://x.dev/api/v2/summary.json", "https://x.dev"),
        ("https://slack-status.com/api/v2.0.0/current", "https://slack-status.com"),
        ("https://health.aws.amazon.com/public/currentevents", "https://health.aws.amazon.com"),
        (
            "https://www.google.com/appsstatus/dashboard/incidents.json",
            "https://www.google.com/appsstatus/dashboard",
        ),
    ],
)
def test_page_base_of_platform_documents(url: str, base: str) -> None:
    assert page_base(url) == base
