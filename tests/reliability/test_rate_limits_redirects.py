"""Answers the reader acts on: rate limits and their Retry-After, redirects followed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import TYPE_CHECKING

from homeassistant.helpers.update_coordinator import UpdateFailed
import pytest

from custom_components.status_tracker.client import StatusPageRateLimitError
from tests.integration.conftest import poll
from tests.reliability.conftest import SUMMARY, coordinator_of, fails_cleanly, serve, state

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer


@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [
        ({}, 0.0),
        ({"Retry-After": "3600"}, 3600.0),
        ({"Retry-After": "soon"}, 0.0),
        ({"Retry-After": "1e15"}, 86400.0),  # capped at 24 h (was an OverflowError)
        ("http_date", 7200.0),
        ("skewed_http_date", 600.0),
    ],
    ids=["no_retry_after", "seconds", "unreadable", "absurd", "http_date", "server_clock_ahead"],
)
async def test_rate_limited(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    headers: dict[str, str] | str,
    retry_after: float,
) -> None:
    if isinstance(headers, str):
        # The server's clock is 3 hours ahead of ours when skewed; the wait it means is what
        # counts, so Retry-After is read against its Date header.
        server_now = datetime.now(UTC) + (
            timedelta(hours=3) if "skewed" in headers else timedelta()
        )
        wait = timedelta(seconds=retry_after)
        headers = {
            "Date": format_datetime(server_now, usegmt=True),
            "Retry-After": format_datetime(server_now + wait, usegmt=True),
        }
    fault_page.set(SUMMARY, "Slow down", status=429, headers=headers, content_type="text/plain")
    err = await fails_cleanly(
        hass,
        loaded,
        caplog,
        StatusPageRateLimitError,
        rf"^The status page asked us to slow down \(retry after {retry_after:.0f} s\)\.?$",
    )
    assert isinstance(err, StatusPageRateLimitError)
    if retry_after:
        assert err.retry_after == pytest.approx(retry_after, abs=2)
    else:  # none readable: the wait is the normal backoff
        assert err.retry_after is None
    failure = coordinator_of(loaded).last_exception
    assert isinstance(failure, UpdateFailed)
    assert failure.retry_after == pytest.approx(max(300.0, retry_after), abs=2)


async def test_503_with_retry_after_is_a_rate_limit(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fault_page.set(SUMMARY, "", status=503, headers={"Retry-After": "900"})
    await fails_cleanly(
        hass, loaded, caplog, StatusPageRateLimitError, r"slow down \(retry after 900 s\)"
    )
    failure = coordinator_of(loaded).last_exception
    assert isinstance(failure, UpdateFailed)
    assert failure.retry_after == 900


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_redirects_are_followed(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    status: int,
) -> None:
    serve(fault_page, 0, prefix="/new")
    fault_page.set(SUMMARY, "", status=status, headers={"Location": f"/new{SUMMARY}"})
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"
    reader = coordinator_of(loaded).tracker.reader
    assert reader.moved_to == (f"{fault_page.url}/new{SUMMARY}" if status in {301, 308} else None)


async def test_redirect_to_another_host(
    hass: HomeAssistant,
    fault_page: FaultServer,
    other_host: FaultServer,
    loaded: MockConfigEntry,
) -> None:
    serve(other_host, 0)
    fault_page.set(SUMMARY, "", status=302, headers={"Location": other_host.url + SUMMARY})
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"
    assert [hit.path for hit in other_host.hits] == [SUMMARY]
