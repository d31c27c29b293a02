"""Conditional GET over an injected aiohttp session.

A 304, or a 200 whose body hashes the same as last time, is ``Unchanged`` and
never reaches a parser. Everything else is a ``Document`` or one of our errors.

Every request names us (``User-Agent: StatusPageTracker/…``) and asks for JSON or a
feed (``Accept: application/json, …``). At most 4 redirects are followed (5 answers in
all); a fifth is an error. A body of up to ``max_bytes`` (after decompression) is read,
a longer one refused.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from functools import lru_cache
from hashlib import blake2b
import math
import time
from typing import TYPE_CHECKING, Final

import aiohttp
from aiohttp import hdrs

from .errors import (
    StatusPageConnectionError,
    StatusPageHTTPError,
    StatusPageNotFoundError,
    StatusPageRateLimitError,
    StatusPageTimeoutError,
    StatusPageTooLargeError,
)

if TYPE_CHECKING:
    from multidict import CIMultiDictProxy

DEFAULT_MAX_BYTES: Final = 4 * 1024 * 1024
DEFAULT_TIMEOUT: Final = 20.0
USER_AGENT: Final = "StatusPageTracker/0.1 (+https://github.com/status-tracker/status_tracker)"
_ACCEPT: Final = (
    "application/json, application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1"
)
_PERMANENT: Final = frozenset({301, 308})
# The longest wait a page can ask for: "Retry-After: 1e15" must neither overflow a timedelta
# nor silence the page for ever.
MAX_RETRY_AFTER: Final = 24 * 3600.0
# A body is compared with the last one by this digest: 16 bytes tell bodies apart.
_DIGEST_BYTES: Final = 16
_CHUNK_BYTES: Final = 64 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Validators:
    """What the server gave us to ask "has it changed?" next time."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A changed body, not yet parsed."""

    url: str
    final_url: str
    body: bytes
    content_type: str
    validators: Validators
    moved_to: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Unchanged:
    """Nothing new; ``validators`` are the ones to send next time (an ETag may move alone)."""

    validators: Validators | None
    moved_to: str | None = None


def _hash(body: bytes) -> str:
    return blake2b(body, digest_size=_DIGEST_BYTES).hexdigest()


def _http_date(value: str | None) -> float | None:
    """An HTTP date as a timestamp; a date without a zone ("-0000") is UTC, not local time."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Read Retry-After as seconds or as an HTTP date; None when absent or unreadable.

    ``now`` is the server's own time (its Date header) when known, so a server whose
    clock is off still gets the wait it meant. The wait is capped at ``MAX_RETRY_AFTER``.
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        when = _http_date(value)
        if when is None:
            return None
        seconds = when - (time.time() if now is None else now)
    return min(max(0.0, seconds), MAX_RETRY_AFTER) if math.isfinite(seconds) else None


def _raise_for_status(response: aiohttp.ClientResponse) -> None:
    status, url = response.status, str(response.url)
    if status in {404, 410}:
        raise StatusPageNotFoundError(status, url)
    if status == 429 or (status == 503 and hdrs.RETRY_AFTER in response.headers):  # noqa: PLR2004
        # Measured against the server's clock (its Date header) when it sends one.
        server_now = _http_date(response.headers.get(hdrs.DATE))
        retry = retry_after_seconds(response.headers.get(hdrs.RETRY_AFTER), server_now)
        raise StatusPageRateLimitError(status, url, retry)
    raise StatusPageHTTPError(status, url)


async def _read_capped(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` of the decoded body, so a compressed bomb is stopped too."""
    declared = response.content_length
    if declared is not None and declared > max_bytes:
        msg = f"{response.url} declares {declared} bytes, over the {max_bytes} byte cap"
        raise StatusPageTooLargeError(msg)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(_CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            msg = f"{response.url} sent more than the {max_bytes} byte cap"
            raise StatusPageTooLargeError(msg)
        chunks.append(chunk)
    return b"".join(chunks)


def _moved_to(response: aiohttp.ClientResponse) -> str | None:
    """The final URL when any hop was a permanent redirect, so a moved page can be noticed."""
    if any(hop.status in _PERMANENT for hop in response.history):
        return str(response.url)
    return None


def _validators(headers: CIMultiDictProxy[str], body_hash: str) -> Validators:
    return Validators(
        etag=headers.get(hdrs.ETAG),
        last_modified=headers.get(hdrs.LAST_MODIFIED),
        body_hash=body_hash,
    )


@lru_cache(maxsize=8)
def _timeout(total: float) -> aiohttp.ClientTimeout:
    """One immutable timeout object per value, not one per request."""
    return aiohttp.ClientTimeout(total=total)


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    previous: Validators | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Document | Unchanged:
    """GET ``url`` conditionally; return ``Unchanged`` or the new document."""
    headers = {hdrs.ACCEPT: _ACCEPT, hdrs.USER_AGENT: USER_AGENT}
    if previous is not None and previous.etag:
        headers[hdrs.IF_NONE_MATCH] = previous.etag
    if previous is not None and previous.last_modified:
        headers[hdrs.IF_MODIFIED_SINCE] = previous.last_modified
    try:
        async with session.get(
            url, headers=headers, timeout=_timeout(timeout), max_redirects=5
        ) as response:
            if response.status == 304:  # noqa: PLR2004
                return Unchanged(validators=previous, moved_to=_moved_to(response))
            if response.status >= 400:  # noqa: PLR2004
                _raise_for_status(response)
            body = await _read_capped(response, max_bytes)
            body_hash = _hash(body)
            if previous is not None and previous.body_hash == body_hash:
                return Unchanged(
                    validators=_validators(response.headers, body_hash),
                    moved_to=_moved_to(response),
                )
            return Document(
                url=url,
                final_url=str(response.url),
                body=body,
                content_type=response.headers.get(hdrs.CONTENT_TYPE, "").lower(),
                validators=_validators(response.headers, body_hash),
                moved_to=_moved_to(response),
            )
    except TimeoutError as err:
        msg = f"Timed out after {timeout:g} s reading {url}"
        raise StatusPageTimeoutError(msg) from err
    except aiohttp.TooManyRedirects as err:
        msg = f"Too many redirects from {url}"
        raise StatusPageConnectionError(msg) from err
    except (aiohttp.ClientError, OSError, asyncio.IncompleteReadError) as err:
        msg = f"Cannot read {url}: {str(err) or type(err).__name__}"
        raise StatusPageConnectionError(msg) from err
