"""Transport faults: every one ends as a clean, logged UpdateFailed, never a hang or a crash."""

from __future__ import annotations

import socket
import time
from typing import TYPE_CHECKING

from aiohttp.abc import AbstractResolver
import pytest

from custom_components.status_tracker.client import (
    StatusPageConnectionError,
    StatusPageContentError,
    StatusPageHTTPError,
    StatusPageNotFoundError,
    StatusPageTimeoutError,
)
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    STATUS,
    SUMMARY,
    TIMEOUT,
    fails_cleanly,
    make_entry,
    serve,
    state,
)
from tests.reliability.fault_server import RawServer

if TYPE_CHECKING:
    from collections.abc import Callable

    from aiohttp.abc import ResolveResult
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from custom_components.status_tracker.client import StatusPageError
    from tests.reliability.fault_server import FaultServer

_DOC = b'{"page": {"id": "demo0page001", "name": "Demo Cloud"}, "incidents": []}' * 20


# (fault applied to summary.json, expected cause, expected log message)
TRANSPORT_FAULTS: dict[str, tuple[Callable[[FaultServer], object], type[StatusPageError], str]] = {
    "no_answer": (
        lambda s: s.hang(SUMMARY),
        StatusPageTimeoutError,
        rf"could not be reached: Timed out after {TIMEOUT:g} s reading http://.*/summary\.json",
    ),
    "timeout_mid_body": (
        lambda s: s.stall_body(SUMMARY, _DOC, 100),
        StatusPageTimeoutError,
        "could not be reached: Timed out after",
    ),
    "reset_mid_body": (
        lambda s: s.reset_mid_body(SUMMARY, _DOC, 100),
        StatusPageConnectionError,
        "could not be reached: Cannot read .*(not completed|Not enough data)",
    ),
    "http_500": (
        lambda s: s.set(SUMMARY, "<h1>oops</h1>", status=500, content_type="text/html"),
        StatusPageHTTPError,
        r"^The status page answered HTTP 500\.?$",
    ),
    "http_502": (
        lambda s: s.set(SUMMARY, "Bad gateway", status=502, content_type="text/plain"),
        StatusPageHTTPError,
        r"^The status page answered HTTP 502\.?$",
    ),
    "http_503": (
        lambda s: s.set(SUMMARY, "", status=503),
        StatusPageHTTPError,
        r"^The status page answered HTTP 503\.?$",
    ),
    "http_404": (
        lambda s: s.set(SUMMARY, "<html>Not found</html>", status=404, content_type="text/html"),
        StatusPageNotFoundError,
        r"^The status page answered HTTP 404\.?$",
    ),
    "http_410": (
        lambda s: s.set(SUMMARY, "", status=410),
        StatusPageNotFoundError,
        r"^The status page answered HTTP 410\.?$",
    ),
    "redirect_loop": (
        lambda s: s.set(SUMMARY, "", status=302, headers={"Location": SUMMARY}),
        StatusPageConnectionError,
        "could not be reached: Too many redirects",
    ),
    "redirect_to_other_scheme": (
        lambda s: s.set(SUMMARY, "", status=302, headers={"Location": "ftp://127.0.0.1/x.json"}),
        StatusPageConnectionError,
        "could not be reached: Cannot read .*ftp://127.0.0.1/x.json",
    ),
    "redirect_to_bad_url": (
        lambda s: s.set(SUMMARY, "", status=307, headers={"Location": "http://[::1"}),
        StatusPageConnectionError,
        "could not be reached: Cannot read",
    ),
    "redirect_without_location": (
        lambda s: s.set(SUMMARY, "", status=302),
        StatusPageContentError,
        "not a status document: Invalid JSON",
    ),
}


@pytest.mark.parametrize("fault", TRANSPORT_FAULTS, ids=str)
async def test_transport_fault_then_recovery(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    inject, cause, message = TRANSPORT_FAULTS[fault]
    inject(fault_page)
    started = time.monotonic()
    await fails_cleanly(hass, loaded, caplog, cause, message)
    assert time.monotonic() - started < TIMEOUT + 1.0  # the total timeout bounds every fault
    fault_page.clear(SUMMARY)
    serve(fault_page, 0)
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"  # back, and the change since is shown


async def test_connection_refused(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await fault_page.stop()
    await fails_cleanly(
        hass,
        loaded,
        caplog,
        StatusPageConnectionError,
        r"could not be reached: Cannot read .*Cannot connect to host 127\.0\.0\.1",
    )


async def test_slow_loris_body_is_cut_by_the_total_timeout(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # 1,400 bytes, one every 10 ms: 14 s if it were read to the end; no read ever waits long.
    fault_page.trickle(SUMMARY, _DOC, interval=0.01)
    started = time.monotonic()
    await fails_cleanly(hass, loaded, caplog, StatusPageTimeoutError, "Timed out after 0.5 s")
    assert time.monotonic() - started < TIMEOUT + 0.5


@pytest.mark.parametrize(
    ("payload", "interval", "cause", "message"),
    [
        (b"HELLO\r\n\r\n", 0.0, StatusPageConnectionError, "Cannot read .*(Bad status line|HTTP/)"),
        (
            b"HTTP/1.1 200 OK\r\nX-Bomb: " + b"a" * 200_000 + b"\r\n\r\n",
            0.0,
            StatusPageConnectionError,
            "Cannot read .*(Got more than|too long|Header)",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" * 50,
            0.01,
            StatusPageTimeoutError,
            "Timed out after",
        ),
    ],
    ids=["garbage_status_line", "endless_header", "trickled_headers"],
)
async def test_broken_http(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    payload: bytes,
    interval: float,
    cause: type[StatusPageError],
    message: str,
) -> None:
    raw = RawServer(payload, interval=interval)
    await raw.start()
    try:
        # Point summary.json at the broken server through a redirect of the healthy one.
        fault_page.set(SUMMARY, "", status=302, headers={"Location": f"{raw.url}{SUMMARY}"})
        await fails_cleanly(hass, loaded, caplog, cause, message)
    finally:
        await raw.stop()
    assert raw.connections >= 1


class _NoSuchHost(AbstractResolver):
    """Answers every name the way a real resolver answers NXDOMAIN."""

    async def resolve(
        self,
        host: str,
        port: int = 0,  # noqa: ARG002
        family: socket.AddressFamily = socket.AF_INET,  # noqa: ARG002
    ) -> list[ResolveResult]:
        raise OSError(socket.EAI_NONAME, f"Name or service not known: {host}")

    async def close(self) -> None:
        """Nothing to close."""

    async def real_close(self) -> None:
        """Home Assistant closes its resolver with this when the session closes."""


async def test_unresolvable_name(
    hass: HomeAssistant,
    monkeypatch: pytest.MonkeyPatch,
    socket_enabled: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unknown host is a clean connection error.

    The test harness's own resolver is bound to another event loop and raises a
    RuntimeError for any name; this one fails exactly like a real resolver does.
    """
    monkeypatch.setattr(
        "homeassistant.helpers.aiohttp_client._async_make_resolver", lambda _hass: _NoSuchHost()
    )
    entry = make_entry_for(hass, "http://nonexistent.invalid")
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state.name == "SETUP_RETRY"  # the first poll failed: retried later
    assert "Cannot connect to host nonexistent.invalid:80" in caplog.text
    assert hass.states.get(STATUS) is None


async def test_tls_to_a_plain_http_server(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    https = f"https://127.0.0.1:{fault_page.port}{SUMMARY}"
    fault_page.set(SUMMARY, "", status=302, headers={"Location": https})
    await fails_cleanly(
        hass, loaded, caplog, StatusPageConnectionError, "could not be reached: .*(SSL|ssl)"
    )


def make_entry_for(hass: HomeAssistant, base: str) -> MockConfigEntry:
    """An entry for a page at ``base`` (no server behind it)."""

    class _Nowhere:
        url = base

    return make_entry(_Nowhere())  # type: ignore[arg-type]
