"""Statuspage (and Instatus) subscriber webhooks: validated, then used only as a nudge.

A webhook body is never taken as data: the caller refreshes from the page itself,
so a forged or replayed call can at most cause one extra conditional poll.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import StatusPageContentError
from .parsers.fields import load_json, obj, text


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookNotice:
    """What a webhook call says happened, and on which page."""

    page_id: str
    incident_id: str | None = None
    component_id: str | None = None


def parse_webhook(body: bytes) -> WebhookNotice:
    """Check that ``body`` is a Statuspage notification; raise StatusPageContentError if not."""
    data = load_json(body)
    if not isinstance(data, dict):
        msg = "Webhook body is not a JSON object"
        raise StatusPageContentError(msg)
    page_id = text(obj(data.get("page")).get("id"))
    incident = obj(data.get("incident"))
    component_update = obj(data.get("component_update"))
    incident_id = text(incident.get("id"))
    component_id = text(component_update.get("component_id"))
    if not page_id or not (incident_id or component_id):
        msg = "Webhook body is not a Statuspage incident or component notification"
        raise StatusPageContentError(msg)
    return WebhookNotice(page_id=page_id, incident_id=incident_id, component_id=component_id)
