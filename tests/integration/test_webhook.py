"""Push: a Statuspage webhook call makes an immediate poll; bad calls are refused."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.status_page_server import DEMO_PAGE, fixture, serve_stage

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from aiohttp.test_utils import TestClient
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry
    from pytest_homeassistant_custom_component.typing import (
        ClientSessionGenerator,
        WebSocketGenerator,
    )

    from tests.status_page_server import StatusPageServer

WEBHOOK_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
async def push_entry(hass: HomeAssistant, mock_entry: MockConfigEntry) -> MockConfigEntry:
    """The demo entry with webhook push on."""
    assert await async_setup_component(hass, "webhook", {})
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry,
        data={**mock_entry.data, "webhook_id": WEBHOOK_ID},
        options={**mock_entry.options, "webhook": True},
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    return mock_entry


def _notification(page_id: str = DEMO_PAGE["id"]) -> bytes:
    payload = json.loads(fixture("zulip_incident_created.json"))
    payload["page"]["id"] = page_id
    return json.dumps(payload).encode()


async def test_webhook_triggers_an_immediate_poll(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = async_capture_events(hass, EVENT_INCIDENT)
    client = await hass_client_no_auth()
    serve_stage(demo_page, 0)
    caplog.set_level(logging.DEBUG, logger="custom_components.status_tracker")
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=_notification())
    assert response.status == 200
    await hass.async_block_till_done()
    assert [e.data["status"] for e in events] == ["investigating"]  # no waiting for the interval
    # README: with debug logging on, the accepted call is logged with its notice.
    (line,) = [r.getMessage() for r in caplog.records if r.module == "webhook"]
    assert line.startswith("Demo Cloud: webhook notice ")
    assert line.endswith("; refreshing now")
    assert DEMO_PAGE["id"] in line
    summary_hits = demo_page.requests("/api/v2/summary.json")
    assert summary_hits[-1].headers.get("If-None-Match")  # still a conditional poll


async def test_the_webhook_takes_post_only_and_answers_without_error(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    hass_ws_client: WebSocketGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """README: calls are POSTs; the webhook is listed under the integration and the entry."""
    ws = await hass_ws_client(hass)
    await ws.send_json({"id": 1, "type": "webhook/list"})
    listed = (await ws.receive_json())["result"]
    (ours,) = [w for w in listed if w["webhook_id"] == WEBHOOK_ID]
    assert (ours["domain"], ours["name"], ours["allowed_methods"]) == (
        "status_tracker",
        "Demo Cloud",
        ["POST"],
    )
    client = await hass_client_no_auth()
    assert (await client.put(f"/api/webhook/{WEBHOOK_ID}", data=_notification())).status == 405
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=_notification())
    await hass.async_block_till_done()
    assert response.status == 200
    # Home Assistant answers 200 even when a handler fails: a good call logs no error.
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]


def _refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The warnings the webhook logged."""
    return [
        r.getMessage() for r in caplog.records if r.module == "webhook" and r.levelname == "WARNING"
    ]


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        (b"not json", 400, "Invalid JSON"),
        # Neither incident nor component.
        (b'{"page": {"id": "demo0page001"}}', 400, "not a Statuspage incident or component"),
        (b"[]", 400, "not a JSON object"),
        (_notification("someotherpage"), 400, "someotherpage"),
        (b"{" + b" " * (300 * 1024) + b"}", 413, "256 KiB"),
    ],
    ids=["not_json", "no_incident_or_component", "not_an_object", "another_page", "too_large"],
)
async def test_bad_webhook_calls_are_refused(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    status: int,
    said: str,
) -> None:
    client = await hass_client_no_auth()
    polls = len(demo_page.hits)
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=body)
    assert response.status == status
    await hass.async_block_till_done()
    assert len(demo_page.hits) == polls  # no poll for a refused call
    # Logged (README), naming the entry and why.
    (line,) = _refusals(caplog)
    assert "Demo Cloud" in line
    assert said in line


@pytest.mark.parametrize("chunked", [False, True], ids=["with_length", "chunked"])
@pytest.mark.parametrize(("size", "status"), [(256 * 1024, 200), (256 * 1024 + 1, 413)])
async def test_a_body_of_at_most_256_kib_is_read(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
    chunked: bool,
    size: int,
    status: int,
) -> None:
    """README: "a JSON body of at most 256 KiB": a notification padded to exactly that is
    taken, one byte more is refused, whether the length is sent first or not."""
    notification = _notification()
    body = notification[:-1] + b" " * (size - len(notification)) + notification[-1:]
    assert len(body) == size

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]
            await asyncio.sleep(0.001)

    events = async_capture_events(hass, EVENT_INCIDENT)
    client = await hass_client_no_auth()
    serve_stage(demo_page, 0)
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=chunks() if chunked else body)
    assert response.status == status
    await hass.async_block_till_done()
    assert len(events) == (1 if status == 200 else 0)


async def _polls_after_a_call(
    hass: HomeAssistant, client: TestClient[Any, Any], page: StatusPageServer
) -> int:
    """How many requests the page gets when the webhook URL is called with a notification."""
    before = len(page.hits)
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=_notification())
    assert response.status == 200  # Home Assistant answers unknown webhooks with 200 too
    await hass.async_block_till_done()
    return len(page.hits) - before


async def test_turning_push_off_unregisters_the_webhook(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
) -> None:
    client = await hass_client_no_auth()
    serve_stage(demo_page, 0)
    assert WEBHOOK_ID in hass.data["webhook"]
    assert await _polls_after_a_call(hass, client, demo_page) > 0
    # Push off, saved through the options form (which reloads the entry).
    result = await hass.config_entries.options.async_init(push_entry.entry_id)
    await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"scan_interval": 300, "components": [], "min_impact": "none", "webhook": False},
    )
    await hass.async_block_till_done()
    assert push_entry.data["webhook_id"] == WEBHOOK_ID  # kept for turning it on again
    assert WEBHOOK_ID not in hass.data.get("webhook", {})
    serve_stage(demo_page, 1)
    assert await _polls_after_a_call(hass, client, demo_page) == 0


async def test_webhook_is_off_by_default(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    assert await async_setup_component(hass, "webhook", {})
    client = await hass_client_no_auth()
    assert "webhook_id" not in setup_entry.data
    assert WEBHOOK_ID not in hass.data.get("webhook", {})
    assert await _polls_after_a_call(hass, client, demo_page) == 0


async def test_oversized_body_without_length_is_refused(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        # Chunked: no Content-Length to refuse early, so the read itself is capped.
        for _ in range(300):
            yield b" " * 1024

    client = await hass_client_no_auth()
    polls = len(demo_page.hits)
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=chunks())
    assert response.status == 413
    await hass.async_block_till_done()
    assert len(demo_page.hits) == polls
    (line,) = _refusals(caplog)
    assert "Demo Cloud" in line
    assert "256 KiB" in line


async def test_notification_sent_in_chunks_is_read_whole(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    demo_page: StatusPageServer,
    push_entry: MockConfigEntry,
) -> None:
    notification = _notification()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(notification), 100):
            yield notification[start : start + 100]
            await asyncio.sleep(0.001)  # each piece arrives on its own

    events = async_capture_events(hass, EVENT_INCIDENT)
    client = await hass_client_no_auth()
    serve_stage(demo_page, 0)
    response = await client.post(f"/api/webhook/{WEBHOOK_ID}", data=chunks())
    assert response.status == 200
    await hass.async_block_till_done()
    assert [e.data["status"] for e in events] == ["investigating"]


async def test_options_show_the_webhook_path_without_a_known_url(
    hass: HomeAssistant, push_entry: MockConfigEntry
) -> None:
    # No internal, external or cloud URL: the user still gets the path to append.
    hass.config.internal_url = None
    hass.config.external_url = None
    hass.config.api = None
    result = await hass.config_entries.options.async_init(push_entry.entry_id)
    assert result["description_placeholders"] == {"webhook_url": f"/api/webhook/{WEBHOOK_ID}"}


async def test_options_show_the_full_webhook_url(
    hass: HomeAssistant, push_entry: MockConfigEntry
) -> None:
    hass.config.internal_url = None
    hass.config.external_url = "https://home.example.org"
    result = await hass.config_entries.options.async_init(push_entry.entry_id)
    assert result["description_placeholders"] == {
        "webhook_url": f"https://home.example.org/api/webhook/{WEBHOOK_ID}"
    }
