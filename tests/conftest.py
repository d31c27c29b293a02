"""Fixtures shared by every test: the loopback status page."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.status_page_server import StatusPageServer


@pytest.fixture
async def status_page() -> AsyncIterator[StatusPageServer]:
    """A status page server on 127.0.0.1 with no routes yet."""
    server = StatusPageServer()
    await server.start()
    yield server
    await server.stop()
