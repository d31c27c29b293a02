"""Is a page at a new address the same page? (README, Reconfigure and Repairs.)

Statuspage and incident.io pages are told apart by their page id, other platforms by
their feed link, their host or their name; a clearly different page is refused saying
what was found, and so is a page another entry already follows. Reconfigure and the
repairs ask the same question; these tests ask it through reconfigure, on loopback
servers (another port is another host).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.status_tracker.const import DOMAIN
from tests.integration.conftest import feed_entry

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


def _atom(title: str, link: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:status,2005:/history</id>
  <link rel="alternate" type="text/html" href="{link}"/>
  <title>{title}</title>
  <updated>2026-08-22T03:43:56Z</updated>
</feed>
"""


async def _reconfigure(hass: HomeAssistant, entry: MockConfigEntry, url: str) -> dict[str, Any]:
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"url": url})
    return dict(result)


async def test_a_feed_on_the_same_host_is_the_same_page(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    """The host (with its port) alone decides: another link, another name, a new path."""
    status_page.set(
        "/feeds/history.atom",
        _atom("Renamed Cloud Status - Incident History", "https://other.example"),
        content_type="application/atom+xml",
    )
    entry = feed_entry(f"{status_page.url}/old", "Demo Cloud")
    result = await _reconfigure(hass, entry, f"{status_page.url}/feeds/history.atom")
    assert result["step_id"] == "reconfigure_confirm"
    assert result["description_placeholders"]["name"] == "Renamed Cloud"


async def test_a_feed_linking_to_the_entrys_host_is_the_same_page(
    hass: HomeAssistant, elsewhere: StatusPageServer
) -> None:
    """The feed's link names the entry's host, written with "www." and in capitals."""
    elsewhere.set(
        "/feeds/history.atom",
        _atom("Renamed Cloud Status - Incident History", "https://WWW.Status.Example.com/"),
        content_type="application/atom+xml",
    )
    entry = feed_entry("https://status.example.com", "Demo Cloud")
    result = await _reconfigure(hass, entry, f"{elsewhere.url}/feeds/history.atom")
    assert result["step_id"] == "reconfigure_confirm"
    assert result["description_placeholders"]["name"] == "Renamed Cloud"


async def test_a_feed_of_the_same_name_is_the_same_page(
    hass: HomeAssistant, elsewhere: StatusPageServer
) -> None:
    """Another host and another link, but the name, in any case and spacing."""
    elsewhere.set(
        "/feeds/history.atom",
        _atom("demo   CLOUD Status - Incident History", "https://other.example"),
        content_type="application/atom+xml",
    )
    entry = feed_entry("https://status.example.com", "Demo Cloud")
    result = await _reconfigure(hass, entry, f"{elsewhere.url}/feeds/history.atom")
    assert result["step_id"] == "reconfigure_confirm"


@pytest.mark.parametrize(
    ("entry_name", "found"),
    [
        ("Demo Cloud", "Other Cloud"),
        # Different letters, not different case: dotted and dotless i are two letters.
        ("Kiwi", "K\u0131w\u0131"),  # with dotless i (U+0131)
    ],
)
async def test_a_different_feed_elsewhere_is_refused(
    hass: HomeAssistant, elsewhere: StatusPageServer, entry_name: str, found: str
) -> None:
    """Another host, another link, another name: a clearly different page."""
    elsewhere.set(
        "/feeds/history.atom",
        _atom(f"{found} Status - Incident History", "https://other.example"),
        content_type="application/atom+xml",
    )
    entry = feed_entry("https://status.example.com", entry_name)
    result = await _reconfigure(hass, entry, f"{elsewhere.url}/feeds/history.atom")
    assert (result["type"], result["reason"]) == (FlowResultType.ABORT, "wrong_page")
    assert result["description_placeholders"] == {"found": found, "expected": entry_name}
    assert entry.data["url"] == "https://status.example.com"  # unchanged


async def test_a_statuspage_entry_may_move_to_its_own_feed(
    hass: HomeAssistant, status_page: StatusPageServer
) -> None:
    """A feed has no page id to compare: its host decides, as for every feed."""
    status_page.set(
        "/feed/history.atom",
        _atom("Renamed Cloud Status - Incident History", "https://other.example"),
        content_type="application/atom+xml",
    )
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id="y2j98763l1s1",  # the Statuspage page id
        data={
            "url": status_page.url,
            "source": "statuspage",
            "endpoints": [f"{status_page.url}/api/v2/summary.json"],
            "name": "Demo Cloud",
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
        minor_version=3,
    )
    result = await _reconfigure(hass, entry, f"{status_page.url}/feed/history.atom")
    assert result["step_id"] == "reconfigure_confirm"


async def test_an_entry_of_another_integration_is_no_obstacle(
    hass: HomeAssistant, elsewhere: StatusPageServer
) -> None:
    """Only another entry of this integration following the page refuses it."""
    elsewhere.set(
        "/feeds/history.atom",
        _atom("Demo Cloud Status - Incident History", "https://status.example.com"),
        content_type="application/atom+xml",
    )
    MockConfigEntry(domain="feedreader", unique_id=f"{elsewhere.url}/feeds").add_to_hass(hass)
    entry = feed_entry("https://status.example.com", "Demo Cloud")
    result = await _reconfigure(hass, entry, f"{elsewhere.url}/feeds/history.atom")
    assert result["step_id"] == "reconfigure_confirm"


async def test_a_feed_linking_to_the_page_an_entry_is_keyed_on_is_the_same_page(
    hass: HomeAssistant, elsewhere: StatusPageServer
) -> None:
    """A Statuspage page without a page id is keyed on the address it gives for itself.

    A feed whose link is that address is the same page, even on another host and under
    another name.
    """
    elsewhere.set(
        "/feeds/history.atom",
        _atom("Renamed Cloud Status - Incident History", "https://status.example.com/"),
        content_type="application/atom+xml",
    )
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Demo Cloud",
        unique_id="https://status.example.com",  # its own address: it has no page id
        data={
            "url": "https://demo.example.net",
            "source": "statuspage",
            "endpoints": ["https://demo.example.net/api/v2/summary.json"],
            "name": "Demo Cloud",
        },
        options={"scan_interval": 300, "components": [], "min_impact": "none"},
        minor_version=3,
    )
    result = await _reconfigure(hass, entry, f"{elsewhere.url}/feeds/history.atom")
    assert result["step_id"] == "reconfigure_confirm"
