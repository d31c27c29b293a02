"""Content faults: a body that is not a status document is refused cleanly and quickly."""

from __future__ import annotations

import json
import time
import tracemalloc
from typing import TYPE_CHECKING, Final

import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.status_tracker.client import (
    StatusPageContentError,
    StatusPageError,
    StatusPageTooLargeError,
)
from custom_components.status_tracker.client.fetch import DEFAULT_MAX_BYTES
from custom_components.status_tracker.const import EVENT_INCIDENT
from tests.integration.conftest import poll
from tests.reliability.conftest import (
    INCIDENTS,
    MIB,
    SUMMARY,
    coordinator_of,
    demo_summary,
    fails_cleanly,
    make_entry,
    serve,
    setup,
    state,
)
from tests.reliability.fault_server import Stream
from tests.status_page_server import demo_documents

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.reliability.fault_server import FaultServer

FEED: Final = "/history.atom"


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
async def feed_entry(hass: HomeAssistant, fault_page: FaultServer) -> MockConfigEntry:
    """An entry reading a plain Atom feed, set up while the feed was healthy."""
    fault_page.set(FEED, atom(ENTRY), content_type="application/atom+xml")
    entry = await setup(hass, make_entry(fault_page, endpoints=(FEED,), source="feed"))
    assert state(hass).state == "operational"
    return entry


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
        lambda s: s.set(SUMMARY, json.dumps(demo_summary(0))[:700]),
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
