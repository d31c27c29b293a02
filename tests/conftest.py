"""Fixtures shared by every test: the loopback status page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension

from tests.status_page_server import StatusPageServer

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from syrupy.assertion import SnapshotAssertion


@pytest.fixture
async def status_page(socket_enabled: None) -> AsyncIterator[StatusPageServer]:
    """A status page server on 127.0.0.1 with no routes yet (real sockets, loopback only)."""
    server = StatusPageServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots in Home Assistant's format (stable ids and times left out)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)
