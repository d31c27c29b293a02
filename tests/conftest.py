"""Fixtures shared by every test: the loopback status page."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

import pytest
from pytest_homeassistant_custom_component.syrupy import (
    HomeAssistantSnapshotExtension,
    HomeAssistantSnapshotSerializer,
)

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


class _Serializer(HomeAssistantSnapshotSerializer):  # type: ignore[misc]
    @classmethod
    def _serialize(cls, data: Any, **kwargs: Any) -> str:
        # Newer releases key standard state attributes by enum members, older ones by
        # plain strings: the same attribute, so it is written by its name alone.
        if isinstance(data, dict) and any(isinstance(key, Enum) for key in data):
            data = type(data)({k.value if isinstance(k, Enum) else k: v for k, v in data.items()})
        return super()._serialize(data, **kwargs)  # type: ignore[no-any-return]


class SnapshotExtension(HomeAssistantSnapshotExtension):  # type: ignore[misc]
    """Home Assistant's format, written the same by every supported Home Assistant."""

    serializer_class = _Serializer


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots in Home Assistant's format (stable ids and times left out)."""
    return snapshot.use_extension(SnapshotExtension)
