"""How an incident is shown to users: capped for state attributes, fuller for action responses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .const import MAX_ATTR_COMPONENTS, MAX_ATTR_TEXT

if TYPE_CHECKING:
    from .client import Incident


def clip(text: str, limit: int = MAX_ATTR_TEXT) -> str:
    """Shorten ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def incident_attributes(incident: Incident) -> dict[str, Any]:
    """A small, recorder-friendly view of one incident."""
    latest = incident.updates[-1] if incident.updates else None
    return {
        "id": incident.id,
        "name": clip(incident.name),
        "status": incident.status.value,
        "impact": incident.impact.value,
        "latest_update": clip(latest.body) if latest else None,
        "components": list(incident.components[:MAX_ATTR_COMPONENTS]),
        "link": incident.url,
        "started_at": (incident.started_at or incident.created_at).isoformat(),
    }


def incident_details(incident: Incident, max_updates: int) -> dict[str, Any]:
    """The attribute view plus its newest updates in full, newest first, for actions."""
    return {
        **incident_attributes(incident),
        "name": incident.name,
        "resolved_at": incident.resolved_at.isoformat() if incident.resolved_at else None,
        "is_maintenance": incident.is_maintenance,
        "updates": [
            {
                "id": update.id,
                "status": update.status.value,
                "body": update.body,
                "display_at": update.display_at.isoformat(),
                "affected_components": [c.name for c in update.affected_components],
            }
            for update in reversed(incident.updates[-max_updates:])
        ],
    }
