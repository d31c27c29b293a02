"""The ``status_tracker.get_incidents`` action: active and recent incidents of one page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse, callback
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.service import async_get_config_entry
import voluptuous as vol

from .const import DOMAIN
from .incident_view import incident_details

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .client import Snapshot
    from .coordinator import StatusTrackerConfigEntry

SERVICE_GET_INCIDENTS: Final = "get_incidents"
ATTR_INCLUDE_RESOLVED: Final = "include_resolved"
MAX_UPDATES: Final = 20

SCHEMA = vol.Schema(
    {
        # One entry, as the config_entry selector in services.yaml picks one.
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Optional(ATTR_INCLUDE_RESOLVED, default=True): cv.boolean,
    }
)


def incidents_response(snapshot: Snapshot, *, include_resolved: bool) -> dict[str, Any]:
    """The action's answer: incidents and maintenances apart, whichever platform read them."""
    # Feeds list their maintenance windows among the incidents, JSON platforms apart: either
    # way a maintenance is answered under "maintenances", as the calendar shows it.
    incidents = [
        incident
        for incident in snapshot.incidents
        if not incident.is_maintenance and (incident.is_active or include_resolved)
    ]
    return {
        "provider": snapshot.page.name,
        "status": snapshot.status.value,
        "description": snapshot.description,
        "incidents": [incident_details(i, MAX_UPDATES) for i in incidents],
        "maintenances": [incident_details(i, MAX_UPDATES) for i in snapshot.all_maintenances],
    }


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, for all entries)."""

    async def get_incidents(call: ServiceCall) -> ServiceResponse:
        # Raises a translated ServiceValidationError for an unknown, foreign or unloaded entry.
        entry: StatusTrackerConfigEntry = async_get_config_entry(
            hass, DOMAIN, call.data[ATTR_CONFIG_ENTRY_ID]
        )
        snapshot = entry.runtime_data.coordinator.data
        return incidents_response(snapshot, include_resolved=call.data[ATTR_INCLUDE_RESOLVED])

    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_INCIDENTS,
        get_incidents,
        schema=SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
