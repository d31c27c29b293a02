"""The ``status_tracker.get_incidents`` action: active and recent incidents of chosen pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import ServiceValidationError
import homeassistant.helpers.config_validation as cv
import voluptuous as vol

from .const import DOMAIN
from .incident_view import incident_details

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry

SERVICE_GET_INCIDENTS: Final = "get_incidents"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_INCLUDE_RESOLVED: Final = "include_resolved"
MAX_UPDATES: Final = 20

SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional(ATTR_INCLUDE_RESOLVED, default=True): cv.boolean,
    }
)


def _loaded_entry(hass: HomeAssistant, entry_id: str) -> StatusTrackerConfigEntry:
    entry: StatusTrackerConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_found",
            translation_placeholders={"entry_id": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"title": entry.title},
        )
    return entry


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, for all entries)."""

    async def get_incidents(call: ServiceCall) -> ServiceResponse:
        response: dict[str, object] = {}
        for entry_id in call.data[ATTR_CONFIG_ENTRY_ID]:
            snapshot = _loaded_entry(hass, entry_id).runtime_data.coordinator.data
            incidents = [
                incident
                for incident in snapshot.incidents
                if incident.is_active or call.data[ATTR_INCLUDE_RESOLVED]
            ]
            response[entry_id] = {
                "provider": snapshot.page.name,
                "status": snapshot.status.value,
                "description": snapshot.description,
                "incidents": [incident_details(i, MAX_UPDATES) for i in incidents],
                "maintenances": [incident_details(i, MAX_UPDATES) for i in snapshot.maintenances],
            }
        return response  # type: ignore[return-value]

    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_INCIDENTS,
        get_incidents,
        schema=SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
