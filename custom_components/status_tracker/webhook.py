"""Push: a Statuspage webhook subscription calls us, and we poll at once (conditionally).

Polling keeps running for reconciliation; the webhook only shortens the wait.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Final

from aiohttp import web
from homeassistant.components import webhook

from .client import StatusPageContentError, parse_webhook
from .const import LOGGER
from .helpers import CONF_WEBHOOK, CONF_WEBHOOK_ID

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import StatusTrackerConfigEntry

# Real notifications are a few KiB; refuse anything far larger before reading it.
MAX_WEBHOOK_BYTES: Final = 256 * 1024


def async_register_webhook(hass: HomeAssistant, entry: StatusTrackerConfigEntry) -> None:
    """Listen for the entry's webhook while it is loaded, if push is switched on."""
    webhook_id = entry.data.get(CONF_WEBHOOK_ID)
    if not entry.options.get(CONF_WEBHOOK) or not webhook_id:
        return
    coordinator = entry.runtime_data.coordinator

    async def handle(
        hass: HomeAssistant,  # noqa: ARG001
        webhook_id: str,  # noqa: ARG001
        request: web.Request,
    ) -> web.Response | None:
        if (request.content_length or 0) > MAX_WEBHOOK_BYTES:
            return _too_large(entry)
        # A chunked body has no length to check first, and one read returns only what has
        # arrived so far: read to the end, stopping as soon as it is too large.
        body = bytearray()
        async for chunk in request.content.iter_any():
            body += chunk
            if len(body) > MAX_WEBHOOK_BYTES:
                return _too_large(entry)
        try:
            notice = parse_webhook(bytes(body))
        except StatusPageContentError as err:
            LOGGER.warning(
                "%s: ignored a webhook call that is not a notification: %s", entry.title, err
            )
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        if (
            coordinator.tracker.reader.platform.keyed_by_page_id
            and notice.page_id != entry.unique_id
        ):
            LOGGER.warning(
                "%s: ignored a webhook call for another page (%s)", entry.title, notice.page_id
            )
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        LOGGER.debug("%s: webhook notice %s; refreshing now", entry.title, notice)
        await coordinator.async_request_refresh()
        return None  # the webhook component answers 200 OK

    webhook.async_register(
        hass, entry.domain, entry.title, webhook_id, handle, allowed_methods=["POST"]
    )
    entry.async_on_unload(lambda: webhook.async_unregister(hass, webhook_id))


def _too_large(entry: StatusTrackerConfigEntry) -> web.Response:
    """Refuse a body over the cap, and say so (README: every refused call is logged)."""
    LOGGER.warning(
        "%s: ignored a webhook call larger than %s KiB", entry.title, MAX_WEBHOOK_BYTES // 1024
    )
    return web.Response(status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
