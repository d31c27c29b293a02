"""Entity states as snapshots, availability on errors, and diagnostics."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import TYPE_CHECKING

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)

from custom_components.status_tracker.client import PLATFORMS, SourceKind, platform_for
from tests.integration.conftest import gone_after_a_day, poll
from tests.status_page_server import DEMO_PAGE, demo_incident, serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    import pytest
    from pytest_homeassistant_custom_component.common import MockConfigEntry
    from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
    from syrupy.assertion import SnapshotAssertion

    from tests.status_page_server import StatusPageServer


async def test_entities_during_an_incident(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    entries = er.async_entries_for_config_entry(entity_registry, setup_entry.entry_id)
    # Registry entries differ in shape between Home Assistant versions; states do not.
    assert {(e.unique_id, e.translation_key, e.device_id is not None) for e in entries} == {
        ("01DEMOENTRY0000000000000000_status", "status", True),
        ("01DEMOENTRY0000000000000000_active_incidents", "active_incidents", True),
        ("01DEMOENTRY0000000000000000_problem", "problem", True),
        ("01DEMOENTRY0000000000000000_incident", "incident", True),
        ("01DEMOENTRY0000000000000000_maintenance", "maintenance", True),
    }
    for entry in sorted(entries, key=lambda e: e.entity_id):
        if entry.domain in {"event", "calendar"}:  # states that are times: tested on their own
            continue
        state = hass.states.get(entry.entity_id)
        assert state is not None
        # Plain keys: newer Home Assistant uses enum keys for the standard attributes.
        view = {
            "state": state.state,
            "attributes": {str(k): v for k, v in state.attributes.items()},
        }
        assert view == snapshot(name=entry.entity_id)


async def test_entities_when_all_is_well(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    assert hass.states.get("sensor.demo_cloud_status").state == "operational"  # type: ignore[union-attr]
    assert hass.states.get("sensor.demo_cloud_active_incidents").state == "0"  # type: ignore[union-attr]
    assert hass.states.get("binary_sensor.demo_cloud_problem").state == "off"  # type: ignore[union-attr]


async def test_attributes_stay_small_with_many_open_incidents(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    incidents = []
    for n in range(1000):
        incident = demo_incident(0, incident_id=f"inc{n:09d}")
        incident["name"] = "N" * 1000
        incident["incident_updates"][0]["body"] = "<b>B</b>" * 200
        incidents.append(incident)
    summary = {"page": DEMO_PAGE, "status": {"indicator": "major"}, "incidents": incidents}
    demo_page.set("/api/v2/summary.json", summary)
    await poll(hass, setup_entry)
    state = hass.states.get("sensor.demo_cloud_status")
    assert state is not None
    assert len(state.attributes["incidents"]) == 10  # "Up to 10 open incidents" (README)
    assert state.attributes["incidents_truncated"] is True
    assert len(json.dumps(dict(state.attributes))) < 16 * 1024
    assert hass.states.get("sensor.demo_cloud_active_incidents").state == "1000"  # type: ignore[union-attr]


async def test_unavailable_on_errors_then_back(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    coordinator = setup_entry.runtime_data.coordinator
    demo_page.set("/api/v2/summary.json", "<html>oops</html>", status=503)
    await poll(hass, setup_entry)
    assert hass.states.get("sensor.demo_cloud_status").state == STATE_UNAVAILABLE  # type: ignore[union-attr]
    assert "The status page answered HTTP 503" in caplog.text

    def next_wait() -> float | None:
        # What the failure asks Home Assistant to wait before the next poll.
        return getattr(coordinator.last_exception, "retry_after", None)

    assert next_wait() == 300
    await poll(hass, setup_entry)
    assert next_wait() == 600  # backoff
    demo_page.set("/api/v2/summary.json", "slow down", status=429, headers={"Retry-After": "3600"})
    await poll(hass, setup_entry)
    assert next_wait() == 3600
    serve_stage(demo_page, None)
    await poll(hass, setup_entry)
    assert hass.states.get("sensor.demo_cloud_status").state == "operational"  # type: ignore[union-attr]
    assert coordinator.update_interval.total_seconds() == 300  # never changed
    # Logged once when it went (three failures) and once when it came back.
    errors = [r for r in caplog.records if r.levelname == "ERROR" and "Demo Cloud" in r.message]
    assert len(errors) == 1
    assert sum("Fetching Demo Cloud data recovered" in r.message for r in caplog.records) == 1


async def test_garbage_keeps_nothing_broken(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    demo_page.set("/api/v2/summary.json", "{not json")
    await poll(hass, setup_entry)
    assert hass.states.get("sensor.demo_cloud_status").state == STATE_UNAVAILABLE  # type: ignore[union-attr]
    assert setup_entry.runtime_data.coordinator.data.page.name == "Demo Cloud"  # last good kept


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
) -> None:
    hass.config_entries.async_update_entry(
        setup_entry,
        data={**setup_entry.data, "webhook_id": "secret"},
        options={**setup_entry.options, "webhook": True},
    )
    serve_stage(demo_page, 0)
    await poll(hass, setup_entry)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, setup_entry)
    assert diagnostics["entry"]["data"]["webhook_id"] == "**REDACTED**"
    assert diagnostics["source"]["kind"] == "statuspage"
    assert diagnostics["seen"] == {"incidents": 1, "updates": 1}
    assert diagnostics["snapshot"]["incidents"][0]["id"] == "inc000000001"
    assert all(v["etag"].startswith('W/"') for v in diagnostics["validators"].values())


async def test_component_sensors_follow_options_and_the_page(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "components": ["api00000001a", "db000000001d"]}
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    api = hass.states.get("sensor.demo_cloud_api")
    assert api is not None
    assert api.state == "operational"
    assert api.attributes["raw_status"] == "operational"
    assert hass.states.get("sensor.demo_cloud_database") is not None
    assert hass.states.get("sensor.demo_cloud_website") is None  # not chosen

    serve_stage(demo_page, 0)
    await poll(hass, mock_entry)
    assert hass.states.get("sensor.demo_cloud_api").state == "partial_outage"  # type: ignore[union-attr]

    # The user renames the database sensor; then the page stops listing it for a poll.
    entity_registry.async_update_entity("sensor.demo_cloud_database", name="Our DB")
    summary = json.loads(demo_page.routes["/api/v2/summary.json"].body)
    summary["components"] = [c for c in summary["components"] if c["name"] != "Database"]
    demo_page.set("/api/v2/summary.json", summary)
    await poll(hass, mock_entry)
    # A flaky document: the entity stays (unavailable), with its name.
    assert hass.states.get("sensor.demo_cloud_database").state == STATE_UNAVAILABLE  # type: ignore[union-attr]
    kept = entity_registry.async_get("sensor.demo_cloud_database")
    assert kept is not None
    assert kept.name == "Our DB"
    # Back within the day: the same entity, the same name.
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    assert hass.states.get("sensor.demo_cloud_database").state == "operational"  # type: ignore[union-attr]
    assert entity_registry.async_get("sensor.demo_cloud_database").name == "Our DB"  # type: ignore[union-attr]

    # Gone again, and still gone after a day of successful polls: then it is removed.
    demo_page.set("/api/v2/summary.json", summary)
    await poll(hass, mock_entry)
    await gone_after_a_day(hass, "sensor.demo_cloud_database")

    # It comes back later: a new entity appears without a reload.
    serve_stage(demo_page, 2)
    await poll(hass, mock_entry)
    assert hass.states.get("sensor.demo_cloud_database").state == "operational"  # type: ignore[union-attr]


def test_every_source_kind_has_one_platform_with_a_label() -> None:
    kinds = [platform.kind for platform in PLATFORMS]
    assert sorted(kinds) == sorted(SourceKind)
    assert all(platform_for(kind).maker and platform_for(kind).name for kind in SourceKind)


async def _follow_the_database(
    hass: HomeAssistant, page: StatusPageServer, entry: MockConfigEntry
) -> None:
    """Set ``entry`` up following the Database component, then stop the page listing it."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "components": ["db000000001d"]}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.demo_cloud_database").state == "operational"  # type: ignore[union-attr]
    summary = json.loads(page.routes["/api/v2/summary.json"].body)
    summary["components"] = [c for c in summary["components"] if c["name"] != "Database"]
    page.set("/api/v2/summary.json", summary)
    await poll(hass, entry)


async def test_a_missing_component_is_kept_through_a_reload(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    await _follow_the_database(hass, demo_page, mock_entry)
    assert await hass.config_entries.async_reload(mock_entry.entry_id)
    await hass.async_block_till_done()
    state = hass.states.get("sensor.demo_cloud_database")
    assert state is not None
    # Unavailable, with the component's name though the page no longer gives it (README).
    assert state.state == STATE_UNAVAILABLE
    assert state.attributes["friendly_name"] == "Demo Cloud Database"
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    state = hass.states.get("sensor.demo_cloud_database")
    assert state is not None
    assert state.state == "operational"  # it comes back as it was
    assert state.attributes["friendly_name"] == "Demo Cloud Database"


async def test_an_unloaded_entry_removes_no_component_later(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
) -> None:
    await _follow_the_database(hass, demo_page, mock_entry)
    assert await hass.config_entries.async_unload(mock_entry.entry_id)
    await hass.async_block_till_done()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(hours=25))
    await hass.async_block_till_done()
    # Not loaded, nothing watches the page: the entity waits for the entry's next set-up.
    assert entity_registry.async_get("sensor.demo_cloud_database") is not None
