"""The client's own exception hierarchy; callers catch ``StatusPageError``."""

from __future__ import annotations


class StatusPageError(Exception):
    """Base for every error the client raises."""


class StatusPageConnectionError(StatusPageError):
    """The page could not be reached (DNS, refused, reset, TLS)."""


class StatusPageTimeoutError(StatusPageConnectionError):
    """The page did not answer, or not completely, in time."""


class StatusPageHTTPError(StatusPageError):
    """The page answered with an HTTP error status."""

    def __init__(self, status: int, url: str) -> None:
        """Keep the status so callers can tell a 5xx from a 4xx."""
        super().__init__(f"HTTP {status} from {url}")
        self.status = status
        self.url = url


class StatusPageNotFoundError(StatusPageHTTPError):
    """404 or 410: the page or endpoint does not exist (any more)."""


class StatusPageRateLimitError(StatusPageHTTPError):
    """429 (or 503 with Retry-After): the caller must wait ``retry_after`` seconds."""

    def __init__(self, status: int, url: str, retry_after: float | None) -> None:
        """Keep how long the server asked us to wait, when it said."""
        super().__init__(status, url)
        self.retry_after = retry_after


class StatusPageTooLargeError(StatusPageError):
    """The body exceeded the size cap and was not read further."""


class StatusPageContentError(StatusPageError):
    """The body is not a status document we can read (HTML page, bad JSON/XML, wrong shape)."""
