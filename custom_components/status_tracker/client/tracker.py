"""``PageTracker``: one page end to end, one call per poll; and its versioned stored state.

    tracker.poll()
      reader: each document of the entry's platform fetched conditionally (304: nothing
              parsed), changed ones read by the platform, the snapshot merged once
      diff:   new updates against the seen record, oldest first (re-keyed pages and a
              rebuilt record fire nothing old)
      -> TrackResult(snapshot to show, new updates, unchanged, rekeyed, moved_to)

The Home Assistant coordinator and the ``status-tracker`` console both drive it; what
they do with a result (fire events, print lines) is theirs.

Stored state, format version 3 (``TrackerState.to_dict``)::

    {"version": 3,
     "documents": {URL: {"validators": {"etag", "last_modified", "body_hash"},
                         "part": Snapshot}},      # what was kept of the document's parse
     "seen": {incident id: {"updates": [update ids], "last_seen": ISO 8601}} | null,
     "held": [NewUpdate]}                         # recorded, not yet reported (holddown.py)

Version 2 had no ``"held"`` (nothing was ever held back); it reads as version 3 with
nothing held. Version 1 (release 0.1.0) had the documents under ``"reader"`` and no
version; it reads the same way, with nothing lost, so an upgrade re-fires nothing and
keeps validators. A held update that cannot be read is dropped with a warning: it was
recorded as seen, so it is lost rather than fired twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime  # noqa: TC003  # a dataclass field's type
import logging
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from .detect import page_base
from .diff import SeenUpdates, detect_changes
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from .models import NewUpdate
from .reader import EndpointState, PageReader, ReaderState
from .serialize import from_data, to_data

if TYPE_CHECKING:
    import aiohttp

    from .models import Snapshot
    from .source import Source

_LOGGER = logging.getLogger(__name__)
STATE_VERSION: Final = 3


@dataclass(slots=True, kw_only=True)
class TrackerState:
    """What survives a restart: each document's validators and kept parse, the seen keys."""

    documents: dict[str, EndpointState] = field(default_factory=dict)
    seen: SeenUpdates | None = None
    # Updates recorded as seen but held back (hold-down), oldest first.
    held: tuple[NewUpdate, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The stored form (module docstring).

        A document's state stays a dataclass: orjson (Home Assistant's store encoder)
        writes it in C, a tenth of the time of building dicts first; ``serialize.to_data``
        gives the same as plain values.
        """
        return {
            "version": STATE_VERSION,
            "documents": self.documents,
            "seen": self.seen.to_dict() if self.seen is not None else None,
            "held": to_data(self.held),
        }

    @classmethod
    def from_dict(cls, data: Any) -> TrackerState:
        """Read any stored version; what cannot be read is dropped with a warning, never fatal.

        Lost validators mean one unconditional poll; lost seen keys are rebuilt from the
        kept parse (see ``PageTracker``), so neither fires anything old.
        """
        if not isinstance(data, dict):
            return cls()
        version = data.get("version", 1)
        if version == 1:
            documents = data.get("reader")
        elif version in {2, STATE_VERSION}:
            documents = data.get("documents")
        else:
            _LOGGER.warning("Stored state has unknown version %r; starting afresh", version)
            return cls()
        seen: SeenUpdates | None = None
        if (seen_data := data.get("seen")) is not None:
            try:
                seen = SeenUpdates.from_dict(seen_data)
            except ValueError as err:
                _LOGGER.warning("Ignoring stored update keys: %s", err)
        return cls(
            documents=ReaderState.from_dict(documents).endpoints,
            seen=seen,
            held=_held(data.get("held")),
        )


def _held(data: Any) -> tuple[NewUpdate, ...]:
    """Stored held updates; versions before 3 held none."""
    held: list[NewUpdate] = []
    for item in data if isinstance(data, list) else ():
        try:
            held.append(from_data(NewUpdate, item))
        except ValueError as err:
            _LOGGER.warning("Dropping an unreadable held update: %s", err)
    return tuple(held)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackResult:
    """What one poll found."""

    # The page as kept between polls (open incidents, the newest closed ones).
    snapshot: Snapshot
    # Updates seen for the first time, oldest first.
    new_updates: tuple[NewUpdate, ...] = ()
    # Every document answered "unchanged": nothing was parsed or diffed.
    unchanged: bool = False
    # New update keys were recorded (whether or not the caller shows them): save soon.
    recorded: bool = False
    # Every incident id changed at once (a platform migration): re-baselined silently.
    rekeyed: bool = False
    # The page answered a permanent redirect to another host: its new base address.
    moved_to: str | None = None


class PageTracker:
    """Polls one page and tells what is new; resumes from a ``TrackerState``."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        source: Source,
        state: TrackerState | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Read ``source`` with ``session``, resuming from ``state`` when given."""
        state = state or TrackerState()
        # Documents the source no longer reads (its address changed) are forgotten.
        documents = {url: doc for url, doc in state.documents.items() if url in source.endpoints}
        self.reader = PageReader(
            session,
            source,
            ReaderState(endpoints=documents),
            max_bytes=max_bytes,
            timeout=timeout,
        )
        self.seen = state.seen
        # Recorded but not yet reported: the caller's hold-down decides when (holddown.py).
        self.held = state.held
        # Updates at or before this time are recorded without being reported (see below).
        self._quiet_until: datetime | None = None
        restored = self.reader.snapshot
        if self.seen is None and restored is not None:
            # The update keys were lost but the last parse was not: what it shows was seen,
            # so updates published since are still reported instead of vanishing into a
            # baseline. The parse kept only the newest closed incidents; older ones the page
            # still lists were seen too, and are known by being older than anything it shows.
            self.seen = detect_changes(None, restored).seen
            self._quiet_until = max(
                (u.display_at for i in (*restored.incidents, *restored.maintenances)
                 for u in i.updates),
                default=None,
            )  # fmt: skip

    @property
    def source(self) -> Source:
        """Where the page is read from."""
        return self.reader.source

    @property
    def snapshot(self) -> Snapshot | None:
        """The page as kept (from this run or the stored state), if every document was read."""
        return self.reader.snapshot

    @property
    def parse_count(self) -> int:
        """Documents parsed since this tracker started (a 304 or an unchanged body is not)."""
        return self.reader.parse_count

    @property
    def state(self) -> TrackerState:
        """The state to store."""
        return TrackerState(documents=self.reader.state.endpoints, seen=self.seen, held=self.held)

    def to_dict(self) -> dict[str, Any]:
        """The state in its stored form."""
        return self.state.to_dict()

    async def poll(self, now: datetime | None = None) -> TrackResult:
        """Fetch what may have changed and tell what is new; raise ``StatusPageError`` on failure.

        The first poll without a seen record is a silent baseline.
        """
        whole = await self.reader.poll()
        moved_to = self._moved_to()
        if whole is None:
            # The reader answers "unchanged" only when it holds a parse of every document.
            shown = self.reader.snapshot
            assert shown is not None  # noqa: S101  # see above
            return TrackResult(snapshot=shown, unchanged=True, moved_to=moved_to)
        changes = detect_changes(self.seen, whole, now, whole=self.reader.whole)
        self.seen = changes.seen
        quiet, self._quiet_until = self._quiet_until, None
        new = tuple(
            update
            for update in changes.new_updates
            if quiet is None or update.update.display_at > quiet
        )
        # What is shown is what the reader kept, not the whole parse diffed: that is freed now.
        shown = self.reader.snapshot
        assert shown is not None  # noqa: S101  # every document was just read or kept
        return TrackResult(
            snapshot=shown,
            new_updates=new,
            recorded=bool(changes.new_updates),
            rekeyed=changes.rekeyed,
            moved_to=moved_to,
        )

    def _moved_to(self) -> str | None:
        """A permanent redirect to another host means the page moved (one on its host: not)."""
        moved = self.reader.moved_to
        if moved and urlsplit(moved).netloc != urlsplit(self.source.page_url).netloc:
            return page_base(moved)
        return None
