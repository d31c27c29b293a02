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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
import gzip
from hashlib import md5
import html
import json
import resource
import signal
import sys
import time
from typing import TYPE_CHECKING, Any, Final

from aiohttp import web

from tests.status_page_server import LIFECYCLE, demo_incident, fixture

if TYPE_CHECKING:
    from collections.abc import Iterable

SUMMARY_FIXTURES: Final = (
    "github_summary_all_operational_2026-08-22.json",
    "github_summary_3_unresolved_incidents_2026-02-09.json",
    "github_summary_nbsp_br_in_body_2026-08-07.json",
)
INCIDENTS_FIXTURE: Final = "emma_incidents_2019_extracted.json"
ATOM_FIXTURES: Final = (
    "github_history_2025-07-08_with_maintenance.atom",
    "github_history_2026-08-22_spaced_markup.atom",
)
DOCS: Final = ("summary", "incidents", "atom")
JSON_TYPE: Final = "application/json; charset=utf-8"
ATOM_TYPE: Final = "application/atom+xml; charset=utf-8"


def page_id(n: int) -> str:
    """The Statuspage id of page ``n`` (12 lowercase characters, like a real one)."""
    return f"bench{n:07d}"


def doc_path(n: int, doc: str) -> str:
    """The path of one document of page ``n``."""
    return {
        "summary": f"/p/{n}/api/v2/summary.json",
        "incidents": f"/p/{n}/api/v2/incidents.json",
        "atom": f"/p/{n}/history.atom",
    }[doc]


@dataclass(slots=True)
class Doc:
    """One served representation: body, validators, and its gzip form made on first demand."""

    body: bytes
    content_type: str
    modified: datetime
    etag: str = ""
    last_modified: str = ""
    gz: bytes | None = None

    def __post_init__(self) -> None:
        """Derive the validators from the body and the modification time."""
        self.etag = f'W/"{md5(self.body, usedforsecurity=False).hexdigest()}"'
        self.last_modified = format_datetime(self.modified, usegmt=True)

    def gzipped(self) -> bytes:
        """The gzip-encoded body (cached)."""
        if self.gz is None:
            self.gz = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self.gz


class _Templates:
    """The fixtures, loaded and pre-encoded once for every page."""

    def __init__(self) -> None:
        self.summaries = [json.loads(fixture(name)) for name in SUMMARY_FIXTURES]
        incidents = json.loads(fixture(INCIDENTS_FIXTURE))["incidents"]
        self.incidents_inner = b",".join(json.dumps(i).encode() for i in incidents)
        # The real entries (and the closing tag) of each feed; the header is made per page.
        self.atom_entries = [
            b"<entry>" + fixture(name).partition(b"<entry>")[2] for name in ATOM_FIXTURES
        ]


_TEMPLATES: _Templates | None = None


def templates() -> _Templates:
    """The shared templates (loaded on first use)."""
    global _TEMPLATES  # noqa: PLW0603  # a module-wide cache of read-only data
    if _TEMPLATES is None:
        _TEMPLATES = _Templates()
    return _TEMPLATES


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class Page:
    """One status page of the farm and where it is in its incident lifecycle."""

    n: int
    port: int = 0
    stage: int | None = None
    cycle: int = 0
    modified: datetime = field(
        default_factory=lambda: datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    )
    cycle_start: datetime = field(default_factory=lambda: datetime.now(UTC))
    docs: dict[str, Doc] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The page's Statuspage id."""
        return page_id(self.n)

    @property
    def meta(self) -> dict[str, Any]:
        """The ``page`` object of the page's JSON documents."""
        return {
            "id": self.id,
            "name": f"Provider {self.n}",
            "url": f"http://127.0.0.1:{self.port}/p/{self.n}",
            "time_zone": "Etc/UTC",
            "updated_at": _iso(self.modified),
        }

    def advance(self) -> None:
        """One more incident update: the next lifecycle stage, or a new incident."""
        if self.stage is None or self.stage == len(LIFECYCLE) - 1:
            self.cycle += 1
            self.stage = 0
            self.cycle_start = datetime.now(UTC).replace(microsecond=0)
        else:
            self.stage += 1
        now = datetime.now(UTC).replace(microsecond=0)
        # Last-Modified has one-second resolution: every change must move it.
        self.modified = max(now, self.modified + timedelta(seconds=1))
        self.build()

    def _incident(self) -> dict[str, Any] | None:
        if self.stage is None:
            return None
        incident = demo_incident(self.stage, f"c{self.cycle:03d}p{self.n:07d}", self.cycle_start)
        incident["page_id"] = self.id
        incident["shortlink"] = (
            f"http://127.0.0.1:{self.port}/p/{self.n}/incidents/{incident['id']}"
        )
        return incident

    def build(self) -> None:
        """(Re)build the three documents from the templates and the lifecycle state."""
        tpl = templates()
        meta = self.meta
        incident = self._incident()
        summary = dict(tpl.summaries[self.n % len(tpl.summaries)])
        summary["page"] = meta
        if incident is not None and incident["status"] != "resolved":
            summary["incidents"] = [incident, *summary["incidents"]]
            summary["status"] = {"indicator": "major", "description": "Partial System Outage"}
        self.docs["summary"] = Doc(json.dumps(summary).encode(), JSON_TYPE, self.modified)
        first = json.dumps(incident).encode() + b"," if incident is not None else b""
        incidents = (
            b'{"page":' + json.dumps(meta).encode() + b',"incidents":['
            + first + tpl.incidents_inner + b"]}"
        )  # fmt: skip
        self.docs["incidents"] = Doc(incidents, JSON_TYPE, self.modified)
        self.docs["atom"] = Doc(self._atom(incident), ATOM_TYPE, self.modified)

    def _atom(self, incident: dict[str, Any] | None) -> bytes:
        tpl = templates()
        entries = tpl.atom_entries[self.n % len(tpl.atom_entries)]
        base = f"http://127.0.0.1:{self.port}/p/{self.n}"
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <id>tag:{self.id}.bench,2005:/history</id>\n"
            f'  <link rel="alternate" type="text/html" href="{base}"/>\n'
            f'  <link rel="self" type="application/atom+xml" href="{base}/history.atom"/>\n'
            f"  <title>Provider {self.n} Status - Incident History</title>\n"
            f"  <updated>{_iso(self.modified)}</updated>\n"
            f"  <author>\n    <name>Provider {self.n}</name>\n  </author>\n  "
        )
        entry = ""
        if incident is not None:
            content = "".join(
                f"<p><small>{u['created_at']}</small><br><strong>{u['status'].title()}</strong>"
                f" - {u['body']}</p>"
                for u in incident["incident_updates"]
            )
            entry = (
                f"<entry>\n    <id>tag:{self.id}.bench,2005:Incident/{incident['id']}</id>\n"
                f"    <published>{_iso(self.cycle_start)}</published>\n"
                f"    <updated>{_iso(self.modified)}</updated>\n"
                f'    <link rel="alternate" type="text/html" href="{incident["shortlink"]}"/>\n'
                f"    <title>{html.escape(incident['name'])}</title>\n"
                f'    <content type="html">{html.escape(content)}</content>\n  </entry>\n  '
            )
        return head.encode() + entry.encode() + entries


@dataclass(slots=True)
class Stats:
    """What crossed the page ports."""

    requests: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    connections: int = 0
    status: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "requests": self.requests,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "connections": self.connections,
            "status": dict(self.status),
        }


class _CountingTransport:
    """Delegates to the real transport and counts what is written."""

    def __init__(self, transport: asyncio.Transport, stats: Stats) -> None:
        self._transport = transport
        self._stats = stats

    def write(self, data: bytes) -> None:
        self._stats.bytes_out += len(data)
        self._transport.write(data)

    def writelines(self, chunks: Iterable[bytes]) -> None:
        chunks = list(chunks)
        self._stats.bytes_out += sum(len(c) for c in chunks)
        self._transport.writelines(chunks)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _CountingProtocol(asyncio.Protocol):
    """Wraps aiohttp's request handler, counting the bytes read."""

    def __init__(self, inner: asyncio.Protocol, stats: Stats) -> None:
        self._inner = inner
        self._stats = stats

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._stats.connections += 1
        counting = _CountingTransport(transport, self._stats)  # type: ignore[arg-type]
        self._inner.connection_made(counting)  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        self._stats.bytes_in += len(data)
        self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self._inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()


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
            return _CountingProtocol(server(), self.stats)

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
