"""A status page that misbehaves on purpose: the loopback server of the tests, plus faults.

``FaultServer`` serves ordinary routes exactly as ``StatusPageServer`` does (real
ETag / Last-Modified / 304) and lets a test replace any path with a fault:
a request that never gets an answer, a body that stops or trickles, a connection
reset half way, a stream of any size generated on the fly (so a 50 MiB body costs
the test no memory), validators that misbehave. ``RawServer`` answers with raw
bytes for faults HTTP cannot express (a broken status line, endless headers).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
import itertools
from typing import TYPE_CHECKING, Final

from aiohttp import web

from tests.status_page_server import Hit, StatusPageServer

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    type Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# A hanging handler gives up after this long at the latest, so nothing outlives a test.
MAX_HANG: Final = 10.0
_FILLER: Final = b"x" * (64 * 1024)


@dataclass
class Stream:
    """How a generated body is sent."""

    size: int
    declare_length: bool = True
    chunk: int = 64 * 1024
    prefix: bytes = b'{"page": {"id": "p", "name": "'
    sent: int = field(default=0, init=False)


class FaultServer(StatusPageServer):
    """``StatusPageServer`` on any loopback address, with per-path faults."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        """Serve on ``host`` (any 127.x address is loopback on Linux)."""
        super().__init__()
        self.host = host
        self.faults: dict[str, Handler] = {}
        self._release = asyncio.Event()
        self._fault_runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """Base URL of the page."""
        return f"http://{self.host}:{self.port}"

    async def start(self, port: int = 0) -> None:
        """Listen on ``host``; stopping never waits for a hanging handler."""
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._fault_runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._fault_runner.setup()
        await web.TCPSite(self._fault_runner, self.host, port).start()
        self.port = self._fault_runner.addresses[0][1]

    async def stop(self) -> None:
        """Release every hanging handler, then stop listening."""
        self._release.set()
        if self._fault_runner is not None:
            await self._fault_runner.cleanup()
            self._fault_runner = None

    def clear(self, path: str) -> None:
        """Serve ``path`` normally again."""
        self.faults.pop(path, None)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        fault = self.faults.get(request.path)
        if fault is None:
            return await self._handle(request)
        self.hits.append(Hit(request.path, dict(request.headers), -1))
        try:
            return await fault(request)
        except ConnectionError:
            # The client gave up (a timeout or a size cap did its job): nobody to answer.
            return web.Response(status=499)

    async def _hang(self, seconds: float = MAX_HANG) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._release.wait(), min(seconds, MAX_HANG))

    # --- Faults ---------------------------------------------------------------------------

    def hang(self, path: str) -> None:
        """Accept the request and never answer it."""

        async def handler(_request: web.Request) -> web.StreamResponse:
            await self._hang()
            return web.Response(status=504)

        self.faults[path] = handler

    def stall_body(self, path: str, body: bytes, sent: int) -> None:
        """Send the headers and the first ``sent`` bytes of ``body``, then nothing more."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            response.content_length = len(body)
            await response.prepare(request)
            await response.write(body[:sent])
            await self._hang()
            return response

        self.faults[path] = handler

    def trickle(self, path: str, body: bytes, interval: float, step: int = 1) -> None:
        """Slow-loris: send ``body`` ``step`` bytes at a time, ``interval`` seconds apart."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            response.content_length = len(body)
            await response.prepare(request)
            for start in range(0, len(body), step):
                await response.write(body[start : start + step])
                await asyncio.sleep(interval)
            await response.write_eof()
            return response

        self.faults[path] = handler

    def reset_mid_body(self, path: str, body: bytes, sent: int) -> None:
        """Declare the whole body, send ``sent`` bytes of it, then drop the connection."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            response.content_length = len(body)
            await response.prepare(request)
            await response.write(body[:sent])
            await asyncio.sleep(0.01)  # let the partial body leave before the reset
            if request.transport is not None:
                request.transport.abort()
            return response

        self.faults[path] = handler

    def stream(self, path: str, spec: Stream) -> None:
        """A body of ``spec.size`` bytes made on the fly; chunked unless its length is declared."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            if spec.declare_length:
                response.content_length = spec.size
            else:
                response.enable_chunked_encoding()
            await response.prepare(request)
            await response.write(spec.prefix)
            spec.sent = len(spec.prefix)
            while spec.sent < spec.size:
                piece = _FILLER[: min(spec.chunk, spec.size - spec.sent)]
                await response.write(piece)
                spec.sent += len(piece)
            await response.write_eof()
            return response

        self.faults[path] = handler

    def rotate_etag(self, path: str) -> None:
        """A new strong ETag on every response, though the body never changes (no 304 ever)."""
        counter = itertools.count()

        async def handler(_request: web.Request) -> web.StreamResponse:
            route = self.routes[path]
            headers = {"ETag": f'"{next(counter)}"', "Content-Type": route.content_type}
            return web.Response(body=route.body, headers=headers)

        self.faults[path] = handler

    def always_not_modified(self, path: str, etag: str | None = None) -> None:
        """Answer 304 to everything, conditional or not (a broken cache in front of the page)."""

        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(status=304, headers={"ETag": etag} if etag else None)

        self.faults[path] = handler


class RawServer:
    """A TCP server that answers every connection with fixed bytes, optionally trickled."""

    def __init__(self, payload: bytes, *, interval: float = 0.0, step: int = 1) -> None:
        """Send ``payload`` then close; with ``interval``, ``step`` bytes at a time."""
        self.payload = payload
        self.interval = interval
        self.step = step
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Listen on a free loopback port."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 1)
            if not self.interval:
                writer.write(self.payload)
                await writer.drain()
            else:
                for start in range(0, len(self.payload), self.step):
                    writer.write(self.payload[start : start + self.step])
                    await writer.drain()
                    await asyncio.sleep(self.interval)
        except ConnectionError:
            pass
        finally:
            writer.close()
            if task is not None:
                self._tasks.discard(task)

    async def stop(self) -> None:
        """Stop listening and end every open connection."""
        if self._server is not None:
            self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None
