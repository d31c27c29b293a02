"""What the config flow, the repairs and the webhook share: an entry's identity and source.

Kept apart so none of them imports another (the repair flow re-detects a page the
way the config flow does, and the options flow shows the webhook's address).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components import webhook
from homeassistant.const import CONF_URL
from homeassistant.helpers.network import NoURLAvailableError

from .client import Source, SourceKind
from .const import CONF_ENDPOINTS, CONF_SOURCE

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant

    from .client import Detection

CONF_WEBHOOK: Final = "webhook"  # option: push on or off
CONF_WEBHOOK_ID: Final = "webhook_id"  # data: a secret, made when push is first switched on


def unique_id_for(detection: Detection) -> str:
    """Statuspage-style pages keep their page id across domain moves; others are their URL."""
    if detection.platform.keyed_by_page_id and detection.snapshot.page.id:
        return detection.snapshot.page.id
    return detection.source.page_url


def entry_data(detection: Detection, name: str) -> dict[str, Any]:
    """What an entry stores of a detected source."""
    source = detection.source
    return {
        CONF_URL: source.page_url,
        CONF_SOURCE: source.kind.value,
        CONF_ENDPOINTS: list(source.endpoints),
        "name": name,
    }


def source_from_entry(entry: ConfigEntry[Any]) -> Source:
    """The source an entry was configured with."""
    return Source(
        kind=SourceKind(entry.data[CONF_SOURCE]),
        page_url=entry.data[CONF_URL],
        endpoints=tuple(entry.data[CONF_ENDPOINTS]),
    )


def webhook_url(hass: HomeAssistant, webhook_id: str) -> str:
    """The URL to give the status page's webhook subscription."""
    try:
        return webhook.async_generate_url(hass, webhook_id)
    except NoURLAvailableError:
        return webhook.async_generate_path(webhook_id)
