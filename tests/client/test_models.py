"""Platform values read leniently: any case, spaces or dashes, and each platform's spellings.

README: Statuspage's indicator ``none``/``minor``/``major``/``critical`` maps to operational,
degraded, partial outage and major outage; the enums' docstrings name the other spellings
(incident.io and Instatus component states, incident.io maintenance names, feed labels).
"""

from __future__ import annotations

from dataclasses import replace
import uuid

import pytest

from custom_components.status_tracker.client import ComponentStatus, IncidentStatus, PageStatus
from tests.client.diff_builders import incident, snapshot, update


def _fresh(spelling: str) -> str:
    """``spelling`` between whitespace unique to this call.

    ``from_raw`` remembers what it has read (pages repeat a few values thousands of times);
    a value never read before makes it look the spelling up rather than answer from memory.
    """
    bits = uuid.uuid4().int
    pad = "".join(" \t"[bits >> shift & 1] for shift in range(64))
    return f"{pad}{spelling}{pad}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("none", "operational"),
        ("Minor", "degraded"),
        ("MAJOR", "partial_outage"),
        ("critical", "major_outage"),
        ("Under Maintenance", "maintenance"),
        ("partial-outage", "partial_outage"),
        ("purple", "unknown"),
    ],
)
def test_page_status_spellings(raw: str, expected: str) -> None:
    assert PageStatus.from_raw(_fresh(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("full_outage", "major_outage"),
        ("Full Outage", "major_outage"),
        ("degraded", "degraded_performance"),
        ("maintenance", "under_maintenance"),
        ("Under-Maintenance", "under_maintenance"),
        ("exploded", "unknown"),
    ],
)
def test_component_status_spellings(raw: str, expected: str) -> None:
    assert ComponentStatus.from_raw(_fresh(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("maintenance_scheduled", "scheduled"),
        ("Maintenance Scheduled", "scheduled"),
        ("maintenance_in_progress", "in_progress"),
        ("fixed", "resolved"),
        ("Watching", "monitoring"),
        ("In Progress", "in_progress"),
        ("apocalyptic", "unknown"),
    ],
)
def test_incident_status_spellings(raw: str, expected: str) -> None:
    assert IncidentStatus.from_raw(_fresh(raw)) == expected


def test_a_value_is_read_the_same_every_time() -> None:
    raw = _fresh("Critical")
    assert PageStatus.from_raw(raw) is PageStatus.from_raw(raw) is PageStatus.MAJOR_OUTAGE


def test_every_maintenance_from_either_list_once() -> None:
    """Feeds list maintenances among the incidents, JSON platforms apart: both are read,
    each id once (the page's own maintenance list wins), incidents left out."""
    start = update("u", 0, IncidentStatus.IN_PROGRESS)
    ours = [replace(incident(i, start), is_maintenance=True) for i in ("m1", "m2", "m3")]
    listed = replace(ours[2], name="listed")
    page = snapshot(ours[0], incident("outage", start), ours[1], ours[2])
    page = replace(page, maintenances=(listed,))
    assert [(m.id, m.name) for m in page.all_maintenances] == [
        ("m1", "m1"),
        ("m2", "m2"),
        ("m3", "listed"),
    ]
