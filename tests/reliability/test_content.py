"""Content faults: a body that is not a status document is refused cleanly; odd documents parse."""

from __future__ import annotations

import json
import time
import tracemalloc
from typing import TYPE_CHECKING, Any, Final

from homeassistant.helpers.json import json_bytes
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.client import (
    StatusPageContentError,
    StatusPageError,
    StatusPageTooLargeError,
)
from custom_components.status_tracker.client.diff import MAX_INCIDENTS
from custom_components.status_tracker.client.fetch import DEFAULT_MAX_BYTES
from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    ACTIVE,
    INCIDENTS,
    SUMMARY,
    coordinator_of,
    fails_cleanly,
    fired,
    make_entry,
    serve,
    setup,
    state,
)
from tests.reliability.fault_server import Stream
from tests.status_page_server import DEMO_PAGE, demo_documents, demo_incident

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.core import Event, HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer

FEED: Final = "/history.atom"
MIB: Final = 1024 * 1024


def atom(entries: str = "", title: str = "Demo Cloud Status") -> str:
    """A generic Atom feed around ``entries``."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{title}</title><link rel="alternate" href="http://127.0.0.1/"/>'
        f"{entries}</feed>"
    )


ENTRY: Final = (
    "<entry><id>tag:demo,2026:1</id><title>Elevated API errors</title>"
    '<link rel="alternate" href="http://127.0.0.1/incidents/abc"/>'
    "<published>2026-11-23T12:00:00Z</published><updated>2026-11-23T12:10:00Z</updated>"
    '<content type="html">&lt;p&gt;Resolved - fixed.&lt;/p&gt;</content></entry>'
)


@pytest.fixture
async def loaded(hass: HomeAssistant, fault_page: FaultServer) -> MockConfigEntry:
    """The demo page's entry, set up while the page was healthy."""
    return await setup(hass, make_entry(fault_page))


@pytest.fixture
async def feed_entry(hass: HomeAssistant, fault_page: FaultServer) -> MockConfigEntry:
    """An entry reading a plain Atom feed, set up while the feed was healthy."""
    fault_page.set(FEED, atom(ENTRY), content_type="application/atom+xml")
    entry = await setup(hass, make_entry(fault_page, endpoints=(FEED,), source="feed"))
    assert state(hass).state == "operational"
    return entry


def _summary(stage: int | None = None) -> dict[str, Any]:
    return demo_documents(stage)[0]


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)
    )
    + "]>"
    + atom("<entry><id>x</id><title>&lol9;</title></entry>").removeprefix(
        '<?xml version="1.0" encoding="UTF-8"?>'
    )
)
_XXE = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + atom(
    "<entry><id>x</id><title>&xxe;</title></entry>"
).removeprefix('<?xml version="1.0" encoding="UTF-8"?>')

# (what summary.json becomes, expected cause, expected message after "Error fetching ...: ")
JSON_FAULTS: dict[str, tuple[Callable[[FaultServer], object], type[StatusPageError], str]] = {
    "truncated_json": (
        lambda s: s.set(SUMMARY, json.dumps(_summary(0))[:700]),
        StatusPageContentError,
        "not a status document: Invalid JSON: (Unterminated|Expecting)",
    ),
    "html_error_page_200": (
        lambda s: s.set(
            SUMMARY,
            "<!DOCTYPE html><html><body><h1>We'll be right back</h1></body></html>",
            content_type="text/html; charset=utf-8",
        ),
        StatusPageContentError,
        r"not a status document: Expected JSON or a feed, got an HTML page \(text/html",
    ),
    "html_page_labelled_json": (
        lambda s: s.set(SUMMARY, "<!doctype html><html><p>Maintenance</p></html>"),
        StatusPageContentError,
        "not a status document: Expected JSON or a feed, got an HTML page$",
    ),
    "empty_body": (
        lambda s: s.set(SUMMARY, b""),
        StatusPageContentError,
        "not a status document: Invalid JSON: Expecting value",
    ),
    "empty_body_no_content_type": (
        lambda s: s.set(SUMMARY, b"", content_type=""),
        StatusPageContentError,
        "not a status document: Invalid JSON",
    ),
    "binary_body": (
        lambda s: s.set(SUMMARY, bytes(range(256)) * 4, content_type="application/octet-stream"),
        StatusPageContentError,
        "not a status document: Invalid JSON",
    ),
    "deeply_nested_json": (
        lambda s: s.set(SUMMARY, b"[" * 100_000),
        StatusPageContentError,
        "not a status document: Invalid JSON: .*(recursion|Stack overflow|depth)",
    ),
    "deeply_nested_json_parsed_in_executor": (
        lambda s: s.set(SUMMARY, b'{"a":' * 400_000),
        StatusPageContentError,
        "not a status document: Invalid JSON: .*(recursion|Stack overflow|depth)",
    ),
    "invalid_utf8_json": (
        lambda s: s.set(SUMMARY, b'{"page": {"id": "demo0page001", "name": "\xff\xfe\xfa"}}'),
        StatusPageContentError,
        "not a status document: Invalid JSON: .*utf-8",
    ),
    "json_of_another_shape": (
        lambda s: s.set(SUMMARY, {"hello": "world", "status": "ok"}),
        StatusPageContentError,
        "not a status document: ",
    ),
    "json_scalar": (
        lambda s: s.set(SUMMARY, b"42"),
        StatusPageContentError,
        "not a status document: ",
    ),
    "body_over_the_cap_declared": (
        lambda s: s.stream(SUMMARY, Stream(size=50 * MIB, declare_length=True)),
        StatusPageTooLargeError,
        f"too much data: .* declares {50 * MIB} bytes, over the {DEFAULT_MAX_BYTES} byte cap",
    ),
}

FEED_FAULTS: dict[str, tuple[str | bytes, str]] = {
    "truncated_xml": (atom(ENTRY)[:200], "Invalid feed XML: (unclosed|no element)"),
    "billion_laughs": (_LAUGHS, "Invalid feed XML: "),
    "external_entity": (_XXE, "Invalid feed XML: "),
    "invalid_utf8_xml": (
        atom(ENTRY).encode().replace(b"Elevated", b"\xff\xfe"),
        "Invalid feed XML",
    ),
    "not_a_feed": ('<svg xmlns="http://www.w3.org/2000/svg"/>', "Not an Atom or RSS feed"),
    "deeply_nested_xml": (
        '<feed xmlns="http://www.w3.org/2005/Atom">' + "<a>" * 50_000,
        "Invalid feed XML: ",
    ),
}


@pytest.mark.parametrize("fault", JSON_FAULTS, ids=str)
async def test_json_content_fault(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    inject, cause, message = JSON_FAULTS[fault]
    inject(fault_page)
    await fails_cleanly(hass, loaded, caplog, cause, message)
    fault_page.clear(SUMMARY)
    serve(fault_page, 0)
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"


@pytest.mark.parametrize("fault", FEED_FAULTS, ids=str)
async def test_feed_content_fault(
    hass: HomeAssistant,
    fault_page: FaultServer,
    feed_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    body, message = FEED_FAULTS[fault]
    fault_page.set(FEED, body, content_type="application/atom+xml")
    await fails_cleanly(
        hass, feed_entry, caplog, StatusPageContentError, f"not a status document: {message}"
    )


async def test_50_mib_body_is_capped_and_memory_stays_flat(
    hass: HomeAssistant,
    fault_page: FaultServer,
    loaded: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Chunked, so no length warns us: the cap must stop the read itself.
    spec = Stream(size=50 * MIB, declare_length=False)
    fault_page.stream(SUMMARY, spec)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        await fails_cleanly(
            hass,
            loaded,
            caplog,
            StatusPageTooLargeError,
            f"too much data: .* sent more than the {DEFAULT_MAX_BYTES} byte cap",
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"\n50 MiB body: peak traced memory {peak / MIB:.1f} MiB, {spec.sent / MIB:.1f} MiB sent")  # noqa: T201
    assert peak < 12 * MIB  # the 4 MiB cap and read buffers, never the body
    assert spec.sent < 50 * MIB


async def test_json_labelled_text_plain_is_still_read(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    summary, incidents = demo_documents(0)
    fault_page.set(SUMMARY, summary, content_type="text/plain")
    fault_page.set(INCIDENTS, incidents, content_type="application/octet-stream")
    events = async_capture_events(hass, EVENT_INCIDENT)
    await poll(hass, loaded)
    assert state(hass).state == "partial_outage"
    assert [e.data["status"] for e in events] == ["investigating"]


def _with_incident(incident: dict[str, Any], *, stage: int | None = None) -> dict[str, Any]:
    summary = _summary(stage)
    summary["incidents"] = [incident]
    return summary


async def _publish(
    hass: HomeAssistant, server: FaultServer, entry: MockConfigEntry, summary: dict[str, Any]
) -> list[Event]:
    """Serve ``summary`` (and the same incidents in incidents.json); poll; the events fired."""
    events: list[Event] = async_capture_events(hass, EVENT_INCIDENT)
    server.set(SUMMARY, summary)
    server.set(INCIDENTS, {"page": DEMO_PAGE, "incidents": summary["incidents"]})
    await poll(hass, entry)
    return events


async def test_unknown_enum_values(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["status"] = "exploded"
    incident["impact"] = "apocalyptic"
    incident["incident_updates"][0]["status"] = "panicking"
    incident["incident_updates"][0]["affected_components"][0]["new_status"] = "on_fire"
    summary = _with_incident(incident)
    summary["status"] = {"indicator": "purple", "description": "Something"}
    summary["components"][0]["status"] = "wobbly"
    events = await _publish(hass, fault_page, loaded, summary)
    assert state(hass).state == "unknown"
    assert state(hass).attributes["indicator"] == "purple"
    assert state(hass, ACTIVE).state == "1"  # an unknown status is not a closed one
    assert [(e.data["status"], e.data["impact"]) for e in events] == [("unknown", "unknown")]


async def test_null_and_missing_fields(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    good = demo_incident(1)
    nulls = dict.fromkeys(demo_incident(0)) | {"id": "nulls0000001"}
    bare = {"id": "bare00000001", "created_at": "2026-11-23T13:00:00Z"}
    no_id = demo_incident(0) | {"id": None}
    odd_updates = demo_incident(0, "odd000000001") | {
        "name": None,
        "components": None,
        "incident_updates": [
            None,
            42,
            {"id": None, "created_at": "2026-11-23T13:00:00Z"},  # no id: skipped
            {"id": "oddupd1"},  # no time: skipped
            {"id": "oddupd2", "display_at": "2026-11-23T13:05:00Z", "body": None,
             "status": None, "affected_components": [None, {"name": None}]},
        ],
    }  # fmt: skip
    summary = _summary()
    summary["incidents"] = [good, nulls, bare, no_id, odd_updates, None, "x", []]
    summary["components"] = None
    summary["status"] = None
    events = await _publish(hass, fault_page, loaded, summary)
    assert state(hass).state == "unknown"
    assert state(hass, ACTIVE).state == "3"  # good, bare and odd; nulls has no time, no_id no id
    assert sorted(fired(events)) == [
        ("inc000000001", "inc00000upd0", "investigating"),
        ("inc000000001", "inc00000upd1", "identified"),
        ("odd000000001", "oddupd2", "unknown"),
    ]
    odd = next(e for e in events if e.data["update_id"] == "oddupd2")
    assert odd.data["body"] == ""
    assert odd.data["incident_name"] == "odd000000001"  # the id stands in for a missing name


async def test_timestamps_at_the_edges_of_time(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    # Both were an OverflowError out of the parser (an "Unexpected error" every poll).
    incident["created_at"] = "0001-01-01T00:00:00+05:00"
    incident["resolved_at"] = "9999-12-31T23:59:59-05:00"
    incident["incident_updates"][0]["display_at"] = "0001-01-01T01:00:00+09:00"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert state(hass).state == "operational"
    assert fired(events) == [("inc000000001", "inc00000upd0", "investigating")]
    # An unreadable display time falls back to the creation time.
    assert events[0].data["display_at"] == "2026-11-23T12:00:00+00:00"


async def test_huge_bodies_and_names(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "N" * 100_000
    incident["incident_updates"][0]["body"] = "<p>" + "B" * MIB + "</p>"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert len(events) == 1
    attributes = state(hass).attributes
    (shown,) = attributes["incidents"]
    # "text clipped to 255 characters" (README, attributes of the status sensor)
    assert len(shown["name"]) == 255
    assert len(shown["latest_update"]) == 255
    assert len(json_bytes(dict(attributes))) < 16 * 1024  # the recorder's attribute limit


async def test_huge_body_event_stays_recordable(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "N" * 10_000
    incident["incident_updates"][0]["body"] = "B" * 100_000
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    assert len(events) == 1
    # docs/reliability.md: the body is capped at 4,000 characters, the name at 255.
    assert len(events[0].data["incident_name"]) == 255
    assert len(events[0].data["body"]) == 4000
    assert len(json_bytes(events[0].data)) <= 32 * 1024


def _many(count: int, stage: int = 0) -> list[dict[str, Any]]:
    return [demo_incident(stage, f"inc{n:09d}") for n in range(count)]


async def test_thousand_open_incidents(hass: HomeAssistant, fault_page: FaultServer) -> None:
    many = _many(1000)
    summary = _summary()
    summary["incidents"] = many
    fault_page.set(SUMMARY, summary)
    fault_page.set(INCIDENTS, {"page": DEMO_PAGE, "incidents": many})
    events = async_capture_events(hass, EVENT_INCIDENT)
    entry = await setup(hass, make_entry(fault_page))
    assert events == []  # the baseline is silent
    assert state(hass, ACTIVE).state == "1000"
    attributes = state(hass).attributes
    assert len(attributes["incidents"]) == 10  # "Up to 10 open incidents" (README)
    assert attributes["incidents_truncated"] is True
    # Later changes, one update each: exactly one event each. (Recording 1,000 incidents and
    # pruning to MAX_INCIDENTS forgot 500 of them, which re-fired on every change.)
    for n in (999, 998, 997):
        many[n] = demo_incident(1, f"inc{n:09d}")
        events = await _publish(hass, fault_page, entry, summary)
        assert fired(events) == [(f"inc{n:09d}", f"inc{n:09d}"[:8] + "upd1", "identified")]
    seen = coordinator_of(entry).tracker.seen
    assert seen is not None
    assert len(seen.updates) == MAX_INCIDENTS


async def test_thousand_new_incidents_at_once_fire_a_bounded_burst(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    summary = _summary()
    summary["incidents"] = _many(1000)
    events = await _publish(hass, fault_page, loaded, summary)
    # The record follows the newest MAX_INCIDENTS incidents of a window: that many fire, once.
    assert len(events) == MAX_INCIDENTS
    assert len(set(fired(events))) == MAX_INCIDENTS
    assert min(e.data["incident_id"] for e in events) == f"inc{1000 - MAX_INCIDENTS:09d}"
    events = await _publish(hass, fault_page, loaded, summary | {"status": {"indicator": "minor"}})
    assert events == []


async def test_markup_and_scripts_in_bodies_become_plain_text(
    hass: HomeAssistant, fault_page: FaultServer, loaded: MockConfigEntry
) -> None:
    incident = demo_incident(0)
    incident["name"] = "<b>API</b> <script>alert('name')</script>errors"
    incident["incident_updates"][0]["body"] = (
        "<script>alert(1)</script><style>p{}</style><p>Fixed &amp; <b>monitoring</b></p>"
        '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">details</a>'
        "<p>Shown as text: &amp;lt;script&amp;gt; and a &lt; b</p>"
    )
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    (event,) = events
    assert event.data["incident_name"] == "API errors"
    # Text escaped twice ("&amp;lt;") shows as the characters it stands for, never as an
    # entity, and is never parsed as a tag.
    assert event.data["body"] == "Fixed & monitoring\ndetails\nShown as text: <script> and a < b"
    (shown,) = state(hass).attributes["incidents"]
    assert shown["latest_update"] == event.data["body"]


async def test_lone_surrogates_are_replaced(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fault_page: FaultServer,
    loaded: MockConfigEntry,
) -> None:
    incident = demo_incident(0)
    incident["name"] = "Outage \ud83d"  # half an emoji, as a platform cut it
    incident["incident_updates"][0]["body"] = "Fixed \ude00 now \ud83d\ude00"
    events = await _publish(hass, fault_page, loaded, _with_incident(incident))
    (event,) = events
    assert event.data["incident_name"] == "Outage \ufffd"
    assert event.data["body"] == "Fixed \ufffd now \U0001f600"
    json_bytes(event.data)  # the recorder and websocket encode these: they must not raise
    json_bytes(state(hass).as_dict())
    await hass.async_stop(force=True)  # the delayed save is written (orjson) on stop
    assert f"status_tracker.{loaded.entry_id}" in hass_storage


@pytest.mark.parametrize(
    ("title", "entry"),
    [
        ("a" + " " * 200_000 + "b", ENTRY),  # 8 minutes on the event loop before the fix
        (
            "Demo Cloud Status",
            ENTRY.replace(
                "Resolved - fixed.",
                "&lt;small&gt;" + "a" * 100_000 + "&lt;/small&gt;&lt;strong&gt;Resolved",
            ),
        ),
    ],
    ids=["feed_title_of_spaces", "statuspage_feed_stamp_of_letters"],
)
async def test_pathological_feeds_parse_quickly(
    hass: HomeAssistant,
    fault_page: FaultServer,
    feed_entry: MockConfigEntry,
    title: str,
    entry: str,
) -> None:
    fault_page.set(FEED, atom(entry, title=title), content_type="application/atom+xml")
    started = time.monotonic()
    await poll(hass, feed_entry)
    assert time.monotonic() - started < 2.0
    assert coordinator_of(feed_entry).last_update_success
