"""Statuspage subscriber webhooks: a notification for a page is accepted, anything else refused.

Promises from the README's "Push (webhook)" section and webhook.py's docstrings; the bodies
are Statuspage's own webhook payloads (see tests/fixtures/README.md). The refusal's message
is what the integration logs for an ignored call.
"""

from __future__ import annotations

import json

import pytest

from custom_components.status_tracker.client import (
    StatusPageContentError,
    WebhookNotice,
    parse_webhook,
)
from tests.status_page_server import fixture

NOT_A_NOTIFICATION = "Webhook body is not a Statuspage incident or component notification"


def test_incident_notification() -> None:
    for name in ("zulip_incident_created.json", "zulip_incident_update.json"):
        assert parse_webhook(fixture(name)) == WebhookNotice(
            page_id="jb7j80lkgqvb", incident_id="z3lct0r596n4", component_id=None
        )


def test_component_notification() -> None:
    assert parse_webhook(fixture("zulip_component_status_update.json")) == WebhookNotice(
        page_id="jb7j80lkgqvb", incident_id=None, component_id="sqm6pl84wzjc"
    )


def test_notification_naming_both() -> None:
    body = {
        "page": {"id": "p1"},
        "incident": {"id": "i1"},
        "component_update": {"component_id": "c1"},
    }
    assert parse_webhook(json.dumps(body).encode()) == WebhookNotice(
        page_id="p1", incident_id="i1", component_id="c1"
    )


def test_numeric_ids_read_as_text() -> None:
    body = {"page": {"id": 7}, "incident": {"id": 42}}
    assert parse_webhook(json.dumps(body).encode()) == WebhookNotice(
        page_id="7", incident_id="42", component_id=None
    )


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"3", b"null"])
def test_a_body_that_is_not_a_json_object_is_refused(body: bytes) -> None:
    with pytest.raises(StatusPageContentError) as err:
        parse_webhook(body)
    assert str(err.value) == "Webhook body is not a JSON object"


def test_a_body_that_is_not_json_is_refused() -> None:
    with pytest.raises(StatusPageContentError, match=r"^Invalid JSON"):
        parse_webhook(b"page=1&incident=2")


@pytest.mark.parametrize(
    "body",
    [
        {},
        # A page but nothing that happened on it.
        {"page": {"id": "p1"}},
        {"page": {"id": "p1"}, "incident": {"name": "no id"}, "component_update": {"id": "x"}},
        {"page": {"id": "p1"}, "incident": "i1", "component_update": ["c1"]},
        # Something that happened, but on no page.
        {"incident": {"id": "i1"}},
        {"component_update": {"component_id": "c1"}},
        {"page": {"id": ""}, "incident": {"id": "i1"}},
        {"page": "p1", "incident": {"id": "i1"}},
        {"page": {"ID": "p1"}, "incident": {"id": "i1"}},
    ],
)
def test_a_body_that_is_no_notification_is_refused(body: object) -> None:
    with pytest.raises(StatusPageContentError) as err:
        parse_webhook(json.dumps(body).encode())
    assert str(err.value) == NOT_A_NOTIFICATION
