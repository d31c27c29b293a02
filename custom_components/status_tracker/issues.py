"""Repair issues an entry raises and clears: the page moved, vanished, or changed platform.

The coordinator calls ``async_report`` after every poll; an issue is created once
and deleted as soon as what it reports is over. ``repairs.py`` holds their fix flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util

from .client import StatusPageError, StatusPageNotFoundError
from .const import DOMAIN, GONE_AFTER

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

ISSUE_MOVED: Final = "page_moved"
ISSUE_GONE: Final = "page_gone"
ISSUE_REKEYED: Final = "platform_changed"


def issue_id(kind: str, entry_id: str) -> str:
    """One issue of each kind per entry."""
    return f"{kind}_{entry_id}"


def raise_issue(hass: HomeAssistant, entry: ConfigEntry[Any], kind: str, url: str) -> None:
    """Create (or refresh) a fixable issue that re-detects the page at ``url``."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(kind, entry.entry_id),
        is_fixable=True,
        is_persistent=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=kind,
        translation_placeholders={"title": entry.title, "url": url},
        data={"entry_id": entry.entry_id, "url": url},
    )


def clear_issue(hass: HomeAssistant, entry_id: str, kind: str) -> None:
    """Remove an issue that no longer applies."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(kind, entry_id))


class PageHealth:
    """Tracks how long a page has answered 404/410, and reports it once it is gone."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
        """Watch ``entry``'s page."""
        self._hass = hass
        self._entry = entry
        self.missing_since: datetime | None = None
        # Whether a "gone" issue may exist: the registry is asked only then, not every poll.
        self._gone_raised = True

    def polled(self, err: StatusPageError | None, url: str) -> None:
        """Note a poll's outcome: raise the "gone" issue after GONE_AFTER of 404/410s."""
        if not isinstance(err, StatusPageNotFoundError):
            self.missing_since = None
            if self._gone_raised:
                clear_issue(self._hass, self._entry.entry_id, ISSUE_GONE)
                self._gone_raised = False
            return
        now = dt_util.utcnow()
        self.missing_since = self.missing_since or now
        if now - self.missing_since >= GONE_AFTER:
            raise_issue(self._hass, self._entry, ISSUE_GONE, url)
            self._gone_raised = True
