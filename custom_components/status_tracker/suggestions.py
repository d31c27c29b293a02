"""Suggest the status pages of the clouds this home uses, and discover them as they arrive.

A page is suggested when an integration its catalog row links to has a config entry
here and no entry follows the page yet (links.py). The config flow's first step lists
them; once the integration is loaded, a config entry of a linked integration being
added starts a discovered flow for its page, which the user can add or ignore.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    SOURCE_IGNORE,
    SOURCE_INTEGRATION_DISCOVERY,
    ConfigEntryChange,
)
from homeassistant.const import CONF_URL
from homeassistant.core import callback
from homeassistant.helpers import discovery_flow
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from .const import DOMAIN
from .links import CATALOG, async_catalog, installed, is_tracked, suggestion_id

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import CALLBACK_TYPE, HomeAssistant

    from .client import CatalogPage


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A page worth following, and the config entries here that depend on its cloud."""

    page: CatalogPage
    installed: list[dict[str, Any]]

    @property
    def because(self) -> str:
        """The entries that make the page worth following, as the picker shows them."""
        return ", ".join(title for found in self.installed for title in found["entries"])


async def async_suggestions(hass: HomeAssistant) -> list[Suggestion]:
    """The linked pages with entries here that are not followed (nor ignored) yet, by name."""
    found = []
    for page in await async_catalog(hass):
        here = installed(hass, page.ha_domains)
        if here and not is_tracked(hass, page):
            found.append(Suggestion(page, here))
    return sorted(found, key=lambda suggestion: suggestion.page.name.casefold())


def page_by_url(catalog: tuple[CatalogPage, ...], url: str) -> CatalogPage | None:
    """The catalog row of a suggestion (flows carry the row's address)."""
    return next((page for page in catalog if page.url == url), None)


@callback
def async_start_discovery(hass: HomeAssistant, catalog: tuple[CatalogPage, ...]) -> CALLBACK_TYPE:
    """Discover the page of each linked integration added from now on; started once."""
    linked: dict[str, list[CatalogPage]] = {}
    for page in catalog:
        for domain in page.ha_domains:
            linked.setdefault(domain, []).append(page)

    @callback
    def _changed(change: ConfigEntryChange, entry: ConfigEntry[Any]) -> None:
        if change is not ConfigEntryChange.ADDED or entry.source == SOURCE_IGNORE:
            return
        if entry.domain == DOMAIN:
            _abort_followed(hass)
            return
        for page in linked.get(entry.domain, ()):
            if not is_tracked(hass, page):
                # The helper waits for Home Assistant to have started and drops a
                # flow whose data is already being shown; the unique id does the rest.
                discovery_flow.async_create_flow(
                    hass,
                    DOMAIN,
                    context={"source": SOURCE_INTEGRATION_DISCOVERY},
                    data={CONF_URL: page.url},
                )

    return async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _changed)


@callback
def _abort_followed(hass: HomeAssistant) -> None:
    """A page added another way (the catalog, a URL) needs its discovered flow no more."""
    catalog = hass.data.get(CATALOG, ())
    for flow in hass.config_entries.flow.async_progress_by_handler(
        DOMAIN, match_context={"source": SOURCE_INTEGRATION_DISCOVERY}
    ):
        unique_id = flow["context"].get("unique_id")
        page = next((p for p in catalog if suggestion_id(p) == unique_id), None)
        if page is not None and is_tracked(hass, page):
            hass.config_entries.flow.async_abort(flow["flow_id"])
