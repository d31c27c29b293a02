"""Logbook: one readable line per incident event, linked failure and suppressed blip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, EVENT_INCIDENT, EVENT_LINKED_FAILURE, EVENT_SUPPRESSED

if TYPE_CHECKING:
    from collections.abc import Callable


@callback
def async_describe_events(
    hass: HomeAssistant,  # noqa: ARG001
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe incident events."""

    @callback
    def describe(event: Event) -> dict[str, str]:
        data = event.data
        status = str(data.get("status", "")).replace("_", " ")
        return {
            "name": str(data.get("provider", "Status page")),
            "message": f"{data.get('incident_name')}: {status}",
        }

    @callback
    def describe_suppressed(event: Event) -> dict[str, str]:
        data = event.data
        return {
            "name": str(data.get("provider", "Status page")),
            "message": (
                f"{data.get('incident_name')}: resolved within {data.get('hold_down')} minutes, "
                "suppressed by the hold-down"
            ),
        }

    async_describe_event(DOMAIN, EVENT_INCIDENT, describe)
    async_describe_event(DOMAIN, EVENT_SUPPRESSED, describe_suppressed)

    @callback
    def describe_failure(event: Event) -> dict[str, str]:
        """One line tying the incident to what fails here (affected.py writes the sentence)."""
        data = event.data
        provider = str(data.get("provider", "Status page"))
        line = {
            "name": provider,
            "message": str(data.get("message", "")).removeprefix(f"{provider}: "),
        }
        if entity_id := data.get("entity_id"):
            line["entity_id"] = str(entity_id)
        return line

    async_describe_event(DOMAIN, EVENT_LINKED_FAILURE, describe_failure)
