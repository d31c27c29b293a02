"""Catalog rows linked to Home Assistant integrations, served on loopback for the tests."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from custom_components.status_tracker import links
from custom_components.status_tracker.client import SourceKind, load_catalog
from tests.status_page_server import DEMO_PAGE, demo_documents

if TYPE_CHECKING:
    import pytest

    from tests.status_page_server import StatusPageServer


def serve_page(
    server: StatusPageServer, prefix: str, page_id: str, name: str, stage: int | None = None
) -> None:
    """A Statuspage page of its own (id, name) under ``prefix`` on ``server``."""
    summary, incidents = demo_documents(stage)
    page: dict[str, Any] = {**DEMO_PAGE, "id": page_id, "name": name}
    server.set(f"{prefix}/api/v2/summary.json", {**summary, "page": page})
    server.set(f"{prefix}/api/v2/incidents.json", {**incidents, "page": page})


def link_rows(monkeypatch: pytest.MonkeyPatch, urls: dict[str, str]) -> None:
    """The real catalog, with the named rows read as Statuspage pages at ``urls``."""
    catalog = tuple(
        replace(page, url=urls[page.name], platform=SourceKind.STATUSPAGE)
        if page.name in urls
        else page
        for page in load_catalog()
    )
    monkeypatch.setattr(links, "load_catalog", lambda: catalog)
