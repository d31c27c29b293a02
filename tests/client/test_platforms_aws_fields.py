"""AWS Health ``currentevents`` read field by field from small hand-made events.

Each event is shaped as the module docstring and the format notes describe it:
``{date, region_name, status, service, service_name, summary, event_log[{summary,
message, status, timestamp}], impacted_services{id: {service_name, current, max}},
end_time}``, epoch seconds, status codes 0 resolved, 1 informational, 2 degradation,
3 disruption.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    StatusPageContentError,
)
from custom_components.status_tracker.client.platforms.aws import parse_aws
from tests.status_page_server import json_bytes

ARN = "arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_a1b2"


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 9, 14, hour, minute, tzinfo=UTC)


def _post(
    timestamp: int, message: str, status: int | None = 1, summary: str = "Increased Error Rates"
) -> dict[str, Any]:
    """One ``event_log`` entry (its status left out when None)."""
    entry: dict[str, Any] = {"summary": summary, "message": message, "timestamp": timestamp}
    return entry | ({"status": status} if status is not None else {})


def test_aws_event_closes_by_status_zero_or_by_its_end_time() -> None:
    by_status = {  # status "0", end_time empty: resolved when its log ends
        "arn": ARN,
        "date": "1789380000",  # 10:00, earlier than the first post: the event began then
        "region_name": "N. Virginia",
        "status": "0",
        "service": "ec2-us-east-1",
        "service_name": "Amazon Elastic Compute Cloud",
        "summary": "[RESOLVED] Increased API Error Rates",
        "event_log": [
            _post(1789383600, "We are investigating increased API error rates.", 2),
            _post(1789385400, "Error rates have returned to normal levels.", 1),
        ],
        "end_time": "",
    }
    by_end_time = {  # status still "2", but an end_time: resolved then
        "date": "1789383600",
        "region_name": "Frankfurt",
        "status": "2",
        "service": "lambda-eu-central-1",
        "service_name": "AWS Lambda",
        "summary": "Increased Invocation Latency",
        "event_log": [_post(1789385400, "We are investigating increased latency.", 2)],
        "end_time": "1789390800",
    }
    bare = {  # closed, no log, no end_time, no summary, a service slug without a region
        "date": "1789387200",
        "region_name": "N. Virginia",
        "status": "0",
        "service": "multipleservices",
        "service_name": "Multiple services",
        "summary": "",
    }
    snap = parse_aws(json_bytes([by_status, by_end_time, bare]))
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")  # nothing open
    third, second, first = snap.incidents  # newest first
    assert first.id == ARN  # the arn when present
    assert (first.status, first.status_raw) == (IncidentStatus.RESOLVED, "0")
    assert (first.name, first.regions) == ("Increased API Error Rates", ("us-east-1",))
    assert (first.created_at, first.started_at) == (_at(10), _at(10))
    assert (first.updated_at, first.resolved_at) == (_at(11, 30), _at(11, 30))
    # The last post of a closed event resolves it, the earlier ones do not.
    assert [(u.id, u.status, u.status_raw) for u in first.updates] == [
        ("1789383600", IncidentStatus.INVESTIGATING, "2"),
        ("1789385400", IncidentStatus.RESOLVED, "1"),
    ]
    assert second.id == "lambda-eu-central-1@1789383600"  # service@date without an arn
    assert (second.status, second.status_raw) == (IncidentStatus.RESOLVED, "2")
    assert (second.created_at, second.resolved_at) == (_at(11), _at(13))  # end_time
    assert [u.status for u in second.updates] == [IncidentStatus.RESOLVED]
    assert third.id == "multipleservices@1789387200"
    assert third.name == "multipleservices@1789387200"  # no summary: the id names it
    assert (third.status, third.created_at, third.resolved_at) == (
        IncidentStatus.RESOLVED,
        _at(12),
        None,  # no end_time and no post to date it
    )
    assert (third.regions, third.updates) == (("N. Virginia",), ())  # region_name


OPEN: dict[str, Any] = {
    "date": "1789383600",
    "region_name": "Oregon",
    "service": "s3-us-west-2",
    "service_name": "Amazon Simple Storage Service",
    "summary": "Increased Error Rates",
    "end_time": "",
}


def _impacted(most: str | None) -> dict[str, Any]:
    service: dict[str, Any] = {"service_name": "Amazon CloudFront", "current": "1"}
    return {"cloudfront": service | ({"max": most} if most is not None else {})}


@pytest.mark.parametrize(
    ("status", "log_status", "most", "expected"),
    [
        # The impact is the worst code of the event, its posts and its impacted services.
        ("3", 1, "1", (Impact.CRITICAL, "3", "3")),
        ("1", 3, "1", (Impact.CRITICAL, "3", "1")),
        (1, 1, "3", (Impact.CRITICAL, "3", "1")),
        ("2", 1, "1", (Impact.MAJOR, "2", "2")),
        ("7", 1, "1", (Impact.UNKNOWN, "7", "7")),  # no such code: unknown, the raw kept
        # Three digits or more is no status code: the posts' code counts, the text is kept.
        ("100", 2, None, (Impact.MAJOR, "2", "100")),
        ("9" * 5000, 2, None, (Impact.MAJOR, "2", "9" * 5000)),
        # No code anywhere: unknown impact with nothing raw; no status word sent.
        (None, None, None, (Impact.UNKNOWN, "", "unknown")),
    ],
    ids=["event", "post", "impacted", "major", "no-such-code", "3-digits", "5000-digits", "none"],
)
def test_aws_event_impact_is_its_worst_code(
    status: str | int | None,
    log_status: int | None,
    most: str | None,
    expected: tuple[Impact, str, str],
) -> None:
    row = OPEN | {
        "event_log": [_post(1789383600, "We are investigating.", log_status)],
        "impacted_services": _impacted(most),
    }
    row |= {"status": status} if status is not None else {}
    (event,) = parse_aws(json_bytes([row])).incidents
    assert (event.impact, event.impact_raw, event.status_raw) == expected
    assert event.status is IncidentStatus.INVESTIGATING
    assert event.components == ("Amazon Simple Storage Service", "Amazon CloudFront")
    assert event.updates[0].status_raw == ("" if log_status is None else str(log_status))


def test_aws_posts_in_time_order_and_resolved_by_their_marker() -> None:
    # 999999999 (2001-09-09 01:46:39) is one second before 1000000000 though it sorts after
    # it as text; two posts at one second keep the log's order, the second id gets "#2".
    row = OPEN | {
        "status": "2",
        "event_log": [
            _post(1000000000, "The cause is identified.", 2),
            _post(999999999, "We are investigating.", 1),
            _post(1000000000, "Recovered.<br>Thanks.", None, "[RESOLVED] Increased Error Rates"),
        ],
    }
    (event,) = parse_aws(json_bytes([row])).incidents
    assert event.status is IncidentStatus.INVESTIGATING  # the event itself is still open
    assert event.created_at == datetime(2001, 9, 9, 1, 46, 39, tzinfo=UTC)
    assert [(u.id, u.status, u.status_raw, u.body) for u in event.updates] == [
        ("999999999", IncidentStatus.INVESTIGATING, "1", "We are investigating."),
        ("1000000000", IncidentStatus.INVESTIGATING, "2", "The cause is identified."),
        ("1000000000#2", IncidentStatus.RESOLVED, "", "Recovered.\nThanks."),
    ]
    assert event.updated_at == datetime(2001, 9, 9, 1, 46, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    "row",
    [
        {"date": "1789383600", "summary": "No service, no arn"},
        {"service": "ec2-us-east-1", "event_log": [_post(1789383600, "No date.")]},
        {"arn": ARN, "service": "ec2-us-east-1", "summary": "Never dated"},
    ],
)
def test_aws_event_without_a_key_or_a_time_is_left_out(row: dict[str, Any]) -> None:
    row = row | {"region_name": "N. Virginia", "status": "1"}
    assert parse_aws(json_bytes([row])).incidents == ()


@pytest.mark.parametrize("data", [{"events": []}, [{"id": 1, "title": "Not AWS"}], "[]"])
def test_aws_refuses_what_is_not_an_array_of_events(data: Any) -> None:
    with pytest.raises(
        StatusPageContentError, match=r"^Not AWS currentevents: expected an array of events$"
    ):
        parse_aws(json_bytes(data))
