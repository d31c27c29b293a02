"""Statuspage ``history.atom`` entries read field by field, from small hand-made entries.

Shapes from the module docstring and ../shared/reference/status-page-formats.md (1.5): one
``<p>`` per update, newest first, ``<small>`` the time ("Aug 21, 00:37 UTC", no year, a zone
abbreviation), ``<strong>`` the label, the rest the text; the incident's id is the code in
its ``/incidents/<code>`` link; ``<published>`` is the time of the latest update. Update ids
are made from the label and the minute (in UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import time
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import pytest

from custom_components.status_tracker.client import Incident, IncidentStatus, SourceKind
from custom_components.status_tracker.client.platforms import platform_for

if TYPE_CHECKING:
    from collections.abc import Iterator

_CODE_LINK = "https://status.acme.test/incidents/abc123"


def _entry(
    html: str,
    *,
    number: int = 1,
    link: str = _CODE_LINK,
    published: str | None = "2026-03-02T10:00:00Z",
    updated: str = "2026-03-02T10:00:00Z",
    title: str = "Login errors",
) -> str:
    stamp = f"<published>{published}</published>" if published else ""
    return (
        f"<entry><id>tag:status.acme.test,2005:Incident/{number}</id>{stamp}"
        f"<updated>{updated}</updated>"
        f'<link rel="alternate" type="text/html" href="{link}"/><title>{title}</title>'
        f'<content type="html">{escape(html)}</content></entry>'
    )


def _read(*entries: str) -> tuple[Incident, ...]:
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Acme Status - Incident History</title><link rel="alternate" '
        f'type="text/html" href="https://status.acme.test"/>{"".join(entries)}</feed>'
    )
    platform = platform_for(SourceKind.STATUSPAGE_FEED)
    return platform.parse(document.encode(), "application/atom+xml").incidents


def _post(when: str, label: str, text: str) -> str:
    return f"<p><small>{when}</small><br><strong>{label}</strong> - {text}</p>"


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_statuspage_feed_posts_read_or_passed_over() -> None:
    # Newest first. The two oldest posts cannot be read (a stamp that is no time, a month
    # that is no month): they are passed over, the posts after them are still read.
    timeline = "".join(
        [
            _post("Mar <var>2</var>, <var>10:00</var> XYZ", "Resolved", "Fixed."),
            _post("Mar <var>2</var>, <var>09:30</var> UTC", "Escalated", "Paging the team."),
            _post("Mar <var>2</var>, <var>09:00</var> UTC", "Update", "Looking."),
            _post("Foo <var>2</var>, <var>08:00</var> UTC", "Investigating", "Odd month."),
            _post("soon", "Investigating", "No time."),
        ]
    )
    # An Atom entry may leave <published> out; its <updated> dates the posts then.
    (incident,) = _read(_entry(timeline, published=None))
    assert incident.id == "abc123"
    assert [(u.id, u.status, u.status_raw, u.body, u.display_at) for u in incident.updates] == [
        # A first "Update" post keeps the state an incident starts in: investigating.
        ("update@20260302T0900Z", IncidentStatus.INVESTIGATING, "Update", "Looking.", _at(2, 9)),
        # A label no state matches names its update itself.
        (
            "Escalated@20260302T0930Z",
            IncidentStatus.UNKNOWN,
            "Escalated",
            "Paging the team.",
            _at(2, 9, 30),
        ),
        # A zone abbreviation not known is read in the entry's own zone (UTC).
        ("resolved@20260302T1000Z", IncidentStatus.RESOLVED, "Resolved", "Fixed.", _at(2, 10)),
    ]
    assert (incident.status, incident.created_at, incident.resolved_at) == (
        IncidentStatus.RESOLVED,
        _at(2, 9),
        _at(2, 10),
    )


def test_statuspage_feed_entries_without_an_incident_link() -> None:
    readable = _post("Mar <var>2</var>, <var>09:00</var> UTC", "Identified", "Cause found.")
    unreadable = "<p><small>soon</small><br><strong>Monitoring</strong> - Watching.</p>"
    first, second, third = _read(
        _entry(readable),
        _entry(readable, number=2, link="https://status.acme.test/history"),
        _entry(unreadable, number=3, link="https://status.acme.test/notices/3"),
    )
    assert (first.id, first.status) == ("abc123", IncidentStatus.IDENTIFIED)
    # Without an /incidents/<code> link the entry's own id is the incident's.
    assert (second.id, second.status) == (
        "tag:status.acme.test,2005:Incident/2",
        IncidentStatus.IDENTIFIED,
    )
    assert second.url == "https://status.acme.test/history"
    # No post readable: the entry read as any feed's, by its newest label.
    assert (third.id, third.status, third.status_raw) == (
        "tag:status.acme.test,2005:Incident/3",
        IncidentStatus.MONITORING,
        "monitoring",
    )


def test_statuspage_feed_markup_inside_and_between_posts() -> None:
    timeline = (
        "<h3>Maintenance</h3>"
        # The label may come before the time; a second <strong> is text.
        "<p><strong>Completed</strong> <small>Mar <var>2</var>, <var>10:00</var> UTC</small>"
        "<br>- Done for <strong>all</strong> regions; R&amp;D says &lt;b&gt; stays text.</p>"
        " See the report.\n"
        # A label split by markup; the post's own paragraphs, and a list after it.
        "<p><small>Mar <var>2</var>, <var>09:00</var> UTC</small><br>"
        "<strong>In <em>progress</em></strong> - Steps:<p>Restart</p><p>Verify</p></p>"
        "<ul><li>API</li><li>Web</li></ul>"
        + _post("Mar <var>1</var>, <var>08:00</var> UTC", "Scheduled", "Planned.")
    )
    (incident,) = _read(_entry(timeline, title="Database maintenance"))
    assert [(u.status_raw, u.display_at, u.body) for u in incident.updates] == [
        ("Scheduled", _at(1, 8), "Planned."),
        ("In progress", _at(2, 9), "Steps:\nRestart\n\nVerify\n\nAPI\n\nWeb"),
        (
            "Completed",
            _at(2, 10),
            "Done for all regions; R&D says <b> stays text.\nSee the report.",
        ),
    ]
    assert incident.status is IncidentStatus.COMPLETED
    assert incident.is_maintenance


@pytest.mark.parametrize(
    ("stamp", "year"),
    [
        # <published> is the latest post's time: a post up to two days after it (a zone
        # read wrong) is still in its year, one later than that is from the year before.
        ("Mar <var>3</var>, <var>10:00</var> UTC", 2026),
        ("Mar <var>3</var>, <var>10:01</var> UTC", 2025),
        ("Mar <var>4</var>, <var>09:00</var> UTC", 2025),
    ],
)
def test_statuspage_feed_year_of_a_post_after_its_entry(stamp: str, year: int) -> None:
    (incident,) = _read(
        _entry(_post(stamp, "Resolved", "Fixed."), published="2026-03-01T10:00:00Z")
    )
    (update,) = incident.updates
    assert update.display_at.year == year


@pytest.fixture
def tokyo_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in a zone east of UTC, as on many Home Assistant hosts."""
    monkeypatch.setenv("TZ", "JST-9")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("tokyo_clock")
def test_statuspage_feed_times_are_utc_whatever_the_machine_zone() -> None:
    (incident,) = _read(_entry(_post("Mar <var>2</var>, <var>09:00</var> CET", "Resolved", "ok")))
    (update,) = incident.updates
    assert update.id == "resolved@20260302T0800Z"
    assert update.display_at == _at(2, 8)
    assert update.display_at.utcoffset() == timedelta(0)
