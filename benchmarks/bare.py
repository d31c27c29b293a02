"""The approaches without Home Assistant: bare aiohttp loops (the floor, and a plain GET)."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

import aiohttp

from benchmarks.approach import Approach, fail

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

# HA's shared client session allows 4096 connections, 100 per host: the bare loops do the same.
CONNECTIONS, CONNECTIONS_PER_HOST = 4096, 100


class Bare(Approach):
    """A bare aiohttp loop with HA-like connection limits."""

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Poll ``pages`` without Home Assistant."""
        super().__init__(pages, base)
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        """The open session."""
        if self._session is None:
            msg = "session not open"
            raise fail(msg)
        return self._session

    async def start(self) -> None:
        """Open the session."""
        connector = aiohttp.TCPConnector(limit=CONNECTIONS, limit_per_host=CONNECTIONS_PER_HOST)
        self._session = aiohttp.ClientSession(connector=connector)

    async def stop(self) -> None:
        """Close the session."""
        if self._session is not None:
            await self._session.close()

    async def setup(self) -> None:
        """The first round is the set-up."""
        await self.poll_round()

    def pollers(self) -> list[Callable[[], Awaitable[Any]]]:
        """One poll per page."""
        return [functools.partial(self.poll_page, page) for page in self.pages]

    async def poll_page(self, page: dict[str, Any]) -> None:
        """Poll one page."""
        raise NotImplementedError


class Floor(Bare):
    """The least any poller of a Statuspage page must do: conditional GETs, nothing parsed.

    summary.json every poll, incidents.json only when summary.json changed (it moves with
    every incident update): the requests ours makes on a settled page.
    """

    name = "floor"

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Keep validators per URL."""
        super().__init__(pages, base)
        self.validators: dict[str, tuple[str | None, str | None]] = {}

    async def poll_page(self, page: dict[str, Any]) -> None:
        """summary.json conditionally, then incidents.json if it changed."""
        if await self._get(self.url(page, "summary")):
            await self._get(self.url(page, "incidents"))

    async def _get(self, url: str) -> bool:
        headers = {}
        etag, modified = self.validators.get(url, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        async with self.session.get(url, headers=headers) as response:
            if response.status == 304:  # noqa: PLR2004
                return False
            await response.read()
            self.validators[url] = (
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
            return True


class Plain(Bare):
    """What a rest sensor does each poll: GET summary.json (no validators) and parse it."""

    name = "plain"

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Keep the last parse per page."""
        super().__init__(pages, base)
        self.last: dict[int, Any] = {}

    async def poll_page(self, page: dict[str, Any]) -> None:
        """GET and parse."""
        async with self.session.get(self.url(page, "summary")) as response:
            self.last[page["n"]] = json.loads(await response.read())
