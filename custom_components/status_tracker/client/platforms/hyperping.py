"""Hyperping status pages: ``<page>/status.json``, a state and nothing else.

Pages live at ``<name>.hyperping.app`` or on a custom domain. ``/status.json`` is
``{indicator, uptime}``: ``up`` operational, ``incident`` (some services down or in an
incident) a partial outage, ``outage`` (every service down) a major outage,
``maintenance`` maintenance. The older per-page API, ``api.hyperping.io/v1/<page
host>/status.json``, adds the page's ``name`` and ``services`` (read as components:
``up`` / ``down`` / ``maintenance``), with the top-level words ``partialoutage`` and
``down``. Neither document lists incidents or maintenances (only the authenticated API
has them), so a Hyperping page gives its state, and components where listed: no
incidents, no ids. The uptime percentage is not kept (it moves with every check).

Read from Hyperping's documentation examples (the older one was cut short in the copy
we had and is closed by us): no live capture.
"""

from __future__ import annotations

import re
from typing import Final, TypeIs
from urllib.parse import urlsplit

from ..errors import StatusPageContentError
from ..models import Component, ComponentStatus, Page, PageStatus, Snapshot
from ..parsers.fields import JSONObject, objects, text
from ..source import SourceKind
from ..text import html_to_text
from .base import Format, Platform, by_shape

_DOCUMENT: Final = "/status.json"
_HOSTED = re.compile(r"^[a-z0-9-]+\.hyperping\.app$")
_LEGACY = re.compile(r"^https?://api\.hyperping\.io/v1/([a-z0-9.-]+)/status\.json$", re.IGNORECASE)
_PAGE: Final = {
    "up": PageStatus.OPERATIONAL,
    "incident": PageStatus.PARTIAL_OUTAGE,
    "partialoutage": PageStatus.PARTIAL_OUTAGE,
    "outage": PageStatus.MAJOR_OUTAGE,
    "down": PageStatus.MAJOR_OUTAGE,
    "maintenance": PageStatus.MAINTENANCE,
}
_SERVICE: Final = {
    "up": ComponentStatus.OPERATIONAL,
    "down": ComponentStatus.MAJOR_OUTAGE,
    "maintenance": ComponentStatus.UNDER_MAINTENANCE,
}


def is_hyperping(data: object) -> TypeIs[JSONObject]:
    """An ``indicator`` of Hyperping's words with an ``uptime`` or ``services``; no page object.

    Strict, since ``/status.json`` is tried under any page: Statuspage's status document
    has a ``status`` object and a ``page``, never a top-level indicator.
    """
    return (
        isinstance(data, dict)
        and text(data.get("indicator")) in _PAGE
        and (isinstance(data.get("uptime"), str) or isinstance(data.get("services"), list))
        and not isinstance(data.get("page"), dict)
    )


def hyperping_snapshot(data: object, url: str | None = None) -> Snapshot:
    """The snapshot of a decoded ``status.json``."""
    if not is_hyperping(data):
        msg = "Not a Hyperping status.json: no Hyperping 'indicator'"
        raise StatusPageContentError(msg)
    raw = text(data.get("indicator")) or ""
    base = text(data.get("url")) or _page_of(url or "") or (url or "").removesuffix(_DOCUMENT)
    components = tuple(
        Component(
            id=text(row.get("url")) or name,
            name=name,
            status=_SERVICE.get(state, ComponentStatus.UNKNOWN),
            status_raw=state,
            position=n,
        )
        for n, row in enumerate(objects(data.get("services")), 1)
        if (name := html_to_text(text(row.get("name"))))
        for state in (text(row.get("indicator")) or "",)
    )
    return Snapshot(
        source=SourceKind.HYPERPING,
        page=Page(
            id=base,
            name=html_to_text(text(data.get("name"))) or urlsplit(base).hostname or "",
            url=base,
        ),
        status=_PAGE[raw],
        status_raw=raw,
        description=text(data.get("status")) or "",
        components=components,
    )


def _claim(url: str) -> str | None:
    """A hosted page's address names its ``status.json``."""
    parts = urlsplit(url)
    if not _HOSTED.match(parts.hostname or ""):
        return None
    return f"{parts.scheme}://{parts.netloc}{_DOCUMENT}"


def _page_of(url: str) -> str | None:
    """The older API names the page by its host."""
    match = _LEGACY.match(url)
    return f"https://{match.group(1).lower()}" if match else None


PLATFORM = Platform(
    kind=SourceKind.HYPERPING,
    name="Status page JSON",
    maker="Hyperping",
    format=Format.JSON,
    recognise=by_shape(is_hyperping),
    build=hyperping_snapshot,
    paths=(_DOCUMENT,),
    markers=(_DOCUMENT,),
    claim=_claim,
    page_of=_page_of,
)
