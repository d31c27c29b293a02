"""What fetch sends and how it names what went wrong, seen on a loopback socket."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.status_tracker.client import StatusPageConnectionError
from custom_components.status_tracker.client.fetch import Document, fetch

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from tests.status_page_server import StatusPageServer

PATH = "/api/v2/summary.json"


async def test_requests_say_who_asks_and_what_for(status_page: StatusPageServer) -> None:
    status_page.set(PATH, "{}")
    async with aiohttp.ClientSession() as session:
        await fetch(session, status_page.url + PATH)
    headers = status_page.requests(PATH)[0].headers
    assert headers["User-Agent"].startswith("StatusPageTracker/")
    assert headers["Accept"].startswith("application/json, ")
    assert "application/atom+xml" in headers["Accept"]


@pytest.fixture
async def raw_server(socket_enabled: None) -> AsyncIterator[str]:
    """A server that answers 200 with a body and no Content-Type header at all."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def test_a_body_without_content_type_is_read(raw_server: str) -> None:
    async with aiohttp.ClientSession() as session:
        document = await fetch(session, raw_server + PATH)
    assert isinstance(document, Document)
    assert document.body == b"{}"
    assert document.content_type == ""


class _SilentFailure(aiohttp.TCPConnector):
    """A connector whose connection fails with an error that has no text."""

    async def connect(self, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        raise ConnectionResetError


async def test_an_error_without_text_is_named_by_its_type() -> None:
    """The reason after "Cannot read …:" is never empty: an error without text gives its type."""
    async with aiohttp.ClientSession(connector=_SilentFailure()) as session:
        with pytest.raises(StatusPageConnectionError) as caught:
            await fetch(session, "http://127.0.0.1:9/x.json")
    assert re.fullmatch(r"Cannot read http://127\.0\.0\.1:9/x\.json: \w+Error", str(caught.value))
