"""The console tracker against a local page that changes while it runs."""

from __future__ import annotations

import asyncio
from dataclasses import replace
import io
from pathlib import Path
import sys
from typing import TYPE_CHECKING

import pytest

from custom_components.status_tracker.client import (
    AffectedComponent,
    ComponentStatus,
    NewUpdate,
    cli,
)
from tests.client.diff_builders import incident, update
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from tests.status_page_server import StatusPageServer


class _Output(io.StringIO):
    """What the tracker prints, telling when its first line came."""

    def __init__(self) -> None:
        super().__init__()
        self.printed = asyncio.Event()

    def write(self, text: str, /) -> int:
        self.printed.set()
        return super().write(text)


async def test_watch_prints_each_new_update_once(status_page: StatusPageServer) -> None:
    serve_stage(status_page, None)
    out = _Output()

    async def move_on() -> None:
        # The page changes only once the first round has printed it (a slow machine's first
        # round can outlast a fixed pause).
        await out.printed.wait()
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


async def test_console_command(status_page: StatusPageServer) -> None:
    """The installed ``status-tracker`` command, as a user runs it."""
    serve_stage(status_page, 1)
    command = Path(sys.executable).parent / "status-tracker"
    process = await asyncio.create_subprocess_exec(
        command, "watch", status_page.url, "--rounds", "1", "--interval", "0.1",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert stdout.decode().splitlines()[0] == (
        "Demo Cloud: Partial System Outage (1 active incidents, via statuspage)"
    )


async def test_main_parses_the_command_and_prints_to_stdout(
    status_page: StatusPageServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """``status-tracker watch URL --rounds 1``, run in-process (its own event loop)."""
    serve_stage(status_page, 1)
    argv = ["watch", status_page.url, "--rounds", "1", "--interval", "0"]
    assert await asyncio.to_thread(cli.main, argv) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Demo Cloud: Partial System Outage (1 active incidents, via statuspage)"
    )


def test_watch_needs_a_url() -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["watch"])
    assert exited.value.code == 2  # argparse's usage error


def test_an_update_line_names_its_components_and_omits_a_missing_link() -> None:
    posted = update("u1", 90)
    named = replace(
        posted,
        affected_components=(
            AffectedComponent(
                id="c1", name="API", new_status=ComponentStatus.MAJOR_OUTAGE, new_status_raw="x"
            ),
        ),
    )
    line = cli.format_update("Demo", NewUpdate(incident=incident("Outage", named), update=named))
    assert line == "[2026-01-01 01:30 UTC] Demo | Outage | update (minor impact) | API\n    u1"
