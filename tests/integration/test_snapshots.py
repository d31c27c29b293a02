"""Every entity of a page (registry entry and state) and the diagnostics, as snapshots."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from homeassistant.const import Platform
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from syrupy.filters import props

import custom_components.status_tracker as integration
from tests.integration.conftest import poll
from tests.status_page_server import demo_documents

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
    from syrupy.assertion import SnapshotAssertion
    from syrupy.types import PropertyPath

    from tests.status_page_server import StatusPageServer

# The loopback page's port changes every run; snapshots name it by this stand-in.
PAGE_URL = "http://status.test"
MAINTENANCE = {
    "id": "mnt000000001",
    "name": "Database upgrade",
    "status": "scheduled",
    "impact": "maintenance",
    "shortlink": "https://stspg.io/mnt000000001",
    "created_at": "2026-11-20T09:00:00Z",
    "updated_at": "2026-11-20T09:00:00Z",
    "scheduled_for": "2026-11-24T02:00:00Z",
    "scheduled_until": "2026-11-24T04:00:00Z",
    "page_id": "demo0page001",
    "incident_updates": [
        {
            "id": "mnt00000upd0",
            "status": "scheduled",
            "body": "We will upgrade the database; the API may be slow.",
            "incident_id": "mnt000000001",
            "created_at": "2026-11-20T09:00:00Z",
            "updated_at": "2026-11-20T09:00:00Z",
            "display_at": "2026-11-20T09:00:00Z",
            "affected_components": [],
        }
    ],
    "components": [{"id": "db000000001d", "name": "Database", "status": "operational"}],
}


def _serve_incident_and_maintenance(page: StatusPageServer) -> None:
    """The demo incident at "identified" and one scheduled maintenance."""
    summary, incidents = demo_documents(1)
    summary["scheduled_maintenances"] = [MAINTENANCE]
    page.set("/api/v2/summary.json", summary)
    page.set("/api/v2/incidents.json", incidents)


async def _load(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> MockConfigEntry:
    """The demo entry following every component, after a baseline poll and one incident."""
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry,
        options={
            **mock_entry.options,
            "components": ["api00000001a", "web00000001w", "db000000001d"],
        },
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    _serve_incident_and_maintenance(demo_page)
    await poll(hass, mock_entry)
    return mock_entry


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> MockConfigEntry:
    """The demo entry with every platform, loaded as in ``_load``."""
    return await _load(hass, demo_page, mock_entry)


def _whole_seconds(*, data: Any, path: PropertyPath) -> Any:
    """An event's state to the second: one harness lets the frozen clock move a few ms."""
    if path and path[-1][0] == "state" and isinstance(data, str):
        return re.sub(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+", r"\1", data)
    return data


@pytest.mark.freeze_time("2026-11-23T12:30:00+00:00")
@pytest.mark.parametrize(
    "platform", [Platform.BINARY_SENSOR, Platform.CALENDAR, Platform.EVENT, Platform.SENSOR]
)
async def test_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    platform: Platform,
) -> None:
    # One platform per run, as snapshot_platform expects.
    monkeypatch.setattr(integration, "PLATFORMS", [platform])
    entry = await _load(hass, demo_page, mock_entry)
    # The one registry field whose shape differs between the supported Home Assistant
    # versions (a set before 2026.10, a list after); it is the user's, never ours.
    snapshot = snapshot.with_defaults(exclude=props("aliases"), matcher=_whole_seconds)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    device_ids = {
        e.device_id for e in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    }
    assert len(device_ids) == 1  # every entity belongs to the page's device
    assert None not in device_ids


def _stable(data: dict[str, Any], page: StatusPageServer) -> Any:
    return json.loads(json.dumps(data).replace(page.url, PAGE_URL))


@pytest.mark.freeze_time("2026-11-23T12:30:00+00:00")
async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    demo_page: StatusPageServer,
    loaded_entry: MockConfigEntry,
) -> None:
    hass.config_entries.async_update_entry(
        loaded_entry,
        data={**loaded_entry.data, "webhook_id": "0123456789abcdef0123456789abcdef"},
        options={**loaded_entry.options, "webhook": True},
    )
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)
    assert diagnostics["entry"]["data"]["webhook_id"] == "**REDACTED**"
    assert _stable(diagnostics, demo_page) == snapshot
