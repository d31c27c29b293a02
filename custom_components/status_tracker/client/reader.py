"""Read one status page poll after poll: fetch each endpoint conditionally, parse only what changed.

A Statuspage page is read from two documents: ``summary.json`` (state,
components, open incidents, maintenances) and ``incidents.json`` (the recent
window, which still holds an incident once it is resolved). Each keeps its own
validators and its own last parse, so a change to one never re-parses the other,
and a round where both are unchanged parses nothing.

The first document is asked every poll, the others only while the page is
moving: ``summary.json`` moves with every incident update (its ``page.updated_at``),
so once a round where every document answered 304 has settled the page, a 304 of
the first means the window has nothing new either, and an idle poll costs one
request instead of two. Until then (the documents are cached apart, for ~10-30 s
on Statuspage's CDN, so the window can lag a step), and every ``full_every`` polls
to reconcile, all documents are asked.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
import logging
from typing import TYPE_CHECKING, Any, Final

from .errors import StatusPageHTTPError
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Document, Unchanged, Validators, fetch
from .models import Snapshot  # noqa: TC001  # resolved at run time by serialize.py
from .parsers.dispatch import parse_document
from .serialize import from_data, to_data

if TYPE_CHECKING:
    import aiohttp

    from .models import Incident, Source

_LOGGER = logging.getLogger(__name__)
# Parsing a body this large could hold the event loop for milliseconds: do it in a thread.
EXECUTOR_THRESHOLD: Final = 32 * 1024
# While the first document answers 304, ask the others anyway every this many polls: a
# reconciliation for what it does not show (an edited or late-published window).
FULL_POLL_EVERY: Final = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointState:
    """What we know of one endpoint: how to ask whether it changed, and its last parse."""

    validators: Validators | None = None
    part: Snapshot | None = None


@dataclass(slots=True, kw_only=True)
class ReaderState:
    """The state of all endpoints of a page; stored between runs so restarts poll conditionally."""

    endpoints: dict[str, EndpointState] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for storage."""
        return {url: to_data(state) for url, state in self.endpoints.items()}

    @classmethod
    def from_dict(cls, data: Any) -> ReaderState:
        """Read stored state; an unreadable endpoint is dropped (its next poll is unconditional)."""
        endpoints: dict[str, EndpointState] = {}
        for url, item in (data or {}).items() if isinstance(data, dict) else ():
            try:
                endpoints[url] = from_data(EndpointState, item)
            except ValueError as err:
                _LOGGER.warning("Ignoring unreadable stored state for %s: %s", url, err)
        return cls(endpoints=endpoints)


def merge_parts(parts: list[Snapshot]) -> Snapshot:
    """The first part gives page, state and components; incidents are merged by id.

    Where both documents hold an incident, the copy with more updates (or the
    later ``updated_at``) wins, since the two were fetched at slightly different times.
    """
    first, *others = parts
    if not others:
        return first
    by_id: dict[str, Incident] = {}
    for incident in (i for part in parts for i in part.incidents):
        known = by_id.get(incident.id)
        if known is None or _fresher(incident, known):
            by_id[incident.id] = incident
    incidents = sorted(by_id.values(), key=lambda i: i.created_at, reverse=True)
    return replace(first, incidents=tuple(incidents))


def _fresher(new: Incident, old: Incident) -> bool:
    if len(new.updates) != len(old.updates):
        return len(new.updates) > len(old.updates)
    return (new.updated_at or new.created_at) > (old.updated_at or old.created_at)


class PageReader:
    """Polls the endpoints of one source and returns a snapshot only when something changed."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        source: Source,
        state: ReaderState | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Read ``source`` with ``session``, resuming from ``state`` when given."""
        self.session = session
        self.source = source
        self.state = state or ReaderState()
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.full_every = FULL_POLL_EVERY
        self.moved_to: str | None = None
        self.parse_count = 0
        # Whether the last round that asked every document found them all unchanged.
        self._settled = False
        self._partial_polls = 0

    @property
    def snapshot(self) -> Snapshot | None:
        """The page as last read (from this run or the stored state), if complete."""
        parts = [
            self.state.endpoints.get(url, EndpointState()).part for url in self.source.endpoints
        ]
        complete = [part for part in parts if part is not None]
        return merge_parts(complete) if len(complete) == len(parts) else None

    async def poll(self) -> Snapshot | None:
        """Fetch what may have changed; return the new snapshot, or None when nothing did."""
        first, *others = self.source.endpoints
        results: list[Document | Unchanged] = [await self._fetch(first)]
        self._partial_polls += 1
        if others and (not isinstance(results[0], Unchanged) or self._full_due()):
            results += await asyncio.gather(*(self._fetch(url) for url in others))
            self._partial_polls = 0
            self._settled = all(isinstance(result, Unchanged) for result in results)
        endpoints = self.source.endpoints[: len(results)]
        changed = False
        self.moved_to = None
        # All or nothing: if one document fails to parse, no endpoint may keep this round's
        # validators, or a 304 next round would hide a change that was never shown or diffed.
        states: dict[str, EndpointState] = {}
        for url, result in zip(endpoints, results, strict=True):
            old = self.state.endpoints.get(url, EndpointState())
            self.moved_to = self.moved_to or result.moved_to
            if isinstance(result, Unchanged):
                if old.part is None:
                    # A 304 to a request without validators (a broken cache): nothing to show.
                    raise StatusPageHTTPError(304, url)
                states[url] = replace(old, validators=result.validators)
                continue
            part = await self._parse(result)
            states[url] = EndpointState(validators=result.validators, part=part)
            changed = True
        self.state.endpoints.update(states)
        return self.snapshot if changed else None

    def _full_due(self) -> bool:
        """The page has not settled since it last moved (or since start), or reconciliation is due.

        A new reader starts unsettled, so a document it never read is asked at once.
        """
        return not self._settled or self._partial_polls >= self.full_every

    async def _fetch(self, url: str) -> Document | Unchanged:
        known = self.state.endpoints.get(url)
        # Without a stored parse a 304 would leave us with nothing to show: ask unconditionally.
        validators = known.validators if known is not None and known.part is not None else None
        return await fetch(
            self.session, url, validators, max_bytes=self.max_bytes, timeout=self.timeout
        )

    async def _parse(self, document: Document) -> Snapshot:
        self.parse_count += 1
        if len(document.body) < EXECUTOR_THRESHOLD:
            return parse_document(document.body, document.content_type, document.final_url)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, parse_document, document.body, document.content_type, document.final_url
        )
