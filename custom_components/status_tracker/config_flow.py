"""Config flow: pick a known page or paste any URL; the source is detected and tested first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
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
import voluptuous as vol

from .catalog import load_catalog
from .client import StatusPageConnectionError, StatusPageContentError, detect_source
from .const import DOMAIN, LOGGER
from .helpers import entry_data, unique_id_for
from .options_flow import StatusTrackerOptionsFlow

if TYPE_CHECKING:
    from .client import Detection
    from .coordinator import StatusTrackerConfigEntry

CONF_PROVIDER = "provider"


def _url_schema(suggested: str | None) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_URL, description={"suggested_value": suggested}): TextSelector(
                TextSelectorConfig(type=TextSelectorType.URL)
            )
        }
    )


class StatusTrackerConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one status page per entry."""

    VERSION = 1
    # 1.2: the webhook id moved from options to data (migrate.py).
    MINOR_VERSION = 2

    def __init__(self) -> None:
        """Nothing detected yet."""
        self._detection: Detection | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: StatusTrackerConfigEntry) -> OptionsFlow:  # noqa: ARG004
        """Polling, events, scope and noise (options_flow.py)."""
        return StatusTrackerOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:  # noqa: ARG002
        """Choose: a known provider or any URL."""
        return self.async_show_menu(step_id="user", menu_options=["catalog", "url"])

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
        """Pick from the shipped catalog."""
        catalog = await self.hass.async_add_executor_job(load_catalog)
        errors: dict[str, str] = {}
        if user_input is not None and (
            detection := await self._detect(user_input[CONF_PROVIDER], errors)
        ):
            return await self._async_found(detection)
        options = [SelectOptionDict(value=p.url, label=p.label) for p in catalog]
        schema = vol.Schema(
            {
                vol.Required(
                    CONF_PROVIDER,
                    description={"suggested_value": (user_input or {}).get(CONF_PROVIDER)},
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=options, mode=SelectSelectorMode.DROPDOWN, sort=True
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
        snapshot = detection.snapshot
        name = snapshot.page.name or detection.source.page_url
        if user_input is not None:
            return self.async_create_entry(title=name, data=entry_data(detection, name))
        return self.async_show_form(
            step_id="confirm",
            description_placeholders={
                "name": name,
                "source": detection.reason,
                "components": str(len(snapshot.components)),
                "incidents": str(len(snapshot.active_incidents)),
            },
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Point the entry at a new URL of the same page."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None and (
            detection := await self._detect(user_input[CONF_URL], errors)
        ):
            await self.async_set_unique_id(unique_id_for(detection))
            self._abort_if_unique_id_mismatch(reason="wrong_page")
            name = detection.snapshot.page.name or entry.title
            return self.async_update_reload_and_abort(
                entry, data_updates=entry_data(detection, name)
            )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_url_schema((user_input or {}).get(CONF_URL, entry.data[CONF_URL])),
            errors=errors,
        )
