"""Catalog rows linked to Home Assistant integrations, served on loopback for the tests."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import HANDLERS, ConfigFlow
from pytest_homeassistant_custom_component.common import (
    MockModule,
    mock_integration,
    mock_platform,
)

from custom_components.status_tracker import links
from custom_components.status_tracker.client import SourceKind, load_catalog
from tests.status_page_server import DEMO_PAGE, demo_documents

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import HomeAssistant, State
    import pytest

    from tests.status_page_server import StatusPageServer


def serve_page(
    server: StatusPageServer, prefix: str, page_id: str, name: str, stage: int | None = None
) -> None:
    """A Statuspage page of its own (id, name) under ``prefix`` on ``server``."""
    summary, incidents = demo_documents(stage)
    page: dict[str, Any] = {**DEMO_PAGE, "id": page_id, "name": name}
    server.set(f"{prefix}/api/v2/summary.json", {**summary, "page": page})
    server.set(f"{prefix}/api/v2/incidents.json", {**incidents, "page": page})


def link_rows(monkeypatch: pytest.MonkeyPatch, urls: dict[str, str]) -> None:
    """The real catalog, with the named rows read as Statuspage pages at ``urls``."""
    catalog = tuple(
        replace(page, url=urls[page.name], platform=SourceKind.STATUSPAGE)
        if page.name in urls
        else page
        for page in load_catalog()
    )
    monkeypatch.setattr(links, "load_catalog", lambda: catalog)


def mock_linked(
    hass: HomeAssistant,
    monkeypatch: pytest.MonkeyPatch,
    domain: str,
    name: str,
    setup: Callable[[HomeAssistant, ConfigEntry[Any]], Awaitable[bool]] | None = None,
) -> None:
    """A stand-in for a linked integration: its entries set up with ``setup`` (else work)."""
    mock_integration(
        hass, MockModule(domain, async_setup_entry=setup, partial_manifest={"name": name})
    )
    mock_platform(hass, f"{domain}.config_flow", None)
    # Entries are set up only for a domain with a flow handler of their version.
    monkeypatch.setitem(HANDLERS, domain, type(f"{name}Flow", (ConfigFlow,), {"VERSION": 1}))


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The entity's state, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state
