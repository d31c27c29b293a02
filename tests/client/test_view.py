"""The one view of a new update: the keys the README promises for the ``status_incident`` event."""

from __future__ import annotations

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
