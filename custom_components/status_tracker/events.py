"""The ``status_incident`` bus event and the event entity's attributes, from one view.

Both are made from the library's ``UpdateView`` of a new update; they differ only in
what Home Assistant adds (entry, device, page) and how much text each keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import callback

from .client import view_of
from .const import EVENT_INCIDENT, EVENT_SUPPRESSED, MAX_ATTR_TEXT, MAX_EVENT_BODY
from .incident_view import clip

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from homeassistant.core import HomeAssistant

    from .client import Incident, NewUpdate

# What the event entity shows of an update (the rest is in the bus event).
ENTITY_KEYS: Final = (
    "incident_id",
    "incident_name",
    "status",
    "impact",
    "body",
    "shortlink",
)


def page_keys(
    *, entry_id: str, device_id: str | None, provider: str, page_url: str
) -> dict[str, str | None]:
    """What every event of a page carries, in this order."""
    return {
        "entry_id": entry_id,
        "device_id": device_id,
        "provider": provider,
        "page_url": page_url,
    }


def event_data(
    new: NewUpdate, page: Mapping[str, str | None], affected: list[dict[str, Any]]
) -> dict[str, Any]:
    """The ``status_incident`` event of one new update; ``affected``: see affected.py."""
    view = view_of(new).as_dict()
    del view["status_raw"]
    return {
        "type": view.pop("type"),
        **page,
        "affected_integrations": affected,
        **view,
        "incident_name": clip(new.incident.name, MAX_ATTR_TEXT),
        # Capped so the event stays under the recorder's 32 KiB (get_incidents has it all).
        "body": clip(new.update.body, MAX_EVENT_BODY),
    }


def entity_attributes(new: NewUpdate, affected: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The event entity's event type and attributes for one new update."""
    view = view_of(new).as_dict()
    return view["type"], {
        **{key: view[key] for key in ENTITY_KEYS},
        "affected_integrations": affected,
    }


def suppressed_data(
    incident: Incident, hold_down: int, page: Mapping[str, str | None]
) -> dict[str, Any]:
    """The ``status_incident_suppressed`` event of a new incident the hold-down dropped.

    ``page`` holds the keys every event of the page carries (``entry_id`` ... ``page_url``).
    """
    return {
        **page,
        "incident_id": incident.id,
        "incident_name": clip(incident.name, MAX_ATTR_TEXT),
        "impact": incident.impact.value,
        "started_at": (incident.started_at or incident.created_at).isoformat(),
        "resolved_at": incident.resolved_at.isoformat() if incident.resolved_at else None,
        "hold_down": hold_down,
    }


@callback
def fire_events(  # noqa: PLR0913  # one call per poll, each part named
    hass: HomeAssistant,
    page: Mapping[str, str | None],
    *,
    fire: Sequence[NewUpdate],
    suppressed: Sequence[Incident],
    hold_down: int,
    affected: list[dict[str, Any]],
) -> None:
    """Fire the new updates, oldest first, then the blips the hold-down dropped."""
    for new in fire:
        hass.bus.async_fire(EVENT_INCIDENT, event_data(new, page, affected))
    for incident in suppressed:
        hass.bus.async_fire(EVENT_SUPPRESSED, suppressed_data(incident, hold_down, page))
