"""hund.io's feed: odd entries (hand-made, shaped as the module docstring's) and addresses."""

from __future__ import annotations

from custom_components.status_tracker.client.detect import known_document, page_base, sniff_document
from custom_components.status_tracker.client.models import Impact, IncidentStatus

_FEED = "https://status.example.com/state_feed/feed"
_ATOM = "application/atom+xml; charset=utf-8"
_ID = "tag:status.example.com,2005:State::FeedNotifier::Entry/"


def _entry(entry_id: str, title: str, when: str, issue: str | None = None) -> str:
    link = (
        f'<link rel="alternate" href="https://status.example.com/issues/{issue}"/>' if issue else ""
    )
    return (
        f"<entry><id>{entry_id}</id><updated>{when}</updated>{link}"
        f'<title>{title}</title><content type="html">text</content></entry>'
    )


def _feed(*entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<id>tag:status.example.com,2005:/state_feed/feed</id><title>Example Status</title>"
        "<updated>2026-11-24T09:00:00Z</updated>" + "".join(entries) + "</feed>"
    ).encode()


def test_an_entry_without_time_does_not_hide_the_next() -> None:
    no_time = f"<entry><id>{_ID}e0</id><title>[Monitoring] A</title></entry>"
    later = _entry(f"{_ID}e1", "[Investigating] Slow API", "2026-11-24T09:00:00Z", "i1")
    snap = sniff_document(_feed(no_time, later), _ATOM, _FEED)
    assert [i.id for i in snap.incidents] == ["i1"]


def test_posts_of_one_issue_at_one_time_are_both_kept() -> None:
    one = _entry(f"{_ID}e2", "[Resolved] Slow API", "2026-11-24T09:00:00Z", "i1")
    two = _entry(f"{_ID}e1", "[Investigating] Slow API", "2026-11-24T09:00:00Z", "i1")
    (incident,) = sniff_document(_feed(one, two), _ATOM, _FEED).incidents
    assert sorted(u.id for u in incident.updates) == [
        "e1@2026-11-24T09:00:00+00:00",
        "e2@2026-11-24T09:00:00+00:00",
    ]


def test_an_entry_id_ending_at_the_marker_is_kept_whole() -> None:
    entry = _entry(_ID, "[Monitoring] Slow API", "2026-11-24T09:00:00Z", "i1")
    (incident,) = sniff_document(_feed(entry), _ATOM, _FEED).incidents
    assert [u.id for u in incident.updates] == [f"{_ID}@2026-11-24T09:00:00+00:00"]


def test_an_entry_key_is_what_follows_the_last_marker() -> None:
    entry = _entry(f"{_ID}FeedNotifier::Entry/e1", "[Monitoring] A", "2026-11-24T09:00:00Z", "i1")
    (incident,) = sniff_document(_feed(entry), _ATOM, _FEED).incidents
    assert [u.id for u in incident.updates] == ["e1@2026-11-24T09:00:00+00:00"]


def test_a_title_without_name_names_the_incident_by_its_issue() -> None:
    entry = _entry(f"{_ID}e1", "[Resolved]", "2026-11-24T09:00:00Z", "i1")
    (incident,) = sniff_document(_feed(entry), _ATOM, _FEED).incidents
    assert (incident.id, incident.name, incident.status) == ("i1", "i1", IncidentStatus.RESOLVED)


def test_the_issue_link_of_any_post_is_the_incident_url() -> None:
    # The later post of issue i1 carries no link; its entry id is the issue's.
    first = _entry(f"{_ID}e1", "[Investigating] Slow API", "2026-11-24T09:00:00Z", "i1")
    later = _entry(f"{_ID}i1", "[Monitoring] Slow API", "2026-11-24T09:30:00Z")
    (incident,) = sniff_document(_feed(later, first), _ATOM, _FEED).incidents
    assert (incident.id, incident.url, len(incident.updates)) == (
        "i1",
        "https://status.example.com/issues/i1",
        2,
    )


def test_maintenance_named_in_the_title_under_any_label() -> None:
    entry = _entry(f"{_ID}e1", "[Resolved] Geplante Wartung", "2026-11-24T09:00:00Z", "i1")
    (incident,) = sniff_document(_feed(entry), _ATOM, _FEED).incidents
    assert (incident.is_maintenance, incident.impact) == (True, Impact.MAINTENANCE)


def test_feed_addresses_with_a_trailing_slash_or_a_query() -> None:
    assert known_document(_FEED + "/") == _FEED + "/"
    # Only the page's root is claimed on a hund.io host.
    assert known_document("https://acme.hund.io/X") is None
    # The page is what comes before the first "/state_feed/".
    assert page_base(_FEED + "?from=/state_feed/x") == "https://status.example.com"
