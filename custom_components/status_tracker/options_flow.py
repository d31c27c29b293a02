"""The options of an entry: polling, what fires, the scope the entities show, and noise.

Every option added after the first release defaults to off, so an entry saved before it
(with no value for it) behaves as it did. Saving reloads the entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components import webhook
from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload
from homeassistant.const import CONF_SCAN_INTERVAL
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
import voluptuous as vol

from .client import BYPASS_NEVER, Impact, ProblemLevel
from .const import (
    CONF_COMPONENTS,
    CONF_HOLD_DOWN,
    CONF_HOLD_DOWN_BYPASS,
    CONF_MIN_IMPACT,
    CONF_PROBLEM_LEVEL,
    CONF_PROBLEM_MAINTENANCE,
    CONF_PROBLEM_UNKNOWN,
    CONF_REGIONS,
    CONF_SCOPE,
    DEFAULT_SCAN_INTERVAL,
    MIN_SCAN_INTERVAL,
)
from .helpers import CONF_WEBHOOK, CONF_WEBHOOK_ID, webhook_url

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .client import Snapshot

_IMPACTS = [Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL]
_BYPASS = [Impact.MAJOR.value, Impact.CRITICAL.value, BYPASS_NEVER]
# A day: longer than any blip, short enough that a real incident is still reported.
MAX_HOLD_DOWN = 1440


def _choices(values: list[SelectOptionDict], *, multiple: bool = True) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(options=values, multiple=multiple, mode=SelectSelectorMode.DROPDOWN)
    )


def _listed(translation_key: str, values: list[str]) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(
            options=values, translation_key=translation_key, mode=SelectSelectorMode.LIST
        )
    )


def _component_choices(snapshot: Snapshot | None) -> tuple[list[SelectOptionDict], ...]:
    """Components (for events), and groups then components (for the scope)."""
    if snapshot is None:
        return [], []
    groups = {group.id: group.name for group in snapshot.groups}
    components = [
        SelectOptionDict(
            value=c.id,
            label=f"{groups[c.group_id]} / {c.name}" if c.group_id in groups else c.name,
        )
        for c in snapshot.components
    ]
    whole = [SelectOptionDict(value=gid, label=f"{name} (group)") for gid, name in groups.items()]
    return components, whole + components


def _region_choices(snapshot: Snapshot | None, chosen: list[str]) -> list[SelectOptionDict]:
    """The regions the page's incidents name, and the ones already chosen."""
    named = {r for i in (snapshot.incidents if snapshot else ()) for r in i.regions}
    return [SelectOptionDict(value=r, label=r) for r in sorted(named | set(chosen))]


def options_schema(options: Mapping[str, Any], snapshot: Snapshot | None) -> vol.Schema:
    """The form, filled with ``options`` and what the page lists."""
    components, scope = _component_choices(snapshot)
    regions: list[str] = list(options.get(CONF_REGIONS, []))
    region_selector = SelectSelector(
        SelectSelectorConfig(
            options=_region_choices(snapshot, regions),
            multiple=True,
            custom_value=True,
            mode=SelectSelectorMode.DROPDOWN,
        )
    )
    get = options.get
    return vol.Schema(
        {
            vol.Required(
                CONF_SCAN_INTERVAL,
                default=get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL.total_seconds()),
            ): NumberSelector(
                NumberSelectorConfig(
                    min=MIN_SCAN_INTERVAL.total_seconds(),
                    max=86400,
                    step=1,
                    unit_of_measurement="s",
                    mode=NumberSelectorMode.BOX,
                )
            ),
            vol.Optional(CONF_COMPONENTS, default=get(CONF_COMPONENTS, [])): _choices(components),
            vol.Required(CONF_MIN_IMPACT, default=get(CONF_MIN_IMPACT, Impact.NONE.value)): (
                _listed(CONF_MIN_IMPACT, [i.value for i in _IMPACTS])
            ),
            vol.Optional(CONF_SCOPE, default=get(CONF_SCOPE, [])): _choices(scope),
            vol.Optional(CONF_REGIONS, default=regions): region_selector,
            vol.Required(
                CONF_PROBLEM_LEVEL, default=get(CONF_PROBLEM_LEVEL, ProblemLevel.DEGRADED.value)
            ): _listed(CONF_PROBLEM_LEVEL, [level.value for level in ProblemLevel]),
            vol.Required(
                CONF_PROBLEM_MAINTENANCE, default=get(CONF_PROBLEM_MAINTENANCE, False)
            ): BooleanSelector(),
            vol.Required(
                CONF_PROBLEM_UNKNOWN, default=get(CONF_PROBLEM_UNKNOWN, False)
            ): BooleanSelector(),
            vol.Required(CONF_HOLD_DOWN, default=get(CONF_HOLD_DOWN, 0)): NumberSelector(
                NumberSelectorConfig(
                    min=0,
                    max=MAX_HOLD_DOWN,
                    step=1,
                    unit_of_measurement="min",
                    mode=NumberSelectorMode.BOX,
                )
            ),
            vol.Required(
                CONF_HOLD_DOWN_BYPASS, default=get(CONF_HOLD_DOWN_BYPASS, Impact.MAJOR.value)
            ): _listed(CONF_HOLD_DOWN_BYPASS, _BYPASS),
            vol.Required(CONF_WEBHOOK, default=get(CONF_WEBHOOK, False)): bool,
        }
    )


class StatusTrackerOptionsFlow(OptionsFlowWithReload):
    """Options that change what is polled, fired and shown, not which page; saving reloads."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form; Home Assistant reloads the entry when the options changed."""
        entry = self.config_entry
        webhook_id: str | None = entry.data.get(CONF_WEBHOOK_ID)
        if user_input is not None:
            if user_input[CONF_WEBHOOK] and webhook_id is None:
                # A secret, so entry data; made once, so the URL given to the page stays valid.
                self.hass.config_entries.async_update_entry(
                    entry, data={**entry.data, CONF_WEBHOOK_ID: webhook.async_generate_id()}
                )
            return self.async_create_entry(
                data={
                    **user_input,
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                    CONF_HOLD_DOWN: int(user_input.get(CONF_HOLD_DOWN, 0)),
                }
            )
        runtime = getattr(entry, "runtime_data", None)
        snapshot = runtime.coordinator.data if runtime is not None else None
        url = webhook_url(self.hass, webhook_id) if webhook_id else "-"
        return self.async_show_form(
            step_id="init",
            data_schema=options_schema(entry.options, snapshot),
            description_placeholders={"webhook_url": url},
        )
