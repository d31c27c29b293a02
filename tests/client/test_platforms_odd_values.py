"""The new platforms' real payloads with every value swapped for a wrong type: never a crash."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest

from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import Impact, IncidentStatus
from custom_components.status_tracker.client.platforms import platform_for
from custom_components.status_tracker.client.source import SourceKind
from tests.status_page_server import fixture

_FIXTURES = [
    (SourceKind.HEROKU, "heroku_current_status_open_incident_2019.json"),
    (SourceKind.HEROKU, "heroku_current_status_completed_maintenance_2020-11.json"),
    (SourceKind.APPLE, "apple_developer_system_status_jsonp_ongoing_outage_test_mock.js"),
    (SourceKind.AZURE_DEVOPS, "azure_devops_health_all_healthy_7.1_doc_example.json"),
    (SourceKind.STATUSPAL, "statuspal_exoscale_summary_performance_incident_2025-07.json"),
    (SourceKind.STATUSPAL, "statuspal_exoscale_summary_emergency_maintenance_2025-10.json"),
    (SourceKind.GATUS, "gatus_endpoints_statuses_success_then_failure_server_test.json"),
    (SourceKind.GATUS, "gatus_config_announcements_written.json"),
    (SourceKind.ROOTLY, "rootly_api_v1_status_json_doc_example.json"),
    (SourceKind.ROOTLY, "rootly_api_v1_incidents_json_doc_example_closed.json"),
    (SourceKind.OPENSTATUS, "openstatus_feed_json_written_from_source.json"),
    (SourceKind.HYPERPING, "hyperping_api_v1_host_status_json_blog_example_closed.json"),
    (
        SourceKind.SALESFORCE,
        "salesforce_instances_status_preview_minor_incident_2020-07_trimmed.json",
    ),
]
_ODD: list[Any] = [None, -1, 1.5, True, "", "x", [], {}, {"a": [1]}]


def _load(name: str) -> Any:
    body = fixture(name).decode()
    return json.loads(
        body[body.index("(") + 1 : body.rindex(")")] if name.endswith(".js") else body
    )


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node[:3])  # three of a kind show every shape
    else:
        items = ()
    for key, value in items:
        found.extend(_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize(("kind", "name"), _FIXTURES)
def test_any_value_swapped_parses_or_is_a_content_error(kind: SourceKind, name: str) -> None:
    platform = platform_for(kind)
    data = _load(name)
    for path in _paths(data)[1:]:
        for odd in _ODD:
            mutated = copy.deepcopy(data)
            node = mutated
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = odd
            with contextlib.suppress(StatusPageContentError):
                platform.parse(json.dumps(mutated).encode(), "application/json", "https://x.test/")


def test_salesforce_planned_maintenance_and_closed_incident() -> None:
    data = _load("salesforce_instances_status_preview_minor_incident_2020-07_trimmed.json")
    instance = data[1]
    instance["Incidents"][0]["IncidentImpacts"][0]["endTime"] = "2020-07-29T21:00:00.000Z"
    instance["Incidents"][0]["IncidentEvents"] = [
        {"id": 77, "type": "resolution", "message": "Fixed.", "createdAt": "2020-07-29T21:05:00Z"}
    ]
    instance["Maintenances"] = [
        {
            "id": 900,
            "message": {"name": "Planned maintenance"},
            "plannedStartTime": "2020-08-01T02:00:00.000Z",
            "plannedEndTime": "2020-08-01T06:00:00.000Z",
        },
        {"id": 901},  # no window: not shown
    ]
    snap = platform_for(SourceKind.SALESFORCE).parse(json.dumps(data).encode(), "", None)
    (incident,) = snap.incidents
    assert (incident.status, incident.impact) == (IncidentStatus.RESOLVED, Impact.MINOR)
    assert [u.id for u in incident.updates] == ["impact-6428", "event-77"]
    (maintenance,) = snap.maintenances
    assert (maintenance.id, maintenance.name, maintenance.impact) == (
        "900",
        "Planned maintenance",
        Impact.MAINTENANCE,
    )
