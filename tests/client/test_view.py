"""The one view of a new update: the keys the README promises for the ``status_incident`` event."""

from __future__ import annotations

from dataclasses import replace

import pytest

from custom_components.status_tracker.client import Impact, IncidentStatus, NewUpdate, view_of
from tests.client.builders import incident, post


def test_as_dict_has_every_key_of_the_event_as_plain_values() -> None:
    first = post("u1", 0)
    second = post("u2", 7, IncidentStatus.IDENTIFIED, affected=(("api", "API"),))
    found = incident(
        "inc1", impact=Impact.MAJOR, components=("API", "Git"), updates=(first, second)
    )
    update = NewUpdate(incident=found, update=second, previous_status=IncidentStatus.INVESTIGATING)
    assert view_of(update).as_dict() == {
        "type": "incident_updated",
        "incident_id": "inc1",
        "incident_name": "Incident inc1",
        "status": "identified",
        "status_raw": "identified",
        "previous_status": "investigating",
        "impact": "major",
        "update_id": "u2",
        "body": "text of u2",
        "affected_components": ["API"],
        "shortlink": "https://status.example.com/incidents/inc1",
        "created_at": "2026-01-01T03:07:00+00:00",
        "display_at": "2026-01-01T03:07:00+00:00",
        "started_at": "2026-01-01T03:00:00+00:00",
        "is_new_incident": False,
        "is_resolution": False,
        "is_maintenance": False,
    }


def test_as_dict_is_a_copy() -> None:
    found = incident("inc1", components=("API",), updates=(post("u1"),))
    view = view_of(NewUpdate(incident=found, update=found.updates[0], is_new_incident=True))
    data = view.as_dict()
    data["affected_components"].append("Git")
    data["type"] = "changed"
    assert view.affected_components == ["API"]
    assert view.as_dict()["type"] == "incident_created"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (IncidentStatus.SCHEDULED, "maintenance_scheduled"),
        (IncidentStatus.IN_PROGRESS, "maintenance_started"),
        (IncidentStatus.VERIFYING, "maintenance_updated"),
        (IncidentStatus.COMPLETED, "maintenance_completed"),
        (IncidentStatus.UNKNOWN, "maintenance_updated"),
    ],
)
def test_a_maintenance_step_is_named_by_its_status(status: IncidentStatus, kind: str) -> None:
    step = post("m1", 0, status)
    window = incident("mnt1", maintenance=True, status=status, updates=(step,))
    # The README's event types: a maintenance step is never an incident_* type.
    assert view_of(NewUpdate(incident=window, update=step, is_new_incident=True)).type == kind


def test_incident_steps_created_updated_resolved() -> None:
    opened, resolved = post("u1", 0), post("u2", 9, IncidentStatus.RESOLVED)
    found = incident("inc1", updates=(opened, resolved))
    assert view_of(NewUpdate(incident=found, update=opened, is_new_incident=True)).type == (
        "incident_created"
    )
    assert view_of(NewUpdate(incident=found, update=opened)).type == "incident_updated"
    assert view_of(NewUpdate(incident=found, update=resolved)).type == "incident_resolved"


def test_status_raw_is_the_pages_own_word_else_ours() -> None:
    worded = replace(post("u1", 0, IncidentStatus.IDENTIFIED), status_raw="Fix in progress")
    bare = replace(post("u2", 5, IncidentStatus.IDENTIFIED), status_raw="")
    found = incident("inc1", updates=(worded, bare))
    assert view_of(NewUpdate(incident=found, update=worded)).status_raw == "Fix in progress"
    assert view_of(NewUpdate(incident=found, update=bare)).status_raw == "identified"
