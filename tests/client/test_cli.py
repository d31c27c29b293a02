"""The console tracker against a local page that changes while it runs."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

from custom_components.status_tracker.client import cli
from tests.status_page_server import StatusPageServer, serve_stage

if TYPE_CHECKING:
    import pytest


async def test_watch_prints_each_new_update_once(status_page: StatusPageServer) -> None:
    serve_stage(status_page, None)
    out = io.StringIO()

    async def move_on() -> None:
        for stage in (0, 1, 2, 3):
            await asyncio.sleep(0.25)
            serve_stage(status_page, stage)

    await asyncio.gather(
        cli.watch([status_page.url, "http://127.0.0.1:9/"], 0.05, out, rounds=30), move_on()
    )
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("    ")]
    assert lines[0] == "Demo Cloud: All Systems Operational (0 active incidents, via statuspage)"
    updates = lines[1:]
    assert [line.split(" | ")[2] for line in updates] == [
        "investigating (major impact)",
        "identified (major impact)",
        "monitoring (major impact)",
        "resolved (major impact)",
    ]
    assert all("Elevated API error rates" in line and "stspg.io" in line for line in updates)
    assert "    The issue has been identified: a faulty database failover." in out.getvalue()


def test_main_parses_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    async def fake_watch(urls: list[str], interval: float, rounds: int | None = None) -> None:
        calls.append((urls, interval, rounds))

    monkeypatch.setattr(cli, "watch", fake_watch)
    assert cli.main(["watch", "a.test", "b.test", "--interval", "0.1", "--rounds", "2"]) == 0
    assert calls == [(["a.test", "b.test"], 1.0, 2)]
