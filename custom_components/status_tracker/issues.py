"""Repair issues an entry raises and clears: the page moved, or vanished.

The coordinator tells ``PageHealth`` each poll's outcome; an issue is raised while what
it reports lasts and deleted as soon as it is over, and when the entry is removed.
``repairs.py`` holds their fix flow. A page whose incident ids all changed was already
re-baselined: that only informs, so it is a log line, not an issue.
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
ISSUES: Final = (ISSUE_MOVED, ISSUE_GONE)


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
        # Kept across a restart: a day of 404s cannot be timed again at start-up; the first
        # poll that no longer shows it clears it (``PageHealth``).
        is_persistent=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key=kind,
        translation_placeholders={"title": entry.title, "url": url},
        data={"entry_id": entry.entry_id, "url": url},
    )


def clear_issue(hass: HomeAssistant, entry_id: str, kind: str) -> None:
    """Remove an issue that no longer applies."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(kind, entry_id))


def clear_issues(hass: HomeAssistant, entry_id: str) -> None:
    """Remove every issue of an entry (it is being removed)."""
    for kind in ISSUES:
        clear_issue(hass, entry_id, kind)


class PageHealth:
    """Raises and clears an entry's issues from its polls; the registry is asked only on a change.

    Gone: the page answered 404/410 for GONE_AFTER. Moved: it answers a permanent redirect
    to another host. Either clears on the first poll that no longer shows it.
    """

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry[Any]) -> None:
        """Watch ``entry``'s page; issues left from before a restart are cleared once."""
        self._hass = hass
        self._entry = entry
        self.missing_since: datetime | None = None
        self._raised = set(ISSUES)

    def _raise(self, kind: str, url: str) -> None:
        raise_issue(self._hass, self._entry, kind, url)
        self._raised.add(kind)

    def _clear(self, kind: str) -> None:
        if kind in self._raised:
            clear_issue(self._hass, self._entry.entry_id, kind)
            self._raised.discard(kind)

    def failed(self, err: StatusPageError, url: str) -> None:
        """A failed poll: time a 404/410, and raise "gone" once it has lasted GONE_AFTER."""
        if not isinstance(err, StatusPageNotFoundError):
            self.missing_since = None
            self._clear(ISSUE_GONE)
            return
        now = dt_util.utcnow()
        self.missing_since = self.missing_since or now
        if now - self.missing_since >= GONE_AFTER:
            self._raise(ISSUE_GONE, url)

    def succeeded(self, moved_to: str | None) -> None:
        """A successful poll: the page is there; it moved if it redirected to another host."""
        self.missing_since = None
        self._clear(ISSUE_GONE)
        if moved_to:
            self._raise(ISSUE_MOVED, moved_to)
        else:
            self._clear(ISSUE_MOVED)
