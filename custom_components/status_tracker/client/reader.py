"""Read one status page poll after poll: fetch each endpoint conditionally, parse only what changed.

A Statuspage page is read from two documents: ``summary.json`` (state,
components, open incidents, maintenances) and ``incidents.json`` (the recent
window, which still holds an incident once it is resolved). Each keeps its own
validators and its own last parse, so a change to one never re-parses the other,
and a round where both are unchanged parses nothing.

On Atlassian Statuspage the first document is asked every poll, the others only
while the page is moving: ``summary.json`` moves with every incident update (it lists
every open incident with its updates), so once a round where every document answered
304 has settled the page, a 304 of the first means the window has nothing new either,
and an idle poll costs one request instead of two. Until then (the documents are cached
apart, for ~10-30 s on Statuspage's CDN, so the window can lag a step), and every
``full_every`` polls to reconcile, all documents are asked; on incident.io's copy of the
API (whose summary.json may list no incidents) always.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
import logging
from typing import TYPE_CHECKING, Any, Final

from .document import off_loop
from .errors import StatusPageHTTPError
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Document, Unchanged, Validators, fetch
from .models import Snapshot  # noqa: TC001  # resolved at run time by serialize.py
from .platforms import platform_for
from .serialize import from_data
from .window import kept, merge_parts

if TYPE_CHECKING:
    import aiohttp

    from .source import Source

_LOGGER = logging.getLogger(__name__)
# While the first document answers 304, ask the others anyway every this many polls: a
# reconciliation for what it does not show (an edited or late-published window).
FULL_POLL_EVERY: Final = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointState:
    """What we know of one endpoint: how to ask whether it changed, and what its parse shows."""

    validators: Validators | None = None
    part: Snapshot | None = None


@dataclass(slots=True, kw_only=True)
class ReaderState:
    """The state of all endpoints of a page; stored between runs so restarts poll conditionally.

    Stored as ``endpoints`` encoded by orjson (or ``serialize.to_data``, the same form):
    field names, enum values, ISO 8601 times, lists for tuples.
    """

    endpoints: dict[str, EndpointState] = field(default_factory=dict)

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
        self.platform = platform_for(source.kind)
        self.state = state or ReaderState()
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.full_every = FULL_POLL_EVERY
        self.moved_to: str | None = None
        self.parse_count = 0
        # Whether the last snapshot poll() returned was parsed whole from every document, or
        # (when some were unchanged) holds only what was kept of their window.
        self.whole = False
        # Whether the last round that asked every document found them all unchanged.
        self._settled = False
        self._partial_polls = 0
        # What the kept parts show merged, built once per change (None: not built yet).
        self._shown: Snapshot | None = None

    @property
    def snapshot(self) -> Snapshot | None:
        """The page as last read (from this run or the stored state), if complete."""
        if self._shown is None:
            self._shown = self._merged({})
        return self._shown

    def _merged(self, fresh: dict[str, Snapshot]) -> Snapshot | None:
        parts = [
            fresh.get(url) or self.state.endpoints.get(url, EndpointState()).part
            for url in self.source.endpoints
        ]
        complete = [part for part in parts if part is not None]
        return merge_parts(complete) if len(complete) == len(parts) else None

    async def poll(self) -> Snapshot | None:
        """Fetch what may have changed; return the new snapshot, or None when nothing did.

        The snapshot holds this round's parses whole (to be diffed); what the reader keeps
        of them, and shows as ``snapshot`` afterwards, is cut to what the page shows.
        """
        first, *others = self.source.endpoints
        results: list[Document | Unchanged] = [await self._fetch(first)]
        self._partial_polls += 1
        if others and (not isinstance(results[0], Unchanged) or self._full_due()):
            results += await asyncio.gather(*(self._fetch(url) for url in others))
            self._partial_polls = 0
            self._settled = all(isinstance(result, Unchanged) for result in results)
        endpoints = self.source.endpoints[: len(results)]
        self.moved_to = None
        # All or nothing: if one document fails to parse, no endpoint may keep this round's
        # validators, or a 304 next round would hide a change that was never shown or diffed.
        states: dict[str, EndpointState] = {}
        parsed: dict[str, Snapshot] = {}
        for url, result in zip(endpoints, results, strict=True):
            old = self.state.endpoints.get(url, EndpointState())
            self.moved_to = self.moved_to or result.moved_to
            if isinstance(result, Unchanged):
                if old.part is None:
                    # A 304 to a request without validators (a broken cache): nothing to show.
                    raise StatusPageHTTPError(304, url)
                if result.validators != old.validators:  # an ETag may move alone
                    states[url] = replace(old, validators=result.validators)
                continue
            parsed[url] = await self._parse(result)
            states[url] = EndpointState(validators=result.validators, part=kept(parsed[url]))
        self.state.endpoints.update(states)
        if not parsed:
            return None
        self._shown = None
        self.whole = len(parsed) == len(self.source.endpoints)
        return self._merged(parsed)

    def _full_due(self) -> bool:
        """Whether to ask every document although the first one is unchanged.

        Yes while the page has not settled since it last moved (a new reader starts
        unsettled, so a document it never read is asked at once), when reconciliation is
        due, and when the first document does not show every update.
        """
        return (
            not self._settled
            or self._partial_polls >= self.full_every
            or not self.platform.first_document_moves
        )

    async def _fetch(self, url: str) -> Document | Unchanged:
        known = self.state.endpoints.get(url)
        # Without a stored parse a 304 would leave us with nothing to show: ask unconditionally.
        validators = known.validators if known is not None and known.part is not None else None
        return await fetch(
            self.session, url, validators, max_bytes=self.max_bytes, timeout=self.timeout
        )

    async def _parse(self, document: Document) -> Snapshot:
        """Read with the entry's own platform: no sniffing after detection."""
        self.parse_count += 1
        return await off_loop(
            len(document.body),
            self.platform.parse,
            document.body,
            document.content_type,
            document.final_url,
        )
