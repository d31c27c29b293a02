"""A status page on loopback: real aiohttp serving, real ETag / Last-Modified / 304.

Tests point the client or a real Home Assistant at it; ``scripts/develop``
runs it as the offline demo page (``python -m tests.status_page_server``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from hashlib import md5
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from collections.abc import Callable

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    """A payload from tests/fixtures."""
    return (FIXTURES / name).read_bytes()


def fixture_json(name: str) -> Any:
    """A JSON payload from tests/fixtures, decoded (to vary it)."""
    return json.loads(fixture(name))


def json_bytes(value: Any) -> bytes:
    """``value`` as the body a page serves."""
    return json.dumps(value).encode()


@dataclass
class Route:
    """What one path answers."""

    body: bytes
    content_type: str = "application/json; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = "weak"  # "weak", "strong" or None
    last_modified: bool = False
    modified_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    def tag(self) -> str | None:
        """The ETag for the current body."""
        if self.etag is None:
            return None
        digest = md5(self.body, usedforsecurity=False).hexdigest()
        return f'W/"{digest}"' if self.etag == "weak" else f'"{digest}"'


@dataclass
class Hit:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    status: int


class StatusPageServer:
    """Serves ``routes``; records every request; 404 for anything else."""

    def __init__(self) -> None:
        """Start with no routes."""
        self.routes: dict[str, Route] = {}
        # POST paths that do something to the page (the demo's "move on now").
        self.actions: dict[str, Callable[[], None]] = {}
        self.hits: list[Hit] = []
        self.delay = 0.0
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """Base URL of the page."""
        return f"http://127.0.0.1:{self.port}"

    def set(
        self, path: str, body: bytes | str | dict[str, Any] | list[Any], **options: Any
    ) -> Route:
        """Serve ``body`` at ``path`` (dicts, lists as JSON); a new body: a new ETag and date."""
        data = body if isinstance(body, bytes) else (
            body.encode() if isinstance(body, str) else json.dumps(body).encode()
        )  # fmt: skip
        old = self.routes.get(path)
        route = Route(body=data, **options)
        if old is not None and old.body == data and "modified_at" not in options:
            route.modified_at = old.modified_at
        elif old is not None and "modified_at" not in options:
            route.modified_at = max(route.modified_at, old.modified_at + timedelta(seconds=1))
        self.routes[path] = route
        return route

    def requests(self, path: str) -> list[Hit]:
        """Requests made for ``path``."""
        return [hit for hit in self.hits if hit.path == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self.delay:
            await asyncio.sleep(self.delay)
        route = self.routes.get(request.path)
        if route is None:
            self.hits.append(Hit(request.path, dict(request.headers), 404))
            return web.Response(status=404, text="<html>Not found</html>", content_type="text/html")
        headers = dict(route.headers)
        tag = route.tag()
        if tag:
            headers["ETag"] = tag
        if route.last_modified:
            headers["Last-Modified"] = format_datetime(route.modified_at, usegmt=True)
        status = route.status
        if status == 200 and self._not_modified(request, route, tag):
            status = 304
        self.hits.append(Hit(request.path, dict(request.headers), status))
        if status == 304:
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = route.content_type
        return web.Response(status=status, body=route.body, headers=headers)

    @staticmethod
    def _not_modified(request: web.Request, route: Route, tag: str | None) -> bool:
        if (match := request.headers.get("If-None-Match")) is not None:
            return tag is not None and match.removeprefix("W/") == tag.removeprefix("W/")
        since = request.if_modified_since
        return route.last_modified and since is not None and route.modified_at <= since

    async def _act(self, request: web.Request) -> web.Response:
        action = self.actions.get(request.path)
        if action is None:
            return web.Response(status=404)
        action()
        return web.Response(status=204)

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1 (a free port unless given)."""
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        app.router.add_route("POST", "/{tail:.*}", self._act)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()


# --- A demo page walking through an incident lifecycle -------------------------------------

DEMO_PAGE = {
    "id": "demo0page001",
    "name": "Demo Cloud",
    "url": "http://127.0.0.1",
    "time_zone": "Etc/UTC",
}
DEMO_COMPONENTS = [
    ("api00000001a", "API"),
    ("web00000001w", "Website"),
    ("db000000001d", "Database"),
]
LIFECYCLE = (
    ("investigating", "We are investigating elevated error rates on the API.", "partial_outage"),
    ("identified", "The issue has been identified: a faulty <b>database</b> failover.",
     "partial_outage"),
    ("monitoring", "A fix has been deployed and we are monitoring the results.",
     "degraded_performance"),
    ("resolved", "This incident has been resolved.", "operational"),
)  # fmt: skip
_T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
_INDICATOR = {"partial_outage": "major", "degraded_performance": "minor", "operational": "none"}
_DESCRIPTION = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
}


def iso(when: datetime) -> str:
    """``when`` as Statuspage writes times (UTC, ``Z``)."""
    return when.isoformat().replace("+00:00", "Z")


def demo_incident(
    stage: int, incident_id: str = "inc000000001", start: datetime = _T0
) -> dict[str, Any]:
    """The demo incident after ``stage`` + 1 updates (0 = investigating ... 3 = resolved)."""
    updates: list[dict[str, Any]] = []
    for number, (status, body, component_status) in enumerate(LIFECYCLE[: stage + 1]):
        when = iso(start + timedelta(minutes=10 * number))
        updates.insert(0, {
            "id": f"{incident_id[:8]}upd{number}",
            "status": status,
            "body": body,
            "incident_id": incident_id,
            "created_at": when,
            "updated_at": when,
            "display_at": when,
            "affected_components": [{
                "code": "api00000001a", "name": "API",
                "old_status": LIFECYCLE[number - 1][2] if number else "operational",
                "new_status": component_status,
            }],
        })  # fmt: skip
    status = LIFECYCLE[stage][0]
    return {
        "id": incident_id,
        "name": "Elevated API error rates",
        "status": status,
        "impact": "major",
        "shortlink": f"https://stspg.io/{incident_id}",
        "created_at": iso(start),
        "updated_at": updates[0]["created_at"],
        "started_at": iso(start),
        "resolved_at": updates[0]["created_at"] if status == "resolved" else None,
        "monitoring_at": None,
        "page_id": DEMO_PAGE["id"],
        "incident_updates": updates,
        "components": [{"id": "api00000001a", "name": "API", "status": LIFECYCLE[stage][2]}],
    }


def demo_documents(stage: int | None, cycle: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """summary.json and incidents.json of the demo page; ``stage=None`` means no incident yet.

    Each ``cycle`` is a new incident (new ids, an hour later), so a looping demo keeps firing.
    """
    start = _T0 + timedelta(hours=cycle - 1)
    incident = demo_incident(stage, f"inc{cycle:09d}", start) if stage is not None else None
    api_status = LIFECYCLE[stage][2] if stage is not None else "operational"
    indicator = _INDICATOR[api_status]
    components = [
        {"id": cid, "name": name, "status": api_status if cid == "api00000001a" else "operational",
         "group": False, "group_id": None, "position": n, "description": None}
        for n, (cid, name) in enumerate(DEMO_COMPONENTS, 1)
    ]  # fmt: skip
    active = [incident] if incident and incident["status"] != "resolved" else []
    summary = {
        "page": DEMO_PAGE,
        "status": {"indicator": indicator, "description": _DESCRIPTION[indicator]},
        "components": components,
        "incidents": active,
        "scheduled_maintenances": [],
    }
    return summary, {"page": DEMO_PAGE, "incidents": [incident] if incident else []}


def serve_stage(server: StatusPageServer, stage: int | None, cycle: int = 1) -> None:
    """Publish the demo page at ``stage`` (of incident number ``cycle``) on ``server``."""
    summary, incidents = demo_documents(stage, cycle)
    server.set("/api/v2/summary.json", summary)
    server.set("/api/v2/incidents.json", incidents)


async def _demo(port: int, step: float) -> None:
    server = StatusPageServer()
    wake = asyncio.Event()
    # The end-to-end run moves the page on at once (to show an open incident).
    server.actions["/_demo/next"] = wake.set
    await server.start(port)
    print(f"Demo status page on {server.url} (a new update every {step:g} s)", flush=True)  # noqa: T201
    stages: list[int | None] = [None, 0, 1, 2, 3]
    cycle = 0
    while True:
        cycle += 1
        for stage in stages:
            serve_stage(server, stage, cycle)
            label = "all operational" if stage is None else LIFECYCLE[stage][0]
            print(f"demo page: {label}", flush=True)  # noqa: T201
            wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), step)


def main() -> None:
    """Run the demo page until interrupted."""
    parser = argparse.ArgumentParser(description="Offline demo status page")
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument("--step", type=float, default=20.0, help="seconds between updates")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_demo(args.port, args.step))


if __name__ == "__main__":
    main()
