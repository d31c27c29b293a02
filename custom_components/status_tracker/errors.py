"""Library errors as Home Assistant's translated ``UpdateFailed``, mapped in one place."""

from __future__ import annotations

from homeassistant.helpers.update_coordinator import UpdateFailed

from .client import (
    StatusPageConnectionError,
    StatusPageContentError,
    StatusPageError,
    StatusPageHTTPError,
    StatusPageRateLimitError,
    StatusPageTooLargeError,
)
from .const import DOMAIN


def _key(err: StatusPageError) -> tuple[str, dict[str, str]]:
    if isinstance(err, StatusPageRateLimitError):
        return "rate_limited", {"retry_after": f"{err.retry_after or 0:.0f}"}
    if isinstance(err, StatusPageHTTPError):
        return "http_error", {"status": str(err.status)}
    if isinstance(err, StatusPageTooLargeError):
        return "too_large", {"error": str(err)}
    if isinstance(err, StatusPageContentError):
        return "bad_content", {"error": str(err)}
    if isinstance(err, StatusPageConnectionError):
        return "cannot_connect", {"error": str(err)}
    return "unknown_error", {"error": str(err)}


def update_failed(err: StatusPageError, *, retry_after: float) -> UpdateFailed:
    """The translated failure of a poll that raised ``err``; the next poll in ``retry_after`` s."""
    key, placeholders = _key(err)
    return UpdateFailed(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
        retry_after=retry_after,
    )
