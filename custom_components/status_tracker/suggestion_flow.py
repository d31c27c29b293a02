"""The config flow's suggestion steps: "Suggested for this home" and a discovered page.

A flow creates one entry; the suggestion step adds several at once the way HomeKit's
flow adds its accessories: each further page gets its own flow, started with an
internal source whose only step creates the entry the first flow already tested.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_URL
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
import voluptuous as vol

from .const import DOMAIN
from .helpers import entry_data, unique_id_for
from .identity import found_placeholders
from .links import async_catalog, installed, is_tracked, suggestion_id
from .suggestions import Suggestion, async_suggestions, page_by_url

if TYPE_CHECKING:
    from homeassistant.helpers.typing import DiscoveryInfoType

    from .client import CatalogPage, Detection

CONF_PAGES: Final = "pages"
# Internal: one chosen, already tested page of the suggestion step becomes an entry.
SOURCE_SUGGESTED_PAGE: Final = "suggested_page"


class SuggestionSteps(ConfigFlow):
    """The steps that start from what is installed here; the config flow adds the rest."""

    _suggestions: list[Suggestion] | None = None
    _page: CatalogPage | None = None

    async def _detect(self, url: str, errors: dict[str, str]) -> Detection | None:
        raise NotImplementedError  # the config flow's detection, shared by every step

    async def _async_menu(self) -> ConfigFlowResult:
        """The first step: the suggestions first, when there are any."""
        self._suggestions = await async_suggestions(self.hass)
        options = ["suggested", "catalog", "url"] if self._suggestions else ["catalog", "url"]
        return self.async_show_menu(step_id="user", menu_options=options)

    async def async_step_suggested(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The linked pages of what is installed here, all pre-selected; added in one go."""
        if self._suggestions is None:
            self._suggestions = await async_suggestions(self.hass)
        by_url = {suggestion.page.url: suggestion for suggestion in self._suggestions}
        errors: dict[str, str] = {}
        placeholders = {"failed": ""}
        if user_input is not None:
            chosen = [by_url[url] for url in user_input[CONF_PAGES] if url in by_url]
            if not chosen:
                errors["base"] = "none_chosen"
            else:
                # Each page is tested before anything is created, all at once.
                detections = await asyncio.gather(*(self._detect(s.page.url, {}) for s in chosen))
                found = [d for d in detections if d is not None]
                failed = [s.page.name for s, d in zip(chosen, detections, strict=True) if not d]
                if found:
                    return await self._async_add_all(found, failed)
                errors["base"] = "cannot_read"
                placeholders["failed"] = ", ".join(failed)
        options = [
            SelectOptionDict(value=s.page.url, label=f"{s.page.name} — {s.because}")
            for s in self._suggestions
        ]
        selected = user_input[CONF_PAGES] if user_input else list(by_url)
        schema = vol.Schema(
            {
                vol.Optional(CONF_PAGES, default=selected): SelectSelector(
                    SelectSelectorConfig(
                        options=options, multiple=True, mode=SelectSelectorMode.LIST
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="suggested",
            data_schema=schema,
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_add_all(self, found: list[Detection], failed: list[str]) -> ConfigFlowResult:
        """The first page's entry made here; each other one by a flow of its own."""
        entries = self.hass.config_entries
        fresh = [
            detection
            for detection in found
            if not entries.async_entry_for_domain_unique_id(DOMAIN, unique_id_for(detection))
        ]
        if not fresh:
            return self.async_abort(reason="already_configured")
        first, *others = fresh
        results = await asyncio.gather(
            *(
                entries.flow.async_init(
                    DOMAIN, context={"source": SOURCE_SUGGESTED_PAGE}, data=_payload(detection)
                )
                for detection in others
            )
        )
        added = [
            result["title"] for result in results if result["type"] is FlowResultType.CREATE_ENTRY
        ]
        payload = _payload(first)
        await self.async_set_unique_id(payload["unique_id"], raise_on_progress=False)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(
            title=payload["title"],
            data=payload["data"],
            description="suggested",
            description_placeholders={
                "added": ", ".join([payload["title"], *added]),
                "failed": ", ".join(failed) or "-",
            },
        )

    async def async_step_suggested_page(self, payload: dict[str, Any]) -> ConfigFlowResult:
        """Create the entry of one page the suggestion step chose and tested."""
        await self.async_set_unique_id(payload["unique_id"], raise_on_progress=False)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(title=payload["title"], data=payload["data"])

    async def async_step_integration_discovery(
        self, discovery_info: DiscoveryInfoType
    ) -> ConfigFlowResult:
        """A linked integration was added: offer its page, remembered by the page's row."""
        page = page_by_url(await async_catalog(self.hass), discovery_info[CONF_URL])
        if page is None:
            return self.async_abort(reason="unknown")
        # An ignored suggestion is an entry with this unique id: this aborts then too.
        await self.async_set_unique_id(suggestion_id(page))
        self._abort_if_unique_id_configured()
        if is_tracked(self.hass, page):
            return self.async_abort(reason="already_configured")
        self._page = page
        self.context["title_placeholders"] = {"name": page.name}
        return await self.async_step_discovery_confirm()

    async def async_step_discovery_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add the discovered page on confirmation, once it was read."""
        page = self._page
        if page is None:  # pragma: no cover - only reachable through discovery
            return self.async_abort(reason="unknown")
        errors: dict[str, str] = {}
        if user_input is not None and (detection := await self._detect(page.url, errors)):
            payload = _payload(detection)
            await self.async_set_unique_id(payload["unique_id"], raise_on_progress=False)
            self._abort_if_unique_id_configured()
            return self.async_create_entry(title=payload["title"], data=payload["data"])
        return self.async_show_form(
            step_id="discovery_confirm",
            errors=errors,
            description_placeholders={
                "name": page.name,
                "because": Suggestion(page, installed(self.hass, page.ha_domains)).because,
            },
        )


def _payload(detection: Detection) -> dict[str, Any]:
    """What the entry of a tested page is made of."""
    name = found_placeholders(detection)["name"]
    return {
        "unique_id": unique_id_for(detection),
        "title": name,
        "data": entry_data(detection, name),
    }
