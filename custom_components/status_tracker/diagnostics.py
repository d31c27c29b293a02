"""Diagnostics: the entry, the reader's validators, the seen-key record size and the snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.diagnostics import async_redact_data

from .client import to_data

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry

# The webhook id is a secret (anyone holding it can make us poll); tokens in case a
# private page's URL carries one.
TO_REDACT = {"webhook_id", "token", "api_key"}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant,  # noqa: ARG001
    entry: StatusTrackerConfigEntry,
) -> dict[str, Any]:
    """What a bug report needs."""
    coordinator = entry.runtime_data.coordinator
    tracker = coordinator.tracker
    seen = tracker.seen
    return async_redact_data(
        {
            "entry": {"data": dict(entry.data), "options": dict(entry.options)},
            "source": to_data(tracker.source),
            "validators": {
                url: to_data(state.validators) for url, state in tracker.state.documents.items()
            },
            "parse_count": tracker.parse_count,
            "failures": coordinator.failures,
            "update_interval": coordinator.update_interval.total_seconds()
            if coordinator.update_interval
            else None,
            "seen": {
                "incidents": len(seen.updates) if seen else 0,
                "updates": sum(len(ids) for ids in seen.updates.values()) if seen else 0,
            },
            "snapshot": to_data(coordinator.data) if coordinator.data else None,
        },
        TO_REDACT,
    )
