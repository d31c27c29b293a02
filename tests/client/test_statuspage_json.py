"""Statuspage v2 JSON (and incident.io's flavour) parsed field by field from real payloads."""

from __future__ import annotations

from datetime import UTC, datetime
import json

import pytest

from custom_components.status_tracker.client import (
    ComponentStatus,
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    StatusPageContentError,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.statuspage import parse_statuspage_json
from tests.status_page_server import fixture


def test_github_summary_with_three_open_incidents() -> None:
    snap = parse_statuspage_json(fixture("github_summary_3_unresolved_incidents_2026-02-09.json"))
    assert snap.source is SourceKind.STATUSPAGE
    assert snap.page.id == "kctbh9vrtdwd"
    assert snap.page.name == "GitHub"
    assert snap.page.url == "https://www.githubstatus.com"
    assert snap.page.time_zone == "Etc/UTC"
    assert snap.page.updated_at == datetime(2026, 2, 9, 17, 8, 38, 299000, tzinfo=UTC)
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "minor")
    assert snap.description == "Minor Service Outage"
    git = snap.components[0]
    assert (git.id, git.name, git.status, git.status_raw) == (
        "8l4ygp009s5s",
        "Git Operations",
        ComponentStatus.PARTIAL_OUTAGE,
        "partial_outage",
    )
    assert git.position == 1
    assert git.group_id is None
    assert [i.id for i in snap.incidents] == ["smf24rvl67v9", "54hndjxft5bx", "t5qmhtg29933"]
    assert [len(i.updates) for i in snap.incidents] == [9, 3, 2]
    pulls = snap.incidents[0]
    assert pulls.name == "Incident with Pull Requests"
    assert (pulls.status, pulls.impact, pulls.impact_raw) == (
        IncidentStatus.INVESTIGATING,
        Impact.MAJOR,
        "major",
    )
    assert pulls.url == "https://stspg.io/0bh72947r0m2"
    assert pulls.created_at == datetime(2026, 2, 9, 16, 19, 22, 233000, tzinfo=UTC)
    assert pulls.is_active
    assert not pulls.is_maintenance
    # Updates come out oldest first although the API lists them newest first.
    assert pulls.updates[0].id == "0c97jypg7kzg"
    assert pulls.updates[-1].id == "6pvs9180w1z4"
    assert [u.display_at for u in pulls.updates] == sorted(u.display_at for u in pulls.updates)
    last = pulls.updates[-1]
    assert (
        last.body == "Pages is experiencing degraded performance. We are continuing to investigate."
    )
    pages = next(c for c in last.affected_components if c.name == "Pages")
    assert (pages.id, pages.old_status, pages.new_status) == (
        "vg70hn9s2tyj",
        ComponentStatus.OPERATIONAL,
        ComponentStatus.PARTIAL_OUTAGE,
    )
    copilot = snap.incidents[2].updates[-1]
    assert copilot.body.startswith("We\u2019ve identified an issue")  # curly apostrophe kept
    assert "\n\nThe team is actively investigating" in copilot.body
    assert snap.incidents[1].updates[-1].affected_components == ()  # [] in the payload


def test_groups_are_not_components() -> None:
    snap = parse_statuspage_json(fixture("twilio_summary_groups_incidents_maintenances_2020.json"))
    assert len(snap.groups) == 8
    assert len(snap.components) == 65
    group = snap.groups[0]
    assert (group.id, group.name) == ("s2k3h0mkqnth", "PROGRAMMABLE MESSAGING")
    assert "d1j2nx64rpq3" in group.component_ids
    assert not {g.id for g in snap.groups} & {c.id for c in snap.components}
    studio = next(c for c in snap.components if c.name == "Studio")
    assert studio.group_id == "m8p285mfbblr"
    assert (snap.status, snap.description) == (PageStatus.DEGRADED, "Partially Degraded Service")
    assert len(snap.maintenances) == 9
    window = snap.maintenances[0]
    assert window.is_maintenance
    assert (window.status, window.impact) == (IncidentStatus.SCHEDULED, Impact.MAINTENANCE)
    assert window.scheduled_for == datetime(2020, 6, 16, 23, 0, tzinfo=UTC)  # -07:00 offset
    assert window.scheduled_until is not None


def test_maintenance_in_progress_and_html_bodies() -> None:
    snap = parse_statuspage_json(
        fixture("github_summary_scheduled_maintenance_html_body_2021-08-12.json")
    )
    assert (snap.status, snap.status_raw) == (PageStatus.MAINTENANCE, "maintenance")
    body = snap.maintenances[0].updates[0].body
    assert "<a" not in body
    assert "href" not in body
    amqp = parse_statuspage_json(
        fixture("cloudamqp_summary_in_progress_maintenance_nonascii_2020.json")
    )
    assert amqp.maintenances[0].status is IncidentStatus.IN_PROGRESS
    assert any(c.status is ComponentStatus.UNDER_MAINTENANCE for c in amqp.components)


def test_nbsp_and_br_become_plain_text() -> None:
    snap = parse_statuspage_json(fixture("github_summary_nbsp_br_in_body_2026-08-07.json"))
    bodies = [u.body for i in snap.incidents for u in i.updates]
    assert all("<br" not in b and "\u00a0" not in b and "\r" not in b for b in bodies)
    assert any("\n\n" in b for b in bodies)


def test_incidents_json_from_2019_without_newer_fields() -> None:
    snap = parse_statuspage_json(fixture("emma_incidents_2019_extracted.json"))
    assert len(snap.incidents) == 22
    assert snap.components == ()
    assert snap.status is PageStatus.UNKNOWN  # incidents.json carries no indicator
    first = snap.incidents[0]
    assert first.started_at is None
    assert all(i.created_at.tzinfo is UTC for i in snap.incidents)
    assert all("\r" not in u.body for i in snap.incidents for u in i.updates)


def test_incidentio_flavour_nulls_and_ulids() -> None:
    body = {
        "page": {
            "id": "01JMYB483C404VMPCW726E8MET",
            "name": "OpenAI",
            "url": "https://status.openai.com",
        },
        "status": {"indicator": "minor", "description": "Degraded"},
        "components": [
            {"id": "01JMYB483C404VMPCW726E8ME1", "name": "API", "status": "full_outage"},
            {"id": "01JMYB483C404VMPCW726E8ME2", "name": "Core", "group": True, "components": None},
        ],
        "incidents": None,
        "scheduled_maintenances": None,
    }
    # Detection tells the flavour by the ULIDs; the entry then reads it as incident.io.
    snap = sniff_document(json.dumps(body).encode(), "application/json")
    assert snap.source is SourceKind.INCIDENTIO
    assert snap.incidents == ()
    assert snap.maintenances == ()
    assert snap.components[0].status is ComponentStatus.MAJOR_OUTAGE
    assert snap.components[0].status_raw == "full_outage"
    (group,) = snap.groups  # a null member list: a group without members
    assert (group.id, group.name, group.component_ids) == ("01JMYB483C404VMPCW726E8ME2", "Core", ())


def test_unknown_enum_values_keep_raw() -> None:
    body = {
        "page": {"id": "p1", "name": "X"},
        "status": {"indicator": "apocalyptic", "description": "?"},
        "components": [{"id": "c1", "name": "A", "status": "on_fire"}],
        "incidents": [
            {
                "id": "i1",
                "name": "<script>alert(1)</script>Boom",
                "status": "panicking",
                "impact": "cosmic",
                "created_at": "2026-01-01T00:00:00Z",
                "shortlink": None,
                "incident_updates": [
                    {
                        "id": "u1",
                        "status": "panicking",
                        "body": None,
                        "created_at": "2026-01-01T00:00:00Z",
                    },
                    {"id": None, "status": "x", "body": "no id"},
                    "not an object",
                ],
            },
            {"name": "no id"},
        ],
    }
    snap = parse_statuspage_json(json.dumps(body).encode())
    assert (snap.status, snap.status_raw) == (PageStatus.UNKNOWN, "apocalyptic")
    assert (snap.components[0].status, snap.components[0].status_raw) == (
        ComponentStatus.UNKNOWN,
        "on_fire",
    )
    (incident,) = snap.incidents
    assert incident.name == "Boom"
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "panicking")
    assert (incident.impact, incident.impact_raw) == (Impact.UNKNOWN, "cosmic")
    assert [u.id for u in incident.updates] == ["u1"]
    assert incident.updates[0].body == ""


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"[]",
        b'{"page": null}',
        b'{"page": {"name": "no id"}}',
        b"\xff\xfe",
        b"[" * 100_000,
    ],
)
def test_not_statuspage_json_is_a_content_error(body: bytes) -> None:
    with pytest.raises(StatusPageContentError):
        parse_statuspage_json(body)
