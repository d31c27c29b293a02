"""A profile of one chosen phase of a worker run (``--profile``), written to a file."""

from __future__ import annotations

import contextlib
from pathlib import Path
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator


class Profile:
    """pyinstrument around one chosen phase (``--profile``); its report goes to a file."""

    def __init__(self, args: argparse.Namespace) -> None:
        """The phase, engine and output file the command line chose."""
        self.phase: str | None = args.profile
        self.out = Path(args.profile_out or f"profile-{args.approach}-{args.profile}.txt")
        self.texts: tuple[str, str] | None = None
        self.engine: str = args.profile_engine

    @contextlib.contextmanager
    def _cprofile(self) -> Iterator[None]:
        """Exact call counts and CPU per function (not wall time).

        pyinstrument samples wall time: on a shared machine a descheduled process charges
        its wait to whatever frame was running. The timer is process CPU, not the thread's:
        since Python 3.12 cProfile sees every thread, and per-thread clocks then disagree.
        Its per-call overhead inflates small functions: read its times as shares and
        per-call costs, not as absolute round CPU.
        """
        import cProfile  # noqa: PLC0415
        import io  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        profiler = cProfile.Profile(timer=time.process_time)
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()
            # The raw statistics too, for pstats queries (callers, callees) afterwards.
            profiler.dump_stats(self.out.with_suffix(".pstats"))
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(80)
            stats.sort_stats("tottime").print_stats(40)
            self.texts = (out.getvalue(), "")

    @contextlib.contextmanager
    def around(self, phase: str) -> Iterator[None]:
        """Profile the block if it is the chosen phase, the first time it runs."""
        if phase != self.phase or self.texts is not None:
            yield
            return
        if self.engine == "cprofile":
            with self._cprofile():
                yield
            return
        from pyinstrument import Profiler  # noqa: PLC0415

        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()
            text = profiler.output_text(unicode=False, color=False, show_all=False)
            self.texts = (text, "")

    def write(self) -> None:
        """Write the report, if a phase was profiled."""
        if self.texts is not None:
            self.out.write_text(self.texts[0])
