"""Suggested for this home: the pages of the installed integrations' clouds, added in one go."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import SOURCE_IGNORE, SOURCE_USER, ConfigEntryDisabler
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.status_tracker.const import DOMAIN
from tests.integration.linked import link_rows, serve_page, state_of

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from tests.status_page_server import StatusPageServer


@pytest.fixture
def linked_pages(status_page: StatusPageServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """The SmartThings, Claude and GitHub rows on loopback; GitHub's page is not served."""
    base = status_page.url
    link_rows(
        monkeypatch,
        {
            "Samsung SmartThings": f"{base}/smartthings",
            "Claude (Anthropic)": f"{base}/claude",
            "GitHub": f"{base}/github",
            "Discord": f"{base}/discord",
        },
    )
    serve_page(status_page, "/smartthings", "smartthings01", "SmartThings")
    serve_page(status_page, "/claude", "claude000001", "Claude")
    return base


@pytest.fixture
def installed(hass: HomeAssistant) -> None:
    """Entries of linked integrations; an ignored and a disabled one do not count."""
    for domain, title in (("smartthings", "Home"), ("anthropic", "Claude"), ("github", "octo")):
        MockConfigEntry(domain=domain, title=title).add_to_hass(hass)
    MockConfigEntry(domain="discord", title="Bot", source=SOURCE_IGNORE).add_to_hass(hass)
    MockConfigEntry(
        domain="twitch", title="Streams", disabled_by=ConfigEntryDisabler.USER
    ).add_to_hass(hass)
    MockConfigEntry(domain="hue", title="Lights").add_to_hass(hass)  # no page links to it


async def _suggested_form(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["suggested", "catalog", "url"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "suggested"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "suggested"
    return dict(result)


def _options(form: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """(value, label) of each suggestion, and the pre-selected values."""
    (key,) = form["data_schema"].schema
    selector = form["data_schema"].schema[key]
    options = [(o["value"], o["label"]) for o in selector.config["options"]]
    return options, key.default()


async def test_lists_exactly_the_installed_pages_and_adds_the_chosen(
    hass: HomeAssistant, linked_pages: str, installed: None
) -> None:
    form = await _suggested_form(hass)
    options, selected = _options(form)
    assert options == [
        (f"{linked_pages}/claude", "Claude (Anthropic) — Claude"),
        (f"{linked_pages}/github", "GitHub — octo"),
        (f"{linked_pages}/smartthings", "Samsung SmartThings — Home"),
    ]
    assert selected == [
        f"{linked_pages}/claude",
        f"{linked_pages}/github",
        f"{linked_pages}/smartthings",
    ]
    result = await hass.config_entries.flow.async_configure(
        form["flow_id"],
        {"pages": [f"{linked_pages}/claude", f"{linked_pages}/smartthings"]},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Claude"
    assert result["description_placeholders"] == {"added": "Claude, SmartThings", "failed": "-"}
    await hass.async_block_till_done()
    entries = sorted(
        (entry.title, entry.unique_id, entry.data["url"], entry.source)
        for entry in hass.config_entries.async_entries(DOMAIN)
    )
    assert entries == [
        ("Claude", "claude000001", f"{linked_pages}/claude", "user"),
        ("SmartThings", "smartthings01", f"{linked_pages}/smartthings", "suggested_page"),
    ]
    assert state_of(hass, "sensor.smartthings_status").state == "operational"
    # What is followed now is suggested no more.
    options, _ = _options(await _suggested_form(hass))
    assert options == [(f"{linked_pages}/github", "GitHub — octo")]


async def test_an_unreadable_page_is_named_and_the_others_are_added(
    hass: HomeAssistant, linked_pages: str, installed: None
) -> None:
    form = await _suggested_form(hass)
    result = await hass.config_entries.flow.async_configure(
        form["flow_id"], {"pages": [f"{linked_pages}/github"]}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_read"}
    assert result["description_placeholders"] == {"failed": "GitHub"}
    result = await hass.config_entries.flow.async_configure(form["flow_id"], {"pages": []})
    assert result["errors"] == {"base": "none_chosen"}
    result = await hass.config_entries.flow.async_configure(
        form["flow_id"], {"pages": [f"{linked_pages}/github", f"{linked_pages}/smartthings"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description_placeholders"] == {"added": "SmartThings", "failed": "GitHub"}
    assert [e.title for e in hass.config_entries.async_entries(DOMAIN)] == ["SmartThings"]


async def test_no_suggestion_keeps_the_two_way_menu(hass: HomeAssistant, linked_pages: str) -> None:
    MockConfigEntry(domain="hue", title="Lights").add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["menu_options"] == ["catalog", "url"]


async def test_entries_following_no_linked_page_leave_the_others_suggested(
    hass: HomeAssistant, linked_pages: str, installed: None
) -> None:
    # GitHub's suggestion ignored; an entry whose stored address is no web address.
    MockConfigEntry(
        domain=DOMAIN, source=SOURCE_IGNORE, unique_id=f"suggestion:{linked_pages}/github"
    ).add_to_hass(hass)
    MockConfigEntry(domain=DOMAIN, unique_id="old", data={"url": "ftp://status"}).add_to_hass(hass)
    options, _ = _options(await _suggested_form(hass))
    assert options == [
        (f"{linked_pages}/claude", "Claude (Anthropic) — Claude"),
        (f"{linked_pages}/smartthings", "Samsung SmartThings — Home"),
    ]


async def test_a_page_whose_entry_is_known_by_its_address_is_not_suggested(
    hass: HomeAssistant, linked_pages: str, installed: None
) -> None:
    # A page without a page id is known by its address: its entry's unique id.
    url = f"{linked_pages}/github"
    MockConfigEntry(domain=DOMAIN, unique_id=url, data={"url": url}).add_to_hass(hass)
    options, _ = _options(await _suggested_form(hass))
    assert [value for value, _ in options] == [
        f"{linked_pages}/claude",
        f"{linked_pages}/smartthings",
    ]


async def test_a_suggested_page_followed_at_another_domain_is_refused(
    hass: HomeAssistant, linked_pages: str, installed: None
) -> None:
    # SmartThings' page (id smartthings01) followed at its own domain: listed by address,
    # recognised by its page id once read.
    MockConfigEntry(
        domain=DOMAIN,
        title="SmartThings",
        unique_id="smartthings01",
        data={"url": "https://status.smartthings.example"},
    ).add_to_hass(hass)
    form = await _suggested_form(hass)
    options, _ = _options(form)
    assert f"{linked_pages}/smartthings" in [value for value, _ in options]
    result = await hass.config_entries.flow.async_configure(
        form["flow_id"], {"pages": [f"{linked_pages}/smartthings"]}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    await hass.async_block_till_done()
    assert [e.unique_id for e in hass.config_entries.async_entries(DOMAIN)] == ["smartthings01"]
