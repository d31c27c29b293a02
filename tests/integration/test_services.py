"""The get_incidents action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import json
import re
from typing import TYPE_CHECKING, Any

from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.status_tracker.const import DOMAIN
from tests.integration.conftest import feed_entry, poll
from tests.status_page_server import (
    DEMO_PAGE,
    demo_documents,
    demo_incident,
    fixture,
    serve_stage,
)

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # the demo incident's start


async def _call(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN, "get_incidents", data, blocking=True, return_response=True
    )
    assert response is not None
    return dict(response)


async def test_get_incidents(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    page = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert (page["provider"], page["status"]) == ("Demo Cloud", "partial_outage")
    (incident,) = page["incidents"]
    assert incident["name"] == "Elevated API error rates"
    assert incident["status"] == "identified"
    assert [u["status"] for u in incident["updates"]] == ["identified", "investigating"]
    assert incident["updates"][0]["affected_components"] == ["API"]

    serve_stage(demo_page, 3)
    await poll(hass, setup_entry)
    active_only = await _call(hass, config_entry_id=setup_entry.entry_id, include_resolved=False)
    assert active_only["incidents"] == []
    everything = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert everything["incidents"][0]["resolved_at"] is not None


async def test_get_incidents_validates_the_entry(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain="sun", entry_id="01OTHERDOMAIN000000000000")
    other.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as missing:
        await _call(hass, config_entry_id="nope")
    assert missing.value.translation_key == "service_config_entry_not_found"
    with pytest.raises(ServiceValidationError) as foreign:
        await _call(hass, config_entry_id=other.entry_id)
    assert foreign.value.translation_key == "service_config_entry_wrong_domain"
    await hass.config_entries.async_unload(setup_entry.entry_id)
    with pytest.raises(ServiceValidationError) as unloaded:
        await _call(hass, config_entry_id=setup_entry.entry_id)
    assert unloaded.value.translation_key == "service_config_entry_not_loaded"


async def test_get_incidents_takes_one_entry(
    hass: HomeAssistant, setup_entry: MockConfigEntry
) -> None:
    # services.yaml offers a single config entry picker; a list is refused, not half-read.
    with pytest.raises(vol.Invalid):
        await _call(hass, config_entry_id=[setup_entry.entry_id])


def _serve(
    page: StatusPageServer, incidents: list[dict[str, Any]], maintenances: tuple[Any, ...] = ()
) -> None:
    """The demo page listing ``incidents`` (the open ones in summary.json too)."""
    summary, _ = demo_documents(None)
    summary["incidents"] = [i for i in incidents if i["status"] != "resolved"]
    summary["scheduled_maintenances"] = list(maintenances)
    page.set("/api/v2/summary.json", summary)
    page.set("/api/v2/incidents.json", {"page": DEMO_PAGE, "incidents": incidents})


async def test_get_incidents_answers_the_keys_the_readme_lists(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    page = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert set(page) == {"provider", "status", "description", "incidents", "maintenances"}
    assert page["description"] == "Partial System Outage"  # the page's own words
    assert page["maintenances"] == []
    # Usable as a script's response_variable: plain JSON (times as ISO 8601 text).
    assert json.loads(json.dumps(page)) == page


async def test_leaving_out_resolved_incidents_keeps_the_active_ones(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    _serve(demo_page, [demo_incident(1), demo_incident(3, "old000001", T0 - timedelta(days=1))])
    await poll(hass, setup_entry)
    active = await _call(hass, config_entry_id=setup_entry.entry_id, include_resolved=False)
    assert [i["id"] for i in active["incidents"]] == ["inc000000001"]
    everything = await _call(hass, config_entry_id=setup_entry.entry_id)  # the default
    assert {i["id"]: i["resolved_at"] is None for i in everything["incidents"]} == {
        "inc000000001": True,
        "old000001": False,
    }


async def test_the_five_most_recent_closed_incidents_come_with_the_active_ones(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    closed = [demo_incident(3, f"old00000{n}", T0 - timedelta(days=n)) for n in range(1, 8)]
    _serve(demo_page, [demo_incident(0), *closed])
    await poll(hass, setup_entry)
    page = await _call(hass, config_entry_id=setup_entry.entry_id)
    assert sorted(i["id"] for i in page["incidents"]) == [
        "inc000000001",
        *(f"old00000{n}" for n in range(1, 6)),  # a day old to five days old
    ]


async def test_up_to_20_updates_newest_first_in_full(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    """README: each incident with up to 20 updates, newest first; docs/reliability.md: the
    action has the whole text that events and attributes shorten."""
    name = "Elevated API error rates in every region " * 8  # over 255 characters
    body = " ".join(["The database failover is still running."] * 120)  # over 4,000
    incident = demo_incident(0)
    first = incident["incident_updates"][0]
    incident["name"] = name.strip()
    incident["incident_updates"] = [
        first
        | {
            "id": f"upd{n:02d}",
            "body": body if n == 24 else f"Update {n}.",
            "created_at": f"2026-11-23T12:{n:02d}:00Z",
            "display_at": f"2026-11-23T12:{n:02d}:00Z",
        }
        for n in reversed(range(25))
    ]
    _serve(demo_page, [incident])
    await poll(hass, setup_entry)
    (shown,) = (await _call(hass, config_entry_id=setup_entry.entry_id))["incidents"]
    assert shown["name"] == name.strip()
    assert [u["id"] for u in shown["updates"]] == [f"upd{n:02d}" for n in range(24, 4, -1)]
    assert shown["updates"][0]["body"] == body
    assert shown["updates"][0]["display_at"] == "2026-11-23T12:24:00+00:00"
    assert shown["updates"][-1]["body"] == "Update 5."


async def test_maintenances_are_answered_apart_from_incidents(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    maintenance = {
        "id": "mnt000000001",
        "name": "Database upgrade",
        "status": "in_progress",
        "impact": "maintenance",
        "shortlink": "https://stspg.io/mnt000000001",
        "created_at": "2026-11-22T09:00:00Z",
        "scheduled_for": "2026-11-23T12:00:00Z",
        "scheduled_until": "2026-11-23T14:00:00Z",
        "incident_updates": [
            {
                "id": "mntupd0",
                "status": "in_progress",
                "body": "The upgrade is under way.",
                "created_at": "2026-11-23T12:00:00Z",
                "display_at": "2026-11-23T12:00:00Z",
                "affected_components": [],
            }
        ],
    }
    _serve(demo_page, [demo_incident(0)], (maintenance,))
    await poll(hass, setup_entry)
    page = await _call(hass, config_entry_id=setup_entry.entry_id, include_resolved=False)
    assert [(i["id"], i["is_maintenance"]) for i in page["incidents"]] == [("inc000000001", False)]
    (shown,) = page["maintenances"]
    assert (shown["id"], shown["name"], shown["is_maintenance"]) == (
        "mnt000000001",
        "Database upgrade",
        True,
    )
    assert [(u["status"], u["body"]) for u in shown["updates"]] == [
        ("in_progress", "The upgrade is under way.")
    ]


async def test_each_entry_answers_for_its_own_page(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    other_page = {**DEMO_PAGE, "id": "other0page01", "name": "Other Cloud"}
    summary, incidents = demo_documents(0)  # an open incident on the other page only
    demo_page.set("/other/api/v2/summary.json", {**summary, "page": other_page})
    demo_page.set("/other/api/v2/incidents.json", {**incidents, "page": other_page})
    base = f"{demo_page.url}/other"
    other = MockConfigEntry(
        domain=DOMAIN,
        title="Other Cloud",
        unique_id="other0page01",
        data={
            "url": base,
            "source": "statuspage",
            "endpoints": [f"{base}/api/v2/summary.json", f"{base}/api/v2/incidents.json"],
            "name": "Other Cloud",
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
    )
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    await hass.async_block_till_done()
    mine = await _call(hass, config_entry_id=setup_entry.entry_id)
    theirs = await _call(hass, config_entry_id=other.entry_id)
    assert (mine["provider"], mine["status"], mine["incidents"]) == (
        "Demo Cloud",
        "operational",
        [],
    )
    assert (theirs["provider"], theirs["status"]) == ("Other Cloud", "partial_outage")
    assert [i["id"] for i in theirs["incidents"]] == ["inc000000001"]


def _github_history(*ids: str) -> bytes:
    """GitHub's real history.atom with only the entries of these incident ids."""
    feed = fixture("github_history_2025-07-08_with_maintenance.atom").decode()
    entries = re.findall(r"  <entry>.*?</entry>\n", feed, flags=re.DOTALL)
    wanted = [e for e in entries if any(f"Incident/{i}</id>" in e for i in ids)]
    assert len(wanted) == len(ids)
    head, tail = feed[: feed.index("  <entry>")], "</feed>\n"
    return (head + "".join(wanted) + tail).encode()


async def test_a_feeds_maintenance_is_answered_as_a_maintenance(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    """README: the response has incidents and maintenances, whichever platform read them.

    A Statuspage history feed carries its maintenance windows as entries among the
    incidents ("Codespaces Scheduled Maintenance": Scheduled, In progress, Completed).
    """
    feed = _github_history("25724106", "25303483")
    status_page.set("/history.atom", feed, content_type="application/atom+xml")
    entry = feed_entry(status_page.url, "GitHub")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    page = await _call(hass, config_entry_id=entry.entry_id)
    # Statuspage's incident codes, as the entries' links name them (/incidents/<code>).
    assert [(i["id"], i["is_maintenance"]) for i in page["incidents"]] == [("f9rjhk3zh62b", False)]
    (shown,) = page["maintenances"]
    assert (shown["id"], shown["name"], shown["is_maintenance"]) == (
        "nwjwwhj118sf",
        "Codespaces Scheduled Maintenance",
        True,
    )
    assert [u["status"] for u in shown["updates"]] == ["completed", "in_progress", "scheduled"]
    # A maintenance is no resolved incident: leaving those out keeps it where it was.
    active = await _call(hass, config_entry_id=entry.entry_id, include_resolved=False)
    assert (active["incidents"], active["maintenances"]) == ([], page["maintenances"])
