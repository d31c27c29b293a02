"""Slack and AWS Health parsed field by field."""

from __future__ import annotations

from datetime import UTC, datetime
import json

from custom_components.status_tracker.client import (
    Impact,
    IncidentStatus,
    PageStatus,
    SourceKind,
    detect_changes,
)
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.platforms.aws import parse_aws
from custom_components.status_tracker.client.platforms.slack import parse_slack
from tests.status_page_server import fixture, fixture_json, json_bytes

JSON = "application/json"


# --- Slack ------------------------------------------------------------------------------------


def test_slack_current_int_ids_and_local_offsets() -> None:
    snap = sniff_document(fixture("slack_current_active_incident_2020.json"), JSON)
    assert snap.source is SourceKind.SLACK
    assert (snap.page.id, snap.page.name, snap.page.url) == (
        "slack-status.com",
        "Slack",
        "https://slack-status.com",
    )
    assert snap.page.updated_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "active")
    assert [i.id for i in snap.incidents] == ["878", "879"]  # ints in this capture
    incident = snap.incidents[0]
    assert incident.name == "We are investigating an issue with notification settings"
    assert (incident.status, incident.status_raw) == (IncidentStatus.INVESTIGATING, "active")
    assert (incident.impact, incident.impact_raw) == (Impact.MINOR, "incident")
    assert incident.url == "https://status.slack.com/2020-07/ea58a170d343b2ad"
    assert incident.components == ("Notifications",)
    assert incident.created_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)  # -07:00
    assert not incident.is_maintenance
    (note,) = incident.updates
    # Notes have no id: the key is (incident id, date_created as sent).
    assert note.id == "2020-07-30T15:12:34-07:00"
    assert note.display_at == datetime(2020, 7, 30, 22, 12, 34, tzinfo=UTC)
    assert note.body.startswith("Some users might notice that their notifications settings")
    assert snap.incidents[1].components == ("Apps/Integrations/APIs",)


def test_slack_history_outage_notes_and_maintenance() -> None:
    snap = parse_slack(fixture("slack_history_resolved_outage_and_maintenance_written.json"))
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")
    (outage,) = snap.incidents
    assert (outage.id, outage.status, outage.impact, outage.impact_raw) == (
        "1342",
        IncidentStatus.RESOLVED,
        Impact.CRITICAL,
        "outage",
    )
    assert outage.components == ("Files", "Messaging")
    assert outage.resolved_at == datetime(2026, 9, 15, 18, 48, 30, tzinfo=UTC)
    assert [(u.id, u.status) for u in outage.updates] == [
        ("2026-09-15T09:02:11-07:00", IncidentStatus.INVESTIGATING),
        ("2026-09-15T10:15:02-07:00", IncidentStatus.INVESTIGATING),
        ("2026-09-15T11:48:30-07:00", IncidentStatus.RESOLVED),
    ]
    assert outage.updates[1].body == (
        "We've identified the cause and are rolling out a fix.\n\n"
        "Uploads may still fail intermittently while the fix is deployed."
    )
    assert outage.updates[2].body == (
        "File uploads are working normally again for all affected users.\n\n"
        "We're sorry for the disruption."
    )
    (window,) = snap.maintenances
    assert (window.id, window.is_maintenance, window.impact) == ("1338", True, Impact.MAINTENANCE)
    assert (window.status, window.status_raw) == (IncidentStatus.COMPLETED, "completed")
    assert [u.status for u in window.updates] == [
        IncidentStatus.SCHEDULED,
        IncidentStatus.COMPLETED,
    ]


def test_slack_new_note_is_one_new_update() -> None:
    body = fixture_json("slack_current_active_incident_2020.json")
    seen = detect_changes(None, parse_slack(json_bytes(body))).seen
    body["active_incidents"][0]["notes"].insert(
        0, {"date_created": "2020-07-30T16:00:00-07:00", "body": "Fixed.<br>Thanks!"}
    )
    body["active_incidents"][0]["status"] = "resolved"
    body["active_incidents"][0]["type"] = "outage"
    snap = parse_slack(json_bytes(body))
    (new,) = detect_changes(seen, snap).new_updates
    assert new.key == ("878", "2020-07-30T16:00:00-07:00")
    assert (new.update.status, new.update.body) == (IncidentStatus.RESOLVED, "Fixed.\nThanks!")
    assert new.previous_status is IncidentStatus.INVESTIGATING
    assert snap.status is PageStatus.DEGRADED  # incident 879 is still open


def test_slack_all_clear() -> None:
    body = {"status": "ok", "date_created": "2026-09-14T00:00:00-07:00", "active_incidents": []}
    snap = parse_slack(json_bytes(body))
    assert (snap.status, snap.status_raw, snap.incidents) == (PageStatus.OPERATIONAL, "ok", ())


# --- AWS --------------------------------------------------------------------------------------


def test_aws_resolved_event_epoch_strings_in_utf16() -> None:
    body = fixture("aws_health_public_currentevents_2023-03_from_stts_comment.json")
    snap = sniff_document(body.decode().encode("utf-16"), "application/json; charset=utf-16")
    assert snap.source is SourceKind.AWS
    assert (snap.page.id, snap.page.name) == ("aws", "AWS Health Dashboard")
    assert (snap.status, snap.status_raw) == (PageStatus.OPERATIONAL, "")
    (event,) = snap.incidents
    assert event.id == "internetconnectivity-us-west-2@1678726651"
    assert event.name == "Internet Connectivity in the US-WEST-2 Region"  # "[RESOLVED] " gone
    assert (event.status, event.status_raw) == (IncidentStatus.RESOLVED, "0")
    assert (event.impact, event.impact_raw) == (Impact.MINOR, "1")  # impacted max "1"
    assert event.created_at == datetime(2023, 3, 13, 16, 57, tzinfo=UTC)  # the log's first time
    assert event.resolved_at == datetime(2023, 3, 13, 17, 11, 16, tzinfo=UTC)  # end_time
    assert event.components == (
        "AWS Internet Connectivity",
        "Amazon Elastic Load Balancing",
        "AWS NAT Gateway",
        "Amazon Elastic Compute Cloud",
    )
    (entry,) = event.updates
    assert (entry.id, entry.status, entry.status_raw) == (
        "1678726620",
        IncidentStatus.RESOLVED,
        "1",
    )
    assert entry.body.startswith("Between 8:25 AM and 9:16 AM PDT")


def test_aws_open_events_mixed_types() -> None:
    snap = parse_aws(fixture("aws_currentevents_two_open_events_utf16_written.json"))
    assert (snap.status, snap.status_raw) == (PageStatus.DEGRADED, "2")
    lam, ec2 = snap.incidents
    assert lam.id == "lambda-us-east-1@1789383600"
    assert (lam.status, lam.status_raw, lam.impact) == (
        IncidentStatus.INVESTIGATING,
        "2",
        Impact.MAJOR,
    )
    assert lam.is_active
    assert lam.components == ("AWS Lambda", "Amazon API Gateway")
    assert [(u.id, u.status_raw) for u in lam.updates] == [("1789383540", "1"), ("1789385400", "2")]
    assert lam.resolved_at is None
    assert (ec2.status_raw, ec2.impact, ec2.name) == ("1", Impact.MINOR, "Instance launch delays")
    assert ec2.created_at == datetime(2026, 9, 13, 10, 59, tzinfo=UTC)


def test_aws_disruption_and_empty_array() -> None:
    rows = json.loads(fixture("aws_currentevents_two_open_events_utf16_written.json"))
    rows[0]["status"] = 3
    assert parse_aws(json_bytes(rows)).status is PageStatus.PARTIAL_OUTAGE
    quiet = sniff_document("[]".encode("utf-16"), "application/json; charset=utf-16")
    assert (quiet.source, quiet.status, quiet.incidents) == (
        SourceKind.AWS,
        PageStatus.OPERATIONAL,
        (),
    )
