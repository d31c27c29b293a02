"""The dashboard recipe in docs/dashboard.md: valid YAML, and its templates render real pages."""

from __future__ import annotations

from pathlib import Path
import re
from typing import TYPE_CHECKING, Any

from homeassistant.helpers.template import Template
from homeassistant.util.yaml import parse_yaml

from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

RECIPE = Path(__file__).parents[2] / "docs/dashboard.md"


def _cards() -> dict[str, dict[str, Any]]:
    block = re.search(r"```yaml\n(.*?)```", RECIPE.read_text(), re.DOTALL)
    assert block is not None
    recipe: Any = parse_yaml(block.group(1))
    view = recipe["views"][0]
    return {
        card.get("title") or card.get("heading") or card["type"]: card
        for section in view["sections"]
        for card in section["cards"]
    }


async def test_recipe_shows_every_page_and_its_open_incidents(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    serve_stage(demo_page, 1)
    await poll(hass, setup_entry)
    cards = _cards()
    assert {card["type"] for card in cards.values()} == {
        "heading",
        "markdown",
        "entities",
        "calendar",
    }
    for card in cards.values():  # every entity the recipe names exists
        for item in card.get("entities", []):
            entity_id = item["entity"] if isinstance(item, dict) else item
            assert hass.states.get(entity_id) is not None, entity_id

    status = Template(cards["Status"]["content"], hass).async_render(parse_result=False)
    lines = [line for line in status.splitlines() if line.strip()]
    assert lines == [
        "| Page | Status | Open |",
        "|---|---|---|",
        "| Demo Cloud | partial outage | 1 |",
    ]
    incidents = Template(cards["Open incidents"]["content"], hass).async_render(parse_result=False)
    assert "**Demo Cloud**: [Elevated API error rates](https://stspg.io/inc000000001)" in incidents
    # 12:00 UTC in the test instance's time zone (US/Pacific).
    assert "identified, major impact, since 04:00 23 Nov" in incidents

    serve_stage(demo_page, 3)
    await poll(hass, setup_entry)
    quiet = Template(cards["Open incidents"]["content"], hass).async_render(parse_result=False)
    assert quiet.strip() == "No open incidents."
