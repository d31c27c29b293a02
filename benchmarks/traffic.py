"""Counting what crosses the farm's page ports: requests, bytes both ways, connections."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, override

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(slots=True)
class Stats:
    """What crossed the page ports."""

    requests: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    connections: int = 0
    status: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "requests": self.requests,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "connections": self.connections,
            "status": dict(self.status),
        }


class _CountingTransport:
    """Delegates to the real transport and counts what is written."""

    def __init__(self, transport: asyncio.Transport, stats: Stats) -> None:
        self._transport = transport
        self._stats = stats

    def write(self, data: bytes) -> None:
        self._stats.bytes_out += len(data)
        self._transport.write(data)

    def writelines(self, chunks: Iterable[bytes]) -> None:
        chunks = list(chunks)
        self._stats.bytes_out += sum(len(c) for c in chunks)
        self._transport.writelines(chunks)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CountingProtocol(asyncio.Protocol):
    """Wraps aiohttp's request handler, counting the bytes read."""

    def __init__(self, inner: asyncio.Protocol, stats: Stats) -> None:
        """Hand everything to ``inner``, counting into ``stats``."""
        self._inner = inner
        self._stats = stats

    @override
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._stats.connections += 1
        counting = _CountingTransport(transport, self._stats)  # type: ignore[arg-type]
        self._inner.connection_made(counting)  # type: ignore[arg-type]

    @override
    def data_received(self, data: bytes) -> None:
        self._stats.bytes_in += len(data)
        self._inner.data_received(data)

    @override
    def eof_received(self) -> bool | None:
        return self._inner.eof_received()

    @override
    def connection_lost(self, exc: Exception | None) -> None:
        self._inner.connection_lost(exc)

    @override
    def pause_writing(self) -> None:
        self._inner.pause_writing()

    @override
    def resume_writing(self) -> None:
        self._inner.resume_writing()
