"""The catalog's links to Home Assistant, and docs/catalog.md generated from the data."""

from __future__ import annotations

from pathlib import Path
import runpy

import homeassistant.components

from custom_components.status_tracker.client import load_catalog

ROOT = Path(__file__).parents[2]
COMPONENTS = Path(homeassistant.components.__path__[0])


def test_every_linked_domain_is_a_home_assistant_integration() -> None:
    domains = {domain for page in load_catalog() for domain in page.ha_domains}
    assert len(domains) == 39
    assert sorted(d for d in domains if not (COMPONENTS / d / "manifest.json").is_file()) == []


def test_linked_rows() -> None:
    linked = {page.name: page.ha_domains for page in load_catalog() if page.ha_domains}
    assert linked["Samsung SmartThings"] == ("smartthings",)
    assert linked["Claude (Anthropic)"] == ("anthropic",)
    assert linked["Google Cloud"] == ("google_cloud",)
    assert len(linked) == 28


def test_the_catalog_page_is_current() -> None:
    script = runpy.run_path(str(ROOT / "scripts/catalog_doc.py"))
    expected = script["render"]()
    assert (ROOT / "docs/catalog.md").read_text(encoding="utf-8") == expected
