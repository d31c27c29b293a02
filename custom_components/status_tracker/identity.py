"""Is a newly detected source the same page as an entry's? Used by reconfigure and repairs.

Each platform identifies a page as well as it can: Statuspage-style pages by their
page id (kept across domain moves); feeds and other platforms by their feed id or
link, their page's host, or their name. A clearly different page is refused with
what was found and what was expected, so the user knows why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from homeassistant.const import CONF_URL

from .client import platform_for
from .const import CONF_SOURCE, DOMAIN
from .helpers import unique_id_for

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

    from .client import Detection


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal:
    """Why a detected source may not replace an entry's: a flow abort reason and its text."""

    reason: str
    placeholders: dict[str, str]


def _netloc(url: str | None) -> str:
    # With the port: two pages on one host but different ports are two servers.
    return urlsplit(url or "").netloc.lower().removeprefix("www.")


def _name(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def refusal(hass: HomeAssistant, entry: ConfigEntry[Any], detection: Detection) -> Refusal | None:
    """None if ``detection`` may replace ``entry``'s source; else why not."""
    page = detection.snapshot.page
    # What the entry was set up with; not the page as last read, which a redirect to
    # another page may already have replaced.
    link, name = entry.data[CONF_URL], entry.data.get("name", "")
    expected = entry.title
    found = page.name or detection.source.page_url
    keyed = platform_for(entry.data[CONF_SOURCE]).keyed_by_page_id
    if keyed and detection.platform.keyed_by_page_id and entry.unique_id and page.id:
        # Both sides identify the page by its id: nothing else decides.
        same = page.id == entry.unique_id
    else:
        hosts = {_netloc(link)} - {""}
        same = (
            (bool(page.id) and page.id == entry.unique_id)
            or bool({_netloc(page.url), _netloc(detection.source.page_url)} & hosts)
            or (bool(page.name) and _name(page.name) == _name(name))
        )
    if not same:
        return Refusal(reason="wrong_page", placeholders={"found": found, "expected": expected})
    unique_id = unique_id_for(detection)
    for other in hass.config_entries.async_entries(DOMAIN):
        if other.entry_id != entry.entry_id and other.unique_id == unique_id:
            return Refusal(reason="already_configured", placeholders={"title": other.title})
    return None


def found_placeholders(detection: Detection) -> dict[str, str]:
    """What a confirm step shows of a detected source."""
    snapshot = detection.snapshot
    return {
        "name": snapshot.page.name or detection.source.page_url,
        "source": detection.reason,
        "components": str(len(snapshot.components)),
        "incidents": str(len(snapshot.active_incidents)),
    }
