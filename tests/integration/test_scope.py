"""Scoped entities, the problem policies and regions, through a real Home Assistant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.status_tracker.const import DOMAIN, EVENT_INCIDENT
from tests.integration.conftest import poll, set_up_with
from tests.status_page_server import DEMO_PAGE, demo_documents, serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer

STATUS = "sensor.demo_cloud_status"
COUNT = "sensor.demo_cloud_active_incidents"
PROBLEM = "binary_sensor.demo_cloud_problem"


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None
    return state.state


def _publish(page: StatusPageServer, summary: dict[str, Any]) -> None:
    page.set("/api/v2/summary.json", summary)
    page.set("/api/v2/incidents.json", {"page": DEMO_PAGE, "incidents": summary["incidents"]})


@pytest.mark.parametrize(
    ("scope", "status", "count", "problem"),
    [
        ([], "partial_outage", "1", "on"),  # no scope: the page as it reports itself
        (["api00000001a"], "partial_outage", "1", "on"),
        (["web00000001w"], "operational", "0", "off"),  # the incident names the API only
        (["web00000001w", "db000000001d"], "operational", "0", "off"),
    ],
)
async def test_scoped_status_count_and_problem(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    scope: list[str],
    status: str,
    count: str,
    problem: str,
) -> None:
    await set_up_with(hass, mock_entry, scope=scope)
    serve_stage(demo_page, 1)
    await poll(hass, mock_entry)
    assert (_state(hass, STATUS), _state(hass, COUNT), _state(hass, PROBLEM)) == (
        status,
        count,
        problem,
    )
    attributes = hass.states.get(STATUS).attributes  # type: ignore[union-attr]
    # The page-wide status stays at hand when scoped; unscoped entities look as before.
    assert attributes.get("page_status") == ("partial_outage" if scope else None)


async def test_an_incident_naming_no_component_is_in_every_scope(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    await set_up_with(hass, mock_entry, scope=["web00000001w"])
    summary, _ = demo_documents(0)
    incident = summary["incidents"][0]
    incident["components"] = []
    for update in incident["incident_updates"]:
        update["affected_components"] = []
    summary["components"][0]["status"] = "operational"
    _publish(demo_page, summary)
    await poll(hass, mock_entry)
    # A major incident that says nothing of where: a partial outage for the Website too.
    assert (_state(hass, STATUS), _state(hass, COUNT), _state(hass, PROBLEM)) == (
        "partial_outage",
        "1",
        "on",
    )


def _grouped(components: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The quiet demo page with the group "Edge" holding ``components`` (id, name, status)."""
    summary, _ = demo_documents(None)
    group = {"id": "edge0000000g", "name": "Edge", "status": "operational", "group": True,
             "group_id": None, "position": 9, "description": None,
             "components": [cid for cid, _, _ in components]}  # fmt: skip
    members = [
        {"id": cid, "name": name, "status": status, "group": False,
         "group_id": "edge0000000g", "position": 10 + n, "description": None}
        for n, (cid, name, status) in enumerate(components)
    ]  # fmt: skip
    summary["components"] = [*summary["components"], group, *members]
    return summary


async def test_a_group_covers_components_added_later(
    hass: HomeAssistant, demo_page: StatusPageServer, mock_entry: MockConfigEntry
) -> None:
    _publish(demo_page, _grouped([("cdn0000001cd", "CDN", "operational")]))
    await set_up_with(hass, mock_entry, scope=["edge0000000g"])
    assert _state(hass, STATUS) == "operational"
    summary = _grouped(
        [("cdn0000001cd", "CDN", "operational"), ("dns0000001dn", "DNS", "major_outage")]
    )
    summary["status"] = {"indicator": "critical", "description": "Major outage"}
    _publish(demo_page, summary)
    await poll(hass, mock_entry)
    assert (_state(hass, STATUS), _state(hass, COUNT), _state(hass, PROBLEM)) == (
        "major_outage",
        "0",
        "on",
    )


def _page(indicator: str, impact: str | None) -> dict[str, Any]:
    """The demo page with ``indicator`` and, unless ``impact`` is None, one open incident."""
    summary, _ = demo_documents(0 if impact else None)
    summary["status"] = {"indicator": indicator, "description": "-"}
    summary["components"][0]["status"] = "operational"
    if impact:
        summary["incidents"][0]["impact"] = impact
    return summary


@pytest.mark.parametrize(
    ("options", "indicator", "impact", "problem"),
    [
        ({}, "minor", "minor", "on"),
        ({"problem_level": "outage"}, "minor", "minor", "off"),
        ({"problem_level": "outage"}, "minor", "major", "on"),
        ({"problem_level": "outage"}, "major", None, "on"),
        ({}, "maintenance", None, "off"),
        ({"problem_maintenance": True}, "maintenance", None, "on"),
        ({}, "unheard_of", None, "off"),
        ({"problem_unknown": True}, "unheard_of", None, "on"),
        ({"problem_unknown": True}, "none", None, "off"),
    ],
)
async def test_problem_policy(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    options: dict[str, Any],
    indicator: str,
    impact: str | None,
    problem: str,
) -> None:
    await set_up_with(hass, mock_entry, **options)
    _publish(demo_page, _page(indicator, impact))
    await poll(hass, mock_entry)
    assert _state(hass, PROBLEM) == problem


def _aws_event(service: str, region: str | None, when: int) -> dict[str, Any]:
    return {
        "date": str(when),
        "region_name": region,
        "status": "2",
        "service": service,
        "service_name": "Amazon EC2",
        "summary": f"[Degraded] Increased error rates in {region or 'all regions'}",
        "event_log": [
            {
                "summary": "Increased error rates",
                "message": "We are investigating.",
                "status": 2,
                "timestamp": when,
            }
        ],
        "impacted_services": {},
        "end_time": "",
    }


@pytest.fixture
def aws_entry(status_page: StatusPageServer) -> MockConfigEntry:
    """An AWS Health entry on the loopback page, following Frankfurt only."""
    status_page.set("/public/currentevents", [])
    return MockConfigEntry(
        domain=DOMAIN,
        title="AWS",
        unique_id=f"{status_page.url}/public/currentevents",
        data={
            "url": status_page.url,
            "source": "aws",
            "endpoints": [f"{status_page.url}/public/currentevents"],
            "name": "AWS",
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
    )


async def test_regions_filter_events_and_entities(
    hass: HomeAssistant, status_page: StatusPageServer, aws_entry: MockConfigEntry
) -> None:
    await set_up_with(hass, aws_entry, regions=["eu-central-1"])
    events = async_capture_events(hass, EVENT_INCIDENT)
    rows = [
        _aws_event("ec2-us-east-1", "N. Virginia", 1795000000),
        _aws_event("ec2-eu-central-1", "Frankfurt", 1795000600),
        # Names no region (a global service): "saying nothing" counts.
        _aws_event("iam", None, 1795001200),
    ]
    status_page.set("/public/currentevents", rows)
    await poll(hass, aws_entry)
    assert [e.data["incident_name"] for e in events] == [
        "Increased error rates in Frankfurt",
        "Increased error rates in all regions",
    ]
    assert _state(hass, "sensor.aws_status") == "partial_outage"
    assert _state(hass, "sensor.aws_active_incidents") == "2"
    attributes = hass.states.get("sensor.aws_status").attributes  # type: ignore[union-attr]
    assert attributes["page_status"] == "degraded"
    assert [i["name"] for i in attributes["incidents"]] == [
        "Increased error rates in all regions",
        "Increased error rates in Frankfurt",
    ]

    # The options offer the regions the page lists now (and take any other code).
    result = await hass.config_entries.options.async_init(aws_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"]
    assert schema is not None
    offered = schema.schema["regions"].config["options"]
    assert [o["value"] for o in offered] == ["eu-central-1", "us-east-1"]


async def test_regions_alone_show_only_what_is_open_there(
    hass: HomeAssistant, status_page: StatusPageServer, aws_entry: MockConfigEntry
) -> None:
    await set_up_with(hass, aws_entry, regions=["ap-northeast-1"])
    status_page.set(
        "/public/currentevents", [_aws_event("ec2-us-east-1", "N. Virginia", 1795000000)]
    )
    await poll(hass, aws_entry)
    assert (
        _state(hass, "sensor.aws_status"),
        _state(hass, "sensor.aws_active_incidents"),
        _state(hass, "binary_sensor.aws_problem"),
    ) == ("operational", "0", "off")
