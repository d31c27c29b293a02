"""The catalog of known status pages: which platform reads each page, and from where.

It is protocol knowledge like the platforms themselves, so it lives in the library
(``catalog.json`` beside this module, shipped with the console tracker too). Each row
was verified against public evidence; ``docs/catalog.md`` names the source of every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
import json
from pathlib import Path
from typing import Any

from .source import SourceKind

_DATA = Path(__file__).with_name("catalog.json")


class Category(StrEnum):
    """What kind of service a page reports on; the labels are translated by the caller."""

    CLOUD_HOSTING = "cloud_hosting"
    AI = "ai"
    DEVELOPER_TOOLS = "developer_tools"
    COMMUNICATION = "communication"
    PAYMENTS = "payments"
    SMART_HOME = "smart_home"
    PRODUCTIVITY = "productivity"
    SECURITY = "security"
    MEDIA = "media"
    NETWORKING = "networking"
    COMMERCE = "commerce"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogPage:
    """One known page.

    ``url`` is what detection is given: the page itself where its documents sit at the
    platform's standard paths, else the document that detection reads as it is (a
    status.io API address, a feed). ``ha_domains`` are the Home Assistant integrations
    whose cloud the page reports on.
    """

    name: str
    platform: SourceKind
    url: str
    category: Category
    ha_domains: tuple[str, ...] = ()


def _row(data: dict[str, Any]) -> CatalogPage:
    # The enums reject an unknown platform or category when the file is read.
    return CatalogPage(
        name=data["name"],
        platform=SourceKind(data["platform"]),
        url=data["url"],
        category=Category(data["category"]),
        ha_domains=tuple(data.get("ha_domains", ())),
    )


@cache
def load_catalog() -> tuple[CatalogPage, ...]:
    """Every known page, read once (blocking file I/O: Home Assistant calls it in the executor)."""
    rows: list[dict[str, Any]] = json.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(_row(row) for row in rows)
