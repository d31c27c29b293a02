"""What every platform shares: times, update ids, refusing what is not its document, wrong types."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
import json
from typing import Any

import pytest

from custom_components.status_tracker.client import (
    StatusPageContentError,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.parsers.common import any_time, epoch_time
from custom_components.status_tracker.client.platforms.aws import parse_aws
from custom_components.status_tracker.client.platforms.betterstack import parse_betterstack
from custom_components.status_tracker.client.platforms.google import parse_google
from custom_components.status_tracker.client.platforms.instatus import parse_instatus
from custom_components.status_tracker.client.platforms.slack import parse_slack
from custom_components.status_tracker.client.platforms.statusio import parse_statusio
from tests.status_page_server import fixture, fixture_json, json_bytes

JSON = "application/json"


# --- Shared pieces ----------------------------------------------------------------------------


def test_times() -> None:
    assert any_time("Sat Jun 11 2022 18:55:50 GMT+0200 (Central European Summer Time)") == (
        datetime(2022, 6, 11, 16, 55, 50, tzinfo=UTC)
    )
    assert any_time("2026-09-14T08:00:00.000Z") == datetime(2026, 9, 14, 8, tzinfo=UTC)
    assert any_time(1_789_383_600_000) == datetime(2026, 9, 14, 11, tzinfo=UTC)  # milliseconds
    assert epoch_time("1678726651") == datetime(2023, 3, 13, 16, 57, 31, tzinfo=UTC)
    assert epoch_time(True) is None
    assert epoch_time("9" * 40) is None
    assert any_time("Sat Jun 99 2022 18:55:50 GMT+0000") is None
    assert any_time(None) is None
    local = datetime(2020, 7, 30, 15, 12, 34, tzinfo=timezone(timedelta(hours=-7)))
    assert any_time("2020-07-30T15:12:34-07:00") == local


def test_same_second_updates_get_distinct_ids() -> None:
    body = fixture_json("slack_current_active_incident_2020.json")
    notes = body["active_incidents"][0]["notes"]
    notes.append(dict(notes[0], body="second post, same second"))
    (incident, _) = parse_slack(json_bytes(body)).incidents
    assert [u.id for u in incident.updates] == [
        "2020-07-30T15:12:34-07:00",
        "2020-07-30T15:12:34-07:00#2",
    ]


@pytest.mark.parametrize(
    "parse",
    [parse_instatus, parse_betterstack, parse_statusio, parse_google, parse_slack, parse_aws],
)
@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"null", b"42", b'"text"', b"{}", b'{"page": null}', b'[{"x": 1}]', b"[" * 100_000],
)
def test_each_parser_refuses_what_is_not_its_document(parse: Any, body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        parse(body)


@pytest.mark.parametrize(
    "body",
    [
        b'[{"x": 1}]',
        b'[1, 2, "three"]',
        b'{"result": {"status_overall": null}}',
        b'{"data": {"type": "something_else"}}',
        b"\xff\xfe\x00\xd8",  # UTF-16 BOM, then a lone surrogate
        b"\x00\x00\x00",
    ],
)
def test_unknown_json_shapes_are_content_errors(body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        sniff_document(body, JSON)


_FIXTURES = [
    "instatus_summary_json_docs_example.json",
    "betterstack_index_json_trimmed_live_2026-09.json",
    "betterstack_index_json_active_report_and_maintenance_written.json",
    "gitlab_statusio_public_status_maintenance_2020.json",
    "google_cloud_incidents_open_and_resolved_written.json",
    "google_cloud_incidents_bigquery_resolved_2023-03_from_checkmk_test.json",
    "slack_current_active_incident_2020.json",
    "slack_history_resolved_outage_and_maintenance_written.json",
    "aws_health_public_currentevents_2023-03_from_stts_comment.json",
    "aws_currentevents_two_open_events_utf16_written.json",
]
_ODD_VALUES: list[Any] = [
    None,
    -1,
    1.5,
    10**30,
    True,
    "",
    "x",
    "9" * 40,
    "\u00b2",
    [],
    {},
    {"a": [1]},
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        found.extend(_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize("name", _FIXTURES)
def test_any_value_swapped_for_a_wrong_type_parses_or_is_a_content_error(name: str) -> None:
    """Every value of every fixture replaced in turn: never anything but our error."""
    data = json.loads(fixture(name))
    parsed = 0
    for path in _paths(data)[1:]:
        for odd in _ODD_VALUES:
            mutated = copy.deepcopy(data)
            node = mutated
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = odd
            try:
                snap = sniff_document(
                    json_bytes(mutated), JSON, "https://example.com/incidents.json"
                )
            except StatusPageContentError:
                continue
            parsed += 1
            # What parses is usable: diffed against itself, nothing is new.
            assert detect_changes(detect_changes(None, snap).seen, snap).new_updates == ()
    # Most single swaps leave a readable document (a refusal of everything would pass above).
    assert parsed > len(_paths(data)) * len(_ODD_VALUES) // 2
