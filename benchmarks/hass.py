"""A real Home Assistant core in the worker process: what every Home Assistant approach shares.

Home Assistant's own objects and bootstrap steps, no default integrations and no mocks; the
config entries are written to ``.storage`` first, so a domain's set-up is Home Assistant's own
concurrent set-up of all entries, as at start.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
import socket
import tempfile
import time
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from benchmarks.approach import Approach, fail

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from homeassistant.core import HomeAssistant


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def set_up(hass: HomeAssistant, domain: str, config: dict[str, Any]) -> None:
    """Set up ``domain`` with ``config``; raise if Home Assistant says it did not."""
    from homeassistant.setup import async_setup_component  # noqa: PLC0415

    if not await async_setup_component(hass, domain, config):
        msg = f"{domain} did not set up"
        raise fail(msg)


class Hass(Approach):
    """A real Home Assistant core in this process, with its own config directory."""

    components: tuple[str, ...] = ()
    platform_modules: tuple[str, ...] = ()

    def __init__(self, pages: list[dict[str, Any]], base: str) -> None:
        """Use a fresh temporary config directory."""
        super().__init__(pages, base)
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-ha-")
        self.config_dir = Path(self._tmp.name)
        self.hass: HomeAssistant | None = None
        self.http_port = _free_port()
        self.states_when_setup_returned: dict[str, int] = {}

    def entries(self) -> list[dict[str, Any]]:
        """Config entries to store before start (as a restart would find them)."""
        return []

    def _write_entries(self) -> None:
        from homeassistant import config_entries  # noqa: PLC0415
        from homeassistant.helpers.json import json_bytes  # noqa: PLC0415

        entries = []
        for spec in self.entries():
            entry = config_entries.ConfigEntry(
                data=spec["data"],
                discovery_keys=MappingProxyType({}),
                domain=spec["domain"],
                minor_version=spec.get("minor_version", 1),
                options=spec["options"],
                # Rounds are driven explicitly (the same coroutine HA's timer calls), so the
                # entries' own timers are off: the measured rounds are the only polls.
                pref_disable_polling=True,
                source=config_entries.SOURCE_USER,
                subentries_data=None,
                title=spec["title"],
                unique_id=spec["unique_id"],
                version=1,
            )
            entries.append(entry.as_dict())
        storage = self.config_dir / ".storage"
        storage.mkdir(parents=True, exist_ok=True)
        (storage / config_entries.STORAGE_KEY).write_bytes(
            json_bytes({
                "version": config_entries.STORAGE_VERSION,
                "minor_version": config_entries.STORAGE_VERSION_MINOR,
                "key": config_entries.STORAGE_KEY,
                "data": {"entries": entries},
            })
        )  # fmt: skip

    async def start(self) -> None:
        """Home Assistant's own bootstrap steps, minus the default integrations."""
        from homeassistant import bootstrap, loader  # noqa: PLC0415
        from homeassistant.auth import auth_manager_from_config  # noqa: PLC0415
        from homeassistant.config_entries import ConfigEntries  # noqa: PLC0415
        from homeassistant.core import HomeAssistant  # noqa: PLC0415

        self._write_entries()
        hass = HomeAssistant(str(self.config_dir))
        self.hass = hass
        loader.async_setup(hass)
        hass.config.skip_pip = True
        await hass.config.async_set_time_zone("UTC")
        hass.config_entries = ConfigEntries(hass, {})
        await loader.async_get_custom_components(hass)
        # Returns False on a storage version error (None before Home Assistant 2026.x).
        if await bootstrap.async_load_base_functionality(hass) is False:
            msg = "registries did not load"
            raise fail(msg)
        hass.auth = await auth_manager_from_config(hass, [{"type": "homeassistant"}], [])
        for domain in bootstrap.CORE_INTEGRATIONS:
            await set_up(hass, domain, {})
        http = {"server_host": ["127.0.0.1"], "server_port": self.http_port}
        await set_up(hass, "http", {"http": http})
        for domain in self.components:
            await set_up(hass, domain, {})
        # Import the integration and its platforms now: code is not a per-provider cost.
        for module in self.platform_modules:
            await hass.async_add_executor_job(__import__, module)
        await hass.async_block_till_done()

    @property
    def h(self) -> HomeAssistant:
        """The running Home Assistant."""
        if self.hass is None:
            msg = "Home Assistant is not started"
            raise fail(msg)
        return self.hass

    async def all_set_up(self, domain: str, limit: float = 600.0) -> None:
        """Wait until every entry of ``domain`` is loaded (retries included), at most ``limit``.

        An entry whose first poll fails (e.g. times out when the loop is saturated) is retried
        by Home Assistant in the background: set-up ends when all are loaded.
        """
        from homeassistant.config_entries import ConfigEntryState  # noqa: PLC0415

        self.states_when_setup_returned = self.entry_states()
        deadline = time.monotonic() + limit
        # Entry states change inside Home Assistant, which offers no event to await here.
        while time.monotonic() < deadline and any(  # noqa: ASYNC110
            e.state is not ConfigEntryState.LOADED
            for e in self.h.config_entries.async_entries(domain)
        ):
            await asyncio.sleep(0.1)
        await self.h.async_block_till_done()

    async def started(self) -> None:
        """Fire Home Assistant's start (the http server listens from here)."""
        await self.h.async_start()
        await self.h.async_block_till_done()

    def _coordinators(self) -> list[Any]:
        raise NotImplementedError

    def pollers(self) -> list[Callable[[], Awaitable[Any]]]:
        """Each coordinator's refresh."""
        return [c.async_refresh for c in self._coordinators()]

    async def settle(self) -> None:
        """Let state writes and events settle."""
        await self.h.async_block_till_done()

    def failures(self) -> int:
        """Providers not loaded, or whose last refresh failed."""
        loaded = self._coordinators()
        return len(self.pages) - len(loaded) + sum(not c.last_update_success for c in loaded)

    def entry_states(self) -> dict[str, int]:
        """How many config entries are in each state (with the reason, if any)."""
        counts: dict[str, int] = {}
        for entry in self.h.config_entries.async_entries():
            key = f"{entry.domain}: {entry.state.value}" + (
                f" ({entry.reason})" if entry.reason else ""
            )
            counts[key] = counts.get(key, 0) + 1
        return counts

    async def stop(self) -> None:
        """Stop Home Assistant and remove its config directory."""
        if self.hass is not None:
            await self.hass.async_stop(force=True)
        self._tmp.cleanup()
