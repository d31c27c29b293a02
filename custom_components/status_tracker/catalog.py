"""The shipped list of known status pages (data in providers.json, verified in docs/catalog.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
import json
from pathlib import Path

from .client import platform_for


@dataclass(frozen=True, slots=True, kw_only=True)
class Provider:
    """A known status page."""

    name: str
    url: str
    platform: str

    @property
    def label(self) -> str:
        """What the picker shows: name and platform."""
        return f"{self.name} ({platform_for(self.platform).maker})"


@cache
def load_catalog() -> tuple[Provider, ...]:
    """Read the catalog once (blocking file I/O: call it in the executor)."""
    rows = json.loads((Path(__file__).parent / "providers.json").read_text(encoding="utf-8"))
    return tuple(Provider(name=r["name"], url=r["url"], platform=r["platform"]) for r in rows)
