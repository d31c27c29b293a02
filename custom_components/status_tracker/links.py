"""The catalog's links to Home Assistant: which page an entry follows, what is installed here.

A catalog row names the integration domains whose cloud its page reports on. The
suggestions (suggestions.py) and what an incident affects (affected.py) both need to
know whether an entry follows a catalog page and which linked integrations have
config entries here; this module answers both, without any state of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from homeassistant.config_entries import SOURCE_IGNORE
from homeassistant.const import CONF_URL
from homeassistant.core import callback
from homeassistant.util.hass_dict import HassKey

from .client import StatusPageContentError, load_catalog, normalise_url, page_base
from .const import DOMAIN

if TYPE_CHECKING:
    from collections.abc import Iterable

    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

    from .client import CatalogPage

# The catalog, read once in the executor by async_setup: the callbacks need it at once.
CATALOG: Final[HassKey[tuple[CatalogPage, ...]]] = HassKey(f"{DOMAIN}_catalog")
# The unique id of a suggested (discovered) page before it is read. Not the entry's
# own unique id (a page id, known only after detection): it is what an ignored
# suggestion is remembered by, so it must be stable without a network read.
SUGGESTION_PREFIX: Final = "suggestion:"


async def async_catalog(hass: HomeAssistant) -> tuple[CatalogPage, ...]:
    """The catalog, read in the executor the first time (the file read blocks)."""
    if (catalog := hass.data.get(CATALOG)) is None:
        catalog = hass.data[CATALOG] = await hass.async_add_executor_job(load_catalog)
    return catalog


def suggestion_id(page: CatalogPage) -> str:
    """The unique id of a page's discovered flow, and of the entry that ignores it."""
    return f"{SUGGESTION_PREFIX}{page.url}"


def _where(url: str) -> tuple[str, tuple[str, ...]]:
    """Host (without www.) and path segments of the page a URL belongs to."""
    try:
        url = page_base(normalise_url(url))
    except StatusPageContentError:
        return "", ()
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return host, tuple(segment for segment in parts.path.split("/") if segment)


def follows(entry: ConfigEntry[Any], page: CatalogPage) -> bool:
    """Whether ``entry`` follows ``page``: the same page, by unique id or address.

    Entries keep the detected page address; the catalog can name a document of the page
    (a feed), so both are compared as the page they belong to (``page_base``).
    """
    if entry.source == SOURCE_IGNORE or CONF_URL not in entry.data:
        return False
    if entry.unique_id is not None and entry.unique_id in {page.url, suggestion_id(page)}:
        return True
    where = _where(entry.data[CONF_URL])
    return bool(where[0]) and where == _where(page.url)


def page_of(catalog: Iterable[CatalogPage], entry: ConfigEntry[Any]) -> CatalogPage | None:
    """The linked catalog page ``entry`` follows, if any."""
    return next((page for page in catalog if page.ha_domains and follows(entry, page)), None)


@callback
def is_tracked(hass: HomeAssistant, page: CatalogPage) -> bool:
    """An entry follows the page already, or the user ignored its suggestion."""
    ignored = suggestion_id(page)
    return any(
        entry.unique_id == ignored or follows(entry, page)
        for entry in hass.config_entries.async_entries(DOMAIN)
    )


@callback
def installed(hass: HomeAssistant, domains: Iterable[str]) -> list[dict[str, Any]]:
    """The linked domains with config entries here, with their titles, in the row's order.

    Ignored and disabled entries are not in use, so they are left out.
    """
    found: list[dict[str, Any]] = []
    for domain in domains:
        entries = hass.config_entries.async_entries(
            domain, include_ignore=False, include_disabled=False
        )
        if entries:
            found.append({"domain": domain, "entries": [entry.title for entry in entries]})
    return found
