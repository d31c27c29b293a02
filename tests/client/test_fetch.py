"""Conditional GET against a real loopback server: validators, 304, caps, errors, redirects."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import aiohttp
import brotli  # type: ignore[import-untyped]
import pytest

from custom_components.status_tracker.client import (
    StatusPageConnectionError,
    StatusPageHTTPError,
    StatusPageNotFoundError,
    StatusPageRateLimitError,
    StatusPageTimeoutError,
    StatusPageTooLargeError,
)
from custom_components.status_tracker.client.fetch import (
    Document,
    Unchanged,
    Validators,
    fetch,
    retry_after_seconds,
)

if TYPE_CHECKING:
    from tests.status_page_server import StatusPageServer

PATH = "/api/v2/summary.json"


async def test_etag_round_trip(status_page: StatusPageServer) -> None:
    route = status_page.set(PATH, {"page": {"id": "p"}}, etag="strong")
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + PATH)
        assert isinstance(first, Document)
        assert first.validators.etag == route.tag()
        assert first.content_type.startswith("application/json")
        again = await fetch(session, status_page.url + PATH, first.validators)
    assert again == Unchanged(validators=first.validators)
    hits = status_page.requests(PATH)
    assert "If-None-Match" not in hits[0].headers
    assert hits[1].headers["If-None-Match"] == route.tag()
    assert [hit.status for hit in hits] == [200, 304]


async def test_last_modified_only(status_page: StatusPageServer) -> None:
    status_page.set(PATH, "{}", etag=None, last_modified=True)
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + PATH)
        assert isinstance(first, Document)
        assert first.validators.etag is None
        assert first.validators.last_modified is not None
        again = await fetch(session, status_page.url + PATH, first.validators)
    assert isinstance(again, Unchanged)
    hit = status_page.requests(PATH)[1]
    assert hit.headers["If-Modified-Since"] == first.validators.last_modified
    assert hit.status == 304


async def test_no_validators_falls_back_to_body_hash(status_page: StatusPageServer) -> None:
    status_page.set(PATH, "{}", etag=None)
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + PATH)
        assert isinstance(first, Document)
        same = await fetch(session, status_page.url + PATH, first.validators)
        status_page.set(PATH, '{"changed": 1}', etag=None)
        changed = await fetch(session, status_page.url + PATH, first.validators)
    assert isinstance(same, Unchanged)
    assert isinstance(changed, Document)
    assert changed.body == b'{"changed": 1}'
    assert [hit.status for hit in status_page.requests(PATH)] == [200, 200, 200]


async def test_etag_that_moves_with_identical_content(status_page: StatusPageServer) -> None:
    route = status_page.set(PATH, "{}", etag=None, headers={"ETag": '"a"'})
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + PATH)
        assert isinstance(first, Document)
        route.headers["ETag"] = '"b"'  # same body, new tag: not a change
        result = await fetch(session, status_page.url + PATH, first.validators)
    assert isinstance(result, Unchanged)
    assert result.validators is not None
    assert result.validators.etag == '"b"'  # the new tag is sent next time


async def test_weak_etag_and_304_without_prior_etag(status_page: StatusPageServer) -> None:
    route = status_page.set(PATH, "{}", etag="weak")
    async with aiohttp.ClientSession() as session:
        result = await fetch(session, status_page.url + PATH, Validators(etag=route.tag()))
        assert isinstance(result, Unchanged)
        fresh = await fetch(session, status_page.url + PATH, Validators())
    assert isinstance(fresh, Document)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_compressed_bodies(status_page: StatusPageServer, encoding: str) -> None:
    raw = b'{"page": {"id": "p"}}' * 100
    packed = gzip.compress(raw) if encoding == "gzip" else brotli.compress(raw)
    status_page.set(PATH, packed, headers={"Content-Encoding": encoding})
    async with aiohttp.ClientSession() as session:
        document = await fetch(session, status_page.url + PATH)
    assert isinstance(document, Document)
    assert document.body == raw
    assert encoding in status_page.requests(PATH)[0].headers["Accept-Encoding"]


async def test_size_cap_on_declared_and_streamed_bodies(status_page: StatusPageServer) -> None:
    status_page.set(PATH, b"x" * 5000)
    status_page.set("/bomb", gzip.compress(b"x" * 5_000_000), headers={"Content-Encoding": "gzip"})
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageTooLargeError, match="declares 5000 bytes"):
            await fetch(session, status_page.url + PATH, max_bytes=4096)
        with pytest.raises(StatusPageTooLargeError, match="more than"):
            await fetch(session, status_page.url + "/bomb", max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("status", "headers", "error", "retry"),
    [
        (404, {}, StatusPageNotFoundError, None),
        (410, {}, StatusPageNotFoundError, None),
        (500, {}, StatusPageHTTPError, None),
        (502, {}, StatusPageHTTPError, None),
        (429, {}, StatusPageRateLimitError, None),
        (429, {"Retry-After": "120"}, StatusPageRateLimitError, 120.0),
        (503, {"Retry-After": "30"}, StatusPageRateLimitError, 30.0),
        (503, {}, StatusPageHTTPError, None),  # a 503 is a rate limit only with Retry-After
    ],
)
async def test_http_errors(
    status_page: StatusPageServer,
    status: int,
    headers: dict[str, str],
    error: type[StatusPageHTTPError],
    retry: float | None,
) -> None:
    status_page.set(PATH, "oops", status=status, headers=headers)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(error) as caught:
            await fetch(session, status_page.url + PATH)
    assert type(caught.value) is error
    assert (caught.value.status, caught.value.url) == (status, status_page.url + PATH)
    if isinstance(caught.value, StatusPageRateLimitError):
        assert caught.value.retry_after == retry


async def test_retry_after_date_is_read_on_the_server_clock(status_page: StatusPageServer) -> None:
    """A server 3 hours ahead asking for 10 minutes means 10 minutes, not 3 h 10 min."""
    headers = {
        "Date": "Mon, 23 Nov 2026 15:00:00 GMT",
        "Retry-After": "Mon, 23 Nov 2026 15:10:00 GMT",
    }
    status_page.set(PATH, "slow down", status=429, headers=headers)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageRateLimitError) as caught:
            await fetch(session, status_page.url + PATH)
    assert caught.value.retry_after == 600.0


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412420.0) == 60.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412540.0) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("nan") is None
    assert retry_after_seconds(None) is None


async def test_timeout_and_refused(status_page: StatusPageServer) -> None:
    status_page.set(PATH, "{}")
    status_page.delay = 1.0
    async with aiohttp.ClientSession() as session:
        with pytest.raises(StatusPageTimeoutError):
            await fetch(session, status_page.url + PATH, timeout=0.1)
        await status_page.stop()
        with pytest.raises(StatusPageConnectionError):
            await fetch(session, status_page.url + PATH)


async def test_redirects_are_followed_and_permanent_ones_reported(
    status_page: StatusPageServer,
) -> None:
    status_page.set("/new.json", "{}")
    status_page.set("/moved.json", "", status=301, headers={"Location": "/new.json"})
    status_page.set("/temp.json", "", status=302, headers={"Location": "/new.json"})
    status_page.set("/loop.json", "", status=302, headers={"Location": "/loop.json"})
    async with aiohttp.ClientSession() as session:
        moved = await fetch(session, status_page.url + "/moved.json")
        temporary = await fetch(session, status_page.url + "/temp.json")
        with pytest.raises(StatusPageConnectionError, match="redirects"):
            await fetch(session, status_page.url + "/loop.json")
    assert isinstance(moved, Document)
    assert moved.moved_to == status_page.url + "/new.json"
    assert isinstance(temporary, Document)
    assert temporary.moved_to is None
    assert temporary.final_url == status_page.url + "/new.json"
