"""A status-page farm: one aiohttp server on 127.0.0.1 serving N distinct Statuspage pages.

Every page has its own path prefix (``/p/<n>/``) and, by default, its own listening port, so a
client's per-host connection limit treats the pages as the N different hosts they are in real
life. Each page serves::

    /p/<n>/api/v2/summary.json     GitHub's real summary (6-32 KB, three variants)
    /p/<n>/api/v2/incidents.json   a real incidents.json window (22 incidents, ~150 KB)
    /p/<n>/history.atom            GitHub's real history feed (61-97 KB, two variants)

with strong-enough ETags, Last-Modified, 304 on If-None-Match / If-Modified-Since, and gzip when
the client accepts it (as Statuspage's CDN does). Bodies are page-specific (page id, name, URL).
``advance`` moves chosen pages one step through an incident lifecycle (investigating ->
identified -> monitoring -> resolved, then a new incident), which adds exactly one new incident
update to summary.json/incidents.json and one newer entry to history.atom.

Every byte the server reads or writes on a page port is counted at the transport.

Run it as a process (``python -m benchmarks.farm --pages 1000``): it prints one JSON line with its
control port, then serves until SIGTERM. The control API (on its own port, not counted):
``GET /info``, ``GET /stats``, ``POST /reset``, ``POST /advance`` ``{"pages": [n, ...]}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from email.utils import parsedate_to_datetime
import json
import resource
import signal
import sys
import time

from aiohttp import web

from benchmarks.pages import DOCS, Doc, Page, doc_path
from benchmarks.traffic import CountingProtocol, Stats


class Farm:
    """N pages behind one aiohttp server."""

    def __init__(self, pages: int, *, keep_alive: bool = False, shared_port: bool = False) -> None:
        """Serve ``pages`` pages; unless ``keep_alive``, every response closes its connection.

        Closing models a 60 s poll interval: by the next poll an idle connection is gone
        (aiohttp's client keeps idle ones 15 s), so every round opens new connections.
        """
        self.pages = [Page(n) for n in range(pages)]
        self.keep_alive = keep_alive
        self.shared_port = shared_port
        self.stats = Stats()
        self._paths: dict[str, tuple[Page, str]] = {}
        self._runner: web.AppRunner | None = None
        self._servers: list[asyncio.Server] = []
        self._control: web.AppRunner | None = None
        self.control_port = 0

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.stats.requests += 1
        found = self._paths.get(request.path)
        if found is None:
            return self._count(web.Response(status=404, text="not found"))
        page, name = found
        doc = page.docs[name]
        headers = {
            "ETag": doc.etag,
            "Last-Modified": doc.last_modified,
            "Cache-Control": "max-age=0, private, must-revalidate",
            "Vary": "Accept-Encoding",
        }
        if self._not_modified(request, doc):
            return self._count(web.Response(status=304, headers=headers))
        headers["Content-Type"] = doc.content_type
        body = doc.body
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body = doc.gzipped()
            headers["Content-Encoding"] = "gzip"
        return self._count(web.Response(body=body, headers=headers))

    def _count(self, response: web.Response) -> web.Response:
        if not self.keep_alive:
            # "Connection: close": no reuse across rounds, as with a real 60 s interval (the
            # client keeps idle connections 15 s), and no race with an idle-timeout close.
            response.force_close()
        key = str(response.status)
        self.stats.status[key] = self.stats.status.get(key, 0) + 1
        return response

    @staticmethod
    def _not_modified(request: web.Request, doc: Doc) -> bool:
        if (match := request.headers.get("If-None-Match")) is not None:
            return match.removeprefix("W/") == doc.etag.removeprefix("W/")
        if (since := request.headers.get("If-Modified-Since")) is not None:
            try:
                return doc.modified <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    async def start(self) -> None:
        """Listen: one aiohttp server, one port per page (or one shared port)."""
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        server = self._runner.server
        if server is None:
            msg = "aiohttp runner has no server"
            raise RuntimeError(msg)
        loop = asyncio.get_running_loop()

        def factory() -> asyncio.Protocol:
            return CountingProtocol(server(), self.stats)

        shared: int | None = None
        for page in self.pages:
            if shared is None or not self.shared_port:
                listener = await loop.create_server(factory, "127.0.0.1", 0, backlog=1024)
                self._servers.append(listener)
                shared = listener.sockets[0].getsockname()[1]
            page.port = shared
            page.build()
            for name in DOCS:
                self._paths[doc_path(page.n, name)] = (page, name)
        await self._start_control()

    async def _start_control(self) -> None:
        app = web.Application()
        app.router.add_get("/info", self._info)
        app.router.add_get("/stats", self._stats)
        app.router.add_post("/reset", self._reset)
        app.router.add_post("/advance", self._advance)
        self._control = web.AppRunner(app, access_log=None)
        await self._control.setup()
        site = web.TCPSite(self._control, "127.0.0.1", 0)
        await site.start()
        self.control_port = self._control.addresses[0][1]

    async def _info(self, _request: web.Request) -> web.Response:
        sizes = {
            name: sum(len(p.docs[name].body) for p in self.pages) / len(self.pages) for name in DOCS
        }
        return web.json_response({
            "pages": [{"n": p.n, "id": p.id, "port": p.port} for p in self.pages],
            "mean_body_bytes": sizes,
        })  # fmt: skip

    async def _stats(self, _request: web.Request) -> web.Response:
        return web.json_response(self.stats.as_dict())

    async def _reset(self, _request: web.Request) -> web.Response:
        old = self.stats.as_dict()
        self.stats.requests = self.stats.bytes_in = self.stats.bytes_out = 0
        self.stats.connections = 0
        self.stats.status.clear()
        return web.json_response(old)

    async def _advance(self, request: web.Request) -> web.Response:
        numbers = (await request.json())["pages"]
        for n in numbers:
            self.pages[n].advance()
        return web.json_response({"changed": len(numbers), "time": time.time()})

    async def stop(self) -> None:
        """Stop listening."""
        for listener in self._servers:
            listener.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._control is not None:
            await self._control.cleanup()


def raise_fd_limit() -> None:
    """Lift the soft open-file limit to the hard one (thousands of sockets)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _serve(pages: int, *, shared_port: bool, keep_alive: bool) -> None:
    raise_fd_limit()
    farm = Farm(pages, shared_port=shared_port, keep_alive=keep_alive)
    await farm.start()
    print(json.dumps({"control": farm.control_port, "pages": pages}), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # Bounded: a farm left behind by a crashed parent ends by itself.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=6 * 3600)
    await farm.stop()


def main(argv: list[str] | None = None) -> None:
    """Run the farm until SIGTERM."""
    parser = argparse.ArgumentParser(description="Status-page farm on 127.0.0.1")
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--shared-port", action="store_true", help="all pages on one port")
    parser.add_argument("--keep-alive", action="store_true", help="let clients reuse connections")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args.pages, shared_port=args.shared_port, keep_alive=args.keep_alive))


if __name__ == "__main__":
    main(sys.argv[1:])
