"""Config flow: pick a known page or paste any URL; the source is detected and tested first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import CONF_URL
from homeassistant.core import callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.translation import async_get_translations
import voluptuous as vol

from .client import (
    StatusPageConnectionError,
    StatusPageContentError,
    detect_source,
    load_catalog,
    platform_for,
)
from .const import (
    DOMAIN,
    LOGGER,
)
from .helpers import entry_data, unique_id_for
from .identity import found_placeholders, refusal
from .options_flow import StatusTrackerOptionsFlow
from .suggestion_flow import SuggestionSteps

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigFlowResult, OptionsFlow

    from .client import CatalogPage, Detection
    from .coordinator import StatusTrackerConfigEntry

CONF_PROVIDER = "provider"


def _picker_label(page: CatalogPage, categories: dict[str, str]) -> str:
    """Name, platform and category in one line: the picker searches the label only."""
    key = f"component.{DOMAIN}.selector.category.options.{page.category}"
    category = categories.get(key, page.category.value)
    return f"{page.name} · {platform_for(page.platform).maker} · {category}"


def _url_schema(suggested: str | None) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL, description={"suggested_value": suggested}): TextSelector(
                TextSelectorConfig(type=TextSelectorType.URL)
            )
        }
    )


class StatusTrackerConfigFlow(SuggestionSteps, domain=DOMAIN):
    """Add one status page per entry."""

    VERSION = 1
    # 1.2: the webhook id moved from options to data (migrate.py).
    MINOR_VERSION = 3

    def __init__(self) -> None:
        """Nothing detected yet."""
        self._detection: Detection | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: StatusTrackerConfigEntry) -> OptionsFlow:  # noqa: ARG004
        """Polling, events, scope and noise (options_flow.py)."""
        return StatusTrackerOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:  # noqa: ARG002
        """Choose: the pages suggested for this home (if any), a known provider or any URL."""
        return await self._async_menu()

    async def _detect(self, url: str, errors: dict[str, str]) -> Detection | None:
        """Detect and test-read the page; fill ``errors`` with a translated reason on failure."""
        try:
            return await detect_source(async_get_clientsession(self.hass), url)
        except StatusPageConnectionError:
            errors["base"] = "cannot_connect"
        except StatusPageContentError:
            errors["base"] = "not_status_page"
        except Exception:  # noqa: BLE001  # a flow must never die on an unexpected error
            LOGGER.exception("Unexpected error detecting %s", url)
            errors["base"] = "unknown"
        return None

    async def async_step_catalog(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick from the shipped catalog; a pasted address is detected like the URL step's."""
        catalog = await self.hass.async_add_executor_job(load_catalog)
        errors: dict[str, str] = {}
        if user_input is not None and (
            detection := await self._detect(user_input[CONF_PROVIDER], errors)
        ):
            return await self._async_found(detection)
        categories = await async_get_translations(
            self.hass, self.hass.config.language, "selector", {DOMAIN}
        )
        options = [
            SelectOptionDict(value=page.url, label=_picker_label(page, categories))
            for page in catalog
        ]
        schema = vol.Schema(
            {
                vol.Required(
                    CONF_PROVIDER,
                    description={"suggested_value": (user_input or {}).get(CONF_PROVIDER)},
                ): SelectSelector(
                    # A dropdown without custom_value is a plain menu in the frontend; with it,
                    # a searchable combobox, which a list of hundreds of pages needs.
                    SelectSelectorConfig(
                        options=options,
                        mode=SelectSelectorMode.DROPDOWN,
                        sort=True,
                        custom_value=True,
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="catalog",
            data_schema=schema,
            errors=errors,
            description_placeholders={"count": str(len(catalog))},
        )

    async def async_step_url(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Paste any status-page or feed URL."""
        errors: dict[str, str] = {}
        if user_input is not None and (
            detection := await self._detect(user_input[CONF_URL], errors)
        ):
            return await self._async_found(detection)
        return self.async_show_form(
            step_id="url",
            data_schema=_url_schema((user_input or {}).get(CONF_URL)),
            errors=errors,
        )

    async def _async_found(self, detection: Detection) -> ConfigFlowResult:
        await self.async_set_unique_id(unique_id_for(detection), raise_on_progress=False)
        self._abort_if_unique_id_configured()
        self._detection = detection
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show what was found; create the entry on confirmation."""
        detection = self._detection
        if detection is None:  # pragma: no cover - only reachable through _async_found
            return self.async_abort(reason="unknown")
        placeholders = found_placeholders(detection)
        if user_input is not None:
            name = placeholders["name"]
            return self.async_create_entry(title=name, data=entry_data(detection, name))
        return self.async_show_form(step_id="confirm", description_placeholders=placeholders)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Point the entry at a new URL of the same page, on any platform."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None and (
            detection := await self._detect(user_input[CONF_URL], errors)
        ):
            if (refused := refusal(self.hass, entry, detection)) is not None:
                return self.async_abort(
                    reason=refused.reason, description_placeholders=refused.placeholders
                )
            self._detection = detection
            return await self.async_step_reconfigure_confirm()
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_url_schema((user_input or {}).get(CONF_URL, entry.data[CONF_URL])),
            errors=errors,
        )

    async def async_step_reconfigure_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show what was found at the new address; switch the entry to it on confirmation.

        Entities and the device are keyed on the entry id, so they stay as they are; the
        seen update keys stay too (it is the same page), so nothing old fires again.
        """
        entry = self._get_reconfigure_entry()
        detection = self._detection
        if detection is None:  # pragma: no cover - only reachable through reconfigure
            return self.async_abort(reason="unknown")
        placeholders = found_placeholders(detection)
        if user_input is None:
            return self.async_show_form(
                step_id="reconfigure_confirm", description_placeholders=placeholders
            )
        return self.async_update_reload_and_abort(
            entry,
            unique_id=unique_id_for(detection),
            data_updates=entry_data(detection, placeholders["name"]),
        )
