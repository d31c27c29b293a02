"""UptimeRobot documents the fixtures lack: groups, counts, one-field gaps and closed posts.

The rows are shaped as the captures in tests/fixtures (``uptimerobot_*``): a monitor list
(``psp.monitors`` or ``data``, ``statistics.counts``) and an event feed (``results``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
)
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import ComponentGroup, Incident, Snapshot
from custom_components.status_tracker.client.platforms.uptimerobot import uptimerobot_snapshot

LIST = "https://stats.uptimerobot.com/api/getMonitorList/AbC123xyz?page=1"
POSTED = 1745537880  # 2025-04-24 23:38 UTC, epoch seconds as in the captured feed
ENDED = 1745545080  # two hours later


def _monitors(rows: list[dict[str, Any]], counts: dict[str, Any] | None = None) -> Snapshot:
    statistics: dict[str, Any] = {"count_result": "All Clear"}
    if counts is not None:
        statistics["counts"] = counts
    return uptimerobot_snapshot({"psp": {"monitors": rows}, "statistics": statistics}, LIST)


def _announcement(**fields: Any) -> Incident:
    row = {"eventType": "ann", "title": "Slow logins", "content": "<p>Looking into it</p>"}
    row |= {"ts": POSTED, "endDate": None} | fields
    (incident,) = uptimerobot_snapshot({"status": True, "results": [row]}, LIST).incidents
    return incident


def test_monitor_groups_are_the_page_groups() -> None:
    snap = _monitors(
        [
            {
                "monitorId": 1,
                "statusClass": "success",
                "name": "API",
                "groupId": 7,
                "groupName": "Core",
            },
            {
                "monitorId": 2,
                "statusClass": "danger",
                "name": "Web",
                "groupId": 7,
                "groupName": "Core",
            },
            {"monitorId": 3, "statusClass": "success", "name": "CDN", "groupId": 9},
            {"monitorId": 4, "statusClass": "success", "name": "Docs"},
            {"statusClass": "success", "name": "No id", "groupId": 9},
        ]
    )
    assert snap.groups == (
        ComponentGroup(id="7", name="Core", component_ids=("1", "2")),
        ComponentGroup(id="9", name="9", component_ids=("3",)),  # no name: its id
    )
    assert [(c.id, c.group_id) for c in snap.components] == [
        ("1", "7"),
        ("2", "7"),
        ("3", "9"),
        ("4", None),
    ]


def test_newer_lists_give_the_monitors_as_data() -> None:
    doc = {
        "psp": {"monitors": []},
        "data": [{"monitorId": 5, "statusClass": "danger", "name": "Mail", "groupId": 2}],
        "statistics": {"counts": {"up": 0, "down": 1, "paused": 0}},
    }
    snap = uptimerobot_snapshot(doc, LIST)
    assert [(c.id, c.name, c.status, c.group_id) for c in snap.components] == [
        ("5", "Mail", ComponentStatus.MAJOR_OUTAGE, "2")
    ]
    assert [(g.id, g.component_ids) for g in snap.groups] == [("2", ("5",))]


def test_a_monitor_without_a_class_is_unknown() -> None:
    (monitor,) = _monitors([{"monitorId": 8, "name": "Queue"}], {"up": 0, "down": 0}).components
    assert (monitor.status, monitor.status_raw) == (ComponentStatus.UNKNOWN, "unknown")


@pytest.mark.parametrize(
    ("counts", "status", "raw"),
    [
        ({"up": 3, "down": 0, "paused": 1}, PageStatus.OPERATIONAL, "0 down, 3 up"),
        ({"up": 1, "down": 1}, PageStatus.PARTIAL_OUTAGE, "1 down, 1 up"),
        ({"up": 0, "down": 2, "paused": 1}, PageStatus.MAJOR_OUTAGE, "2 down, 0 up"),
        ({"up": 0, "down": 0, "paused": 4}, PageStatus.UNKNOWN, "0 down, 0 up"),
    ],
)
def test_page_state_from_the_counts(counts: dict[str, int], status: PageStatus, raw: str) -> None:
    # The list below disagrees with every row: the counts cover all monitors, so they win.
    snap = _monitors([{"monitorId": 1, "statusClass": "black", "name": "Paused"}], counts)
    assert (snap.status, snap.status_raw) == (status, raw)


@pytest.mark.parametrize("counts", [None, {"up": 5}, {"down": 0}, {"up": "5", "down": "0"}])
def test_page_state_from_the_list_without_both_counts(counts: dict[str, Any] | None) -> None:
    rows = [
        {"monitorId": 1, "statusClass": "success", "name": "API"},
        {"monitorId": 2, "statusClass": "danger", "name": "Web"},
        {"monitorId": 3, "statusClass": "success", "name": "CDN"},
        {"monitorId": 4, "statusClass": "success", "name": "Docs"},
        {"monitorId": 5, "statusClass": "black", "name": "Old"},  # paused: aside
    ]
    snap = _monitors(rows, counts)
    assert (snap.status, snap.status_raw) == (PageStatus.PARTIAL_OUTAGE, "1 down, 3 up")


def test_not_a_monitor_list_nor_a_feed() -> None:
    documents: list[object] = [[], "text", {"statistics": {}}, {"psp": {"monitors": []}}]
    for data in documents:
        with pytest.raises(StatusPageContentError) as err:
            uptimerobot_snapshot(data, LIST)
        assert str(err.value) == "Not an UptimeRobot status page document"


def test_without_an_address_the_page_has_none() -> None:
    snap = uptimerobot_snapshot({"status": True, "results": []})
    assert (snap.page.id, snap.page.url) == ("", "")


def test_an_open_announcement() -> None:
    incident = _announcement()
    assert (incident.id, incident.name) == (f"{POSTED}-Slow logins", "Slow logins")
    assert (incident.status, incident.status_raw) == (IncidentStatus.UPDATE, "ann")
    assert (incident.impact, incident.impact_raw) == (Impact.MINOR, "ann")
    assert incident.created_at == datetime(2025, 4, 24, 23, 38, tzinfo=UTC)
    assert incident.resolved_at is None
    assert incident.updates[0].body == "Looking into it"


def test_an_announcement_with_an_end_date_is_resolved_then() -> None:
    incident = _announcement(endDate=ENDED)
    assert (incident.status, incident.status_raw) == (IncidentStatus.RESOLVED, "resolved")
    assert (incident.impact, incident.impact_raw) == (Impact.NONE, "ann")
    assert incident.resolved_at == datetime(2025, 4, 25, 1, 38, tzinfo=UTC)
    assert incident.updates[0].status is IncidentStatus.RESOLVED


@pytest.mark.parametrize("ended", [float(ENDED), str(ENDED)])
def test_an_end_date_written_as_a_float_or_digits_is_read_too(ended: object) -> None:
    incident = _announcement(endDate=ended)
    assert incident.resolved_at == datetime(2025, 4, 25, 1, 38, tzinfo=UTC)


def test_an_end_date_that_is_no_time_still_closes_the_announcement() -> None:
    incident = _announcement(endDate="soon")
    assert incident.status is IncidentStatus.RESOLVED
    assert incident.resolved_at == datetime(2025, 4, 24, 23, 38, tzinfo=UTC)  # its post


def test_an_announcement_with_a_lifecycle_word() -> None:
    incident = _announcement(status="monitoring")
    assert (incident.status, incident.status_raw) == (IncidentStatus.MONITORING, "monitoring")
    assert incident.resolved_at is None
    # An end date closes it, whatever its last word.
    ended = _announcement(status="monitoring", endDate=ENDED)
    assert (ended.status, ended.status_raw) == (IncidentStatus.RESOLVED, "monitoring")


def test_an_announcement_without_title_or_type() -> None:
    incident = _announcement(title=None, eventType=None)
    assert (incident.id, incident.name) == (f"{POSTED}-", f"{POSTED}-")
    assert (incident.status, incident.status_raw) == (IncidentStatus.UPDATE, "unknown")
    assert incident.impact_raw == "unknown"


def test_announcements_newest_first_and_a_repeat_kept_apart() -> None:
    rows = [
        {"eventType": "ann", "title": "Fixed", "ts": POSTED, "endDate": ENDED},
        {"eventType": "ann", "title": "Fixed", "ts": POSTED, "endDate": ENDED},
        {"eventType": "ann", "title": "Later", "ts": ENDED, "endDate": None},
        {"eventType": "ann", "title": "Undated"},
    ]
    snap = uptimerobot_snapshot({"status": True, "results": rows}, LIST)
    assert [i.id for i in snap.incidents] == [
        f"{ENDED}-Later",
        f"{POSTED}-Fixed",
        f"{POSTED}-Fixed#2",
    ]
