"""Gatus and Hyperping documents field by field, from small hand-made documents.

The fixtures (test_platforms_gatus_hyperping.py, the golden test) hold no announcement
without a type or with a long message, no config with only some of its keys, and no
Hyperping service in an unlisted state; these documents, shaped as the module docstrings
and the servers' sources describe, fill the gaps.
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
from custom_components.status_tracker.client.platforms.registry import platform_for

GATUS = "https://status.example.org"
CONFIG = GATUS + "/api/v1/config"
_STAMP = "2026-11-30T09:15:00Z"
_WHEN = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


# --- Gatus ------------------------------------------------------------------------------------


def _announcement(**fields: Any) -> Any:
    snap = platform_for("gatus").build({"announcements": [fields]}, CONFIG)
    return snap.incidents[0] if snap.incidents else None


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Gatus sets an empty type to "none": an open notice of no impact.
        (
            {"message": "Deploy at noon"},
            ("Deploy at noon", IncidentStatus.INVESTIGATING, "none", Impact.NONE, "none"),
        ),
        ({}, ("none", IncidentStatus.INVESTIGATING, "none", Impact.NONE, "none")),
        (
            {"type": "warning", "message": "Slow builds"},
            ("Slow builds", IncidentStatus.INVESTIGATING, "warning", Impact.MINOR, "warning"),
        ),
        # ``operational`` closes it, like ``archived``.
        (
            {"type": "operational", "message": "All good again"},
            ("All good again", IncidentStatus.RESOLVED, "operational", Impact.NONE, "operational"),
        ),
        # The name is the message's first line, however many follow.
        (
            {"type": "outage", "message": "DB down\nFailing over.\nNext post at 10:00."},
            ("DB down", IncidentStatus.INVESTIGATING, "outage", Impact.MAJOR, "outage"),
        ),
    ],
)
def test_gatus_announcement(fields: dict[str, Any], expected: tuple[Any, ...]) -> None:
    incident = _announcement(timestamp=_STAMP, **fields)
    assert (
        incident.name,
        incident.status,
        incident.status_raw,
        incident.impact,
        incident.impact_raw,
    ) == expected
    assert (incident.id, incident.created_at) == (_STAMP, _WHEN)
    closed = expected[1] is IncidentStatus.RESOLVED
    assert incident.resolved_at == (_WHEN if closed else None)


@pytest.mark.parametrize("stamp", [None, "", "yesterday", 1764494100])
def test_gatus_announcement_without_a_readable_time_is_skipped(stamp: object) -> None:
    assert _announcement(timestamp=stamp, type="outage", message="DB down") is None


@pytest.mark.parametrize(
    "config",
    [
        {"announcements": [{"timestamp": _STAMP, "type": "outage", "message": "DB down"}]},
        {"oidc": False},  # older servers: no announcements
        {"authenticated": False},
    ],
)
def test_gatus_config_known_by_any_of_its_keys(config: dict[str, Any]) -> None:
    snap = platform_for("gatus").build(config, CONFIG)
    assert (snap.status, snap.components) == (PageStatus.UNKNOWN, ())
    assert [i.id for i in snap.incidents] == ([_STAMP] if "announcements" in config else [])


@pytest.mark.parametrize("data", [{"endpoints": []}, {}, [], "x"])
def test_gatus_other_documents_are_refused(data: object) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        platform_for("gatus").build(data, CONFIG)
    # The text reaches the user (the poll's "bad content" error names it).
    assert str(caught.value).startswith("Not a Gatus endpoint statuses array or config")


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        (GATUS + "/", GATUS),
        (GATUS + "/?lang=en", GATUS),
        (GATUS + "/?next=/a?b", GATUS),
        (GATUS + "/api/v1/endpoints/core_api/statuses?page=2", GATUS),
        # What comes before the first API path: a query naming it again is not the page.
        (GATUS + "/api/v1/endpoints/statuses?from=/api/v1/config", GATUS),
        ("https://STATUS.EXAMPLE.BOX/", "https://STATUS.EXAMPLE.BOX"),
    ],
)
def test_gatus_origin_of_any_address(given: str, origin: str) -> None:
    assert platform_for("gatus").documents(given) == (
        origin + "/api/v1/endpoints/statuses?page=1&pageSize=1",
        origin + "/api/v1/config",
    )


def test_gatus_read_without_an_address() -> None:
    rows = [{"name": "api", "key": "", "results": [{"success": True}]}]
    snap = platform_for("gatus").build(rows, None)
    assert (snap.page.id, snap.page.name, snap.page.url) == ("", "", "")
    # The key is the id, even an empty one; the name is still shown.
    assert [(c.id, c.name, c.status) for c in snap.components] == [
        ("", "api", ComponentStatus.OPERATIONAL)
    ]


# --- Hyperping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{"indicator": "none", "uptime": "1%"}, {"status": "up"}, [], {"indicator": "up"}],
)
def test_hyperping_other_documents_are_refused(data: object) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        platform_for("hyperping").build(data, "https://meta.hyperping.app/status.json")
    # The text reaches the user (the poll's "bad content" error names it).
    assert str(caught.value).startswith("Not a Hyperping status.json")


def test_hyperping_read_without_an_address() -> None:
    snap = platform_for("hyperping").build({"indicator": "up", "uptime": "99.9%"}, None)
    assert (snap.page.id, snap.page.name, snap.page.url) == ("", "", "")
    assert snap.status is PageStatus.OPERATIONAL


def test_hyperping_services_in_other_states_are_unknown() -> None:
    services = [
        {"url": "https://api.acme.example", "name": "API", "indicator": "degraded"},
        {"name": "Dashboard"},
        {"name": "Docs", "indicator": "maintenance"},
        {"url": "https://nameless.acme.example", "indicator": "down"},
    ]
    data = {"name": "Acme", "indicator": "partialoutage", "services": services}
    snap = platform_for("hyperping").build(data, None)
    assert [(c.id, c.name, c.status, c.status_raw, c.position) for c in snap.components] == [
        ("https://api.acme.example", "API", ComponentStatus.UNKNOWN, "degraded", 1),
        ("Dashboard", "Dashboard", ComponentStatus.UNKNOWN, "", 2),  # no word sent
        ("Docs", "Docs", ComponentStatus.UNDER_MAINTENANCE, "maintenance", 3),
    ]
    assert (snap.page.name, snap.status) == ("Acme", PageStatus.PARTIAL_OUTAGE)
