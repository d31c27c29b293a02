"""Conditional GET against a real loopback server: validators, 304, caps, errors, redirects."""

from __future__ import annotations

import gzip
import time
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
        (400, {}, StatusPageHTTPError, None),
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
    assert str(caught.value) == f"HTTP {status} from {status_page.url}{PATH}"
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
    assert retry_after_seconds("Wed, 21 Oct 2015 09:28:00 +0200", now=1445412420.0) == 60.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412540.0) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("nan") is None
    assert retry_after_seconds(None) is None


def test_retry_after_date_without_a_zone_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """An HTTP date with "-0000" (no zone) is UTC, not the host's local time."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 -0000", now=1445412420.0) == 60.0
    finally:
        monkeypatch.undo()
        time.tzset()


async def test_timeout_and_refused(status_page: StatusPageServer) -> None:
    status_page.set(PATH, "{}")
    status_page.delay = 1.0
    async with aiohttp.ClientSession() as session:
        with pytest.raises(
            StatusPageTimeoutError,
            match=rf"^Timed out after 0\.1 s reading {status_page.url}{PATH}$",
        ):
            await fetch(session, status_page.url + PATH, timeout=0.1)
        await status_page.stop()
        with pytest.raises(
            StatusPageConnectionError,
            match=rf"^Cannot read {status_page.url}{PATH}: Cannot connect to host 127\.0\.0\.1",
        ):
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


async def test_a_body_of_exactly_the_cap_is_read(status_page: StatusPageServer) -> None:
    """The cap refuses what is over it: a body as long as the cap is read whole."""
    status_page.set(PATH, b"x" * 4096)
    async with aiohttp.ClientSession() as session:
        document = await fetch(session, status_page.url + PATH, max_bytes=4096)
    assert isinstance(document, Document)
    assert document.body == b"x" * 4096


async def test_a_body_read_in_many_pieces_is_joined_whole(status_page: StatusPageServer) -> None:
    raw = bytes(range(256)) * 2000  # 512 kB: many reads
    status_page.set(PATH, gzip.compress(raw), headers={"Content-Encoding": "gzip"})
    async with aiohttp.ClientSession() as session:
        document = await fetch(session, status_page.url + PATH)
    assert isinstance(document, Document)
    assert document.body == raw


async def test_at_most_four_redirects_are_followed(status_page: StatusPageServer) -> None:
    status_page.set("/hop0.json", "{}")
    for hop in range(1, 6):
        status_page.set(
            f"/hop{hop}.json", "", status=302, headers={"Location": f"/hop{hop - 1}.json"}
        )
    async with aiohttp.ClientSession() as session:
        four = await fetch(session, status_page.url + "/hop4.json")
        with pytest.raises(StatusPageConnectionError, match=r"Too many redirects from .*/hop5"):
            await fetch(session, status_page.url + "/hop5.json")
    assert isinstance(four, Document)
    assert four.url == status_page.url + "/hop4.json"  # what was asked, not where it ended
    assert four.final_url == status_page.url + "/hop0.json"


async def test_an_unchanged_moved_page_still_reports_the_move(
    status_page: StatusPageServer,
) -> None:
    """Behind a permanent redirect, a 304 or an identical body still tells where the page is."""
    status_page.set("/new.json", "{}", etag="strong")
    status_page.set("/plain.json", "{}", etag=None)
    status_page.set("/moved.json", "", status=301, headers={"Location": "/new.json"})
    status_page.set("/gone.json", "", status=308, headers={"Location": "/plain.json"})
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + "/moved.json")
        assert isinstance(first, Document)
        not_modified = await fetch(session, status_page.url + "/moved.json", first.validators)
        plain = await fetch(session, status_page.url + "/gone.json")
        assert isinstance(plain, Document)
        same_body = await fetch(session, status_page.url + "/gone.json", plain.validators)
    assert not_modified == Unchanged(
        validators=first.validators, moved_to=status_page.url + "/new.json"
    )
    assert isinstance(same_body, Unchanged)
    assert same_body.moved_to == status_page.url + "/plain.json"
    assert [hit.status for hit in status_page.requests("/new.json")] == [200, 304]


async def test_validators_of_an_unchanged_body_keep_telling_it_unchanged(
    status_page: StatusPageServer,
) -> None:
    """No ETag: what ``Unchanged`` hands back must recognise the same body next time too."""
    status_page.set(PATH, "{}", etag=None)
    async with aiohttp.ClientSession() as session:
        first = await fetch(session, status_page.url + PATH)
        assert isinstance(first, Document)
        second = await fetch(session, status_page.url + PATH, first.validators)
        assert isinstance(second, Unchanged)
        third = await fetch(session, status_page.url + PATH, second.validators)
    assert isinstance(third, Unchanged)
    assert third.validators == first.validators
