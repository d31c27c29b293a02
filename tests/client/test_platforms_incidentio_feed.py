"""incident.io's feed: hand-made entries shaped as status.openai.com's ``feed.atom``."""

from __future__ import annotations

from custom_components.status_tracker.client import SourceKind
from custom_components.status_tracker.client.detect import sniff_document
from custom_components.status_tracker.client.models import Impact, IncidentStatus

_URL = "https://status.example.com/feed.atom"
_ATOM = "application/atom+xml; charset=utf-8"


def _feed(*entries: str, generator: str = "incident.io") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<id>https://status.example.com/</id><title>Example status</title>"
        f"<updated>2026-02-22T14:54:30Z</updated><generator>{generator}</generator>"
        '<link rel="alternate" href="https://status.example.com/"/>' + "".join(entries) + "</feed>"
    ).encode()


def _entry(html: str, entry_id: str = "https://status.example.com//incidents/01ABC") -> str:
    link = "https://status.example.com//incidents/01ABC"
    return (
        f'<entry><title>API errors</title><id>{entry_id}</id><link href="{link}"/>'
        "<updated>2026-02-20T22:44:27Z</updated>"
        f'<content type="html"><![CDATA[{html}]]></content></entry>'
    )


def _components(*items: str) -> str:
    return (
        "<br/><br/><b>Affected components</b><ul>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
    )


def test_empty_feed_named_incident_io_by_its_generator() -> None:
    # The Atom feed says generator "incident.io" (any case); no entries need show "Status:".
    for generator in ("incident.io", "Incident.io"):
        snap = sniff_document(_feed(generator=generator), _ATOM, _URL)
        assert (snap.source, snap.incidents) == (SourceKind.INCIDENTIO_FEED, ())


def test_worst_component_rates_the_impact() -> None:
    html = "<b>Status: Investigating</b><br/><br/>Errors." + _components(
        "API (Full outage)", "Web (Partial outage)", "Chat (Degraded performance)"
    )
    (incident,) = sniff_document(_feed(_entry(html)), _ATOM, _URL).incidents
    # A full outage is the worst of the three, whatever the order of the words.
    assert (incident.impact, incident.components) == (Impact.CRITICAL, ("API", "Web", "Chat"))
    assert incident.is_maintenance is False


def test_no_affected_components_rates_no_impact() -> None:
    (incident,) = sniff_document(
        _feed(_entry("<b>Status: Identified</b><br/><br/>We found it.")), _ATOM, _URL
    ).incidents
    assert (incident.status, incident.impact, incident.components) == (
        IncidentStatus.IDENTIFIED,
        Impact.UNKNOWN,
        (),
    )


def test_maintenance_in_progress_without_components() -> None:
    (incident,) = sniff_document(
        _feed(_entry("<b>Status: In progress</b><br/><br/>Database upgrade.")), _ATOM, _URL
    ).incidents
    assert (incident.status, incident.is_maintenance) == (IncidentStatus.IN_PROGRESS, True)


def test_incident_id_from_the_link_when_the_entry_id_is_a_tag() -> None:
    html = "<b>Status: Resolved</b><br/><br/>Fixed." + _components("API (Operational)")
    entry = _entry(html, entry_id="tag:status.example.com,2026:incident-7")
    (incident,) = sniff_document(_feed(entry), _ATOM, _URL).incidents
    assert (incident.id, incident.url) == ("01ABC", "https://status.example.com/incidents/01ABC")


def test_entry_without_status_line_reads_unknown() -> None:
    html = "A message without a status line." + _components("API (Degraded performance)")
    (incident,) = sniff_document(_feed(_entry(html)), _ATOM, _URL).incidents
    assert (incident.status, incident.status_raw) == (IncidentStatus.UNKNOWN, "unknown")
    assert incident.updates[0].body == "A message without a status line."


def test_message_naming_affected_components_keeps_its_text() -> None:
    # The message names the words itself; the list is the one under the feed's bold heading.
    message = "Affected components: Login and Billing (EU)<br/><br/>We are rolling back."
    html = f"<b>Status: Identified</b><br/><br/>{message}" + _components("Login (Partial outage)")
    (incident,) = sniff_document(_feed(_entry(html)), _ATOM, _URL).incidents
    (update,) = incident.updates
    assert update.body == "Affected components: Login and Billing (EU)\n\nWe are rolling back."
    assert incident.components == ("Login",)
    assert [(c.name, c.new_status_raw) for c in update.affected_components] == [
        ("Login", "Partial outage")
    ]
    assert incident.impact is Impact.MAJOR


def test_message_naming_affected_components_without_a_list() -> None:
    # No bold heading, no list: the whole message is the body and nothing is affected.
    html = "<b>Status: Monitoring</b><br/><br/>Affected components: none listed (still checking)"
    (incident,) = sniff_document(_feed(_entry(html)), _ATOM, _URL).incidents
    assert incident.updates[0].body == "Affected components: none listed (still checking)"
    assert (incident.components, incident.impact) == ((), Impact.UNKNOWN)
