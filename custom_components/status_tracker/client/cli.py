"""``status-tracker watch URL [URL ...]``: print new incident updates as they come.

Each page runs in its own task, so one page failing (offline, 500, garbage)
never stops the others; its errors are printed and it is tried again next round.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import TYPE_CHECKING, TextIO

import aiohttp

from .detect import detect_source
from .errors import StatusPageError
from .tracker import PageTracker
from .view import view_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .models import NewUpdate, Snapshot


def format_update(page: str, new: NewUpdate) -> str:
    """One update as a terminal line plus its body, indented."""
    view = view_of(new)
    when = new.update.display_at.strftime("%Y-%m-%d %H:%M UTC")
    impact = "" if view.impact in {"unknown", "none"} else f" ({view.impact} impact)"
    parts = [f"[{when}] {page} | {view.incident_name} | {view.status_raw}{impact}"]
    if view.affected_components:
        parts.append(", ".join(view.affected_components))
    if view.shortlink:
        parts.append(view.shortlink)
    body = "\n".join(f"    {line}" for line in view.body.splitlines() if line)
    return " | ".join(parts) + (f"\n{body}" if body else "")


def format_state(snapshot: Snapshot) -> str:
    """The page's state in one line, printed once when watching starts."""
    active = len(snapshot.active_incidents)
    description = snapshot.description or str(snapshot.status).replace("_", " ")
    return f"{snapshot.page.name}: {description} ({active} active incidents, via {snapshot.source})"


async def watch_page(
    session: aiohttp.ClientSession, url: str, interval: float, out: TextIO, rounds: int | None
) -> None:
    """Detect ``url``'s source, then poll it forever (or ``rounds`` times) printing new updates."""
    tracker: PageTracker | None = None
    name = url
    done = 0
    while rounds is None or done < rounds:
        done += 1
        try:
            if tracker is None:
                detection = await detect_source(session, url)
                tracker = PageTracker(session, detection.source)
            first = tracker.seen is None
            result = await tracker.poll()
        except StatusPageError as err:
            print(f"{name}: {err}", file=sys.stderr, flush=True)  # noqa: T201
        else:
            name = result.snapshot.page.name or name
            if first:
                print(format_state(result.snapshot), file=out, flush=True)
            for new in result.new_updates:
                print(format_update(name, new), file=out, flush=True)
        if rounds is None or done < rounds:
            await asyncio.sleep(interval)


async def watch(
    urls: Sequence[str], interval: float, out: TextIO | None = None, rounds: int | None = None
) -> None:
    """Watch every page concurrently on one HTTP session (printing to ``out`` or stdout)."""
    # stdout is looked up now, not when this module was imported (it may have been replaced).
    to = out or sys.stdout
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(watch_page(session, url, interval, to, rounds) for url in urls))


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``watch`` and its options."""
    parser = argparse.ArgumentParser(prog="status-tracker", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    watch_cmd = commands.add_parser("watch", help="print new incident updates of status pages")
    watch_cmd.add_argument("urls", nargs="+", metavar="URL", help="status page or feed URL")
    watch_cmd.add_argument(
        "--interval", type=float, default=60.0, help="seconds between polls (default 60, min 1)"
    )
    watch_cmd.add_argument("--rounds", type=int, default=None, help="stop after N polls")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console tracker until interrupted."""
    args = build_parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(watch(args.urls, max(1.0, args.interval), rounds=args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
