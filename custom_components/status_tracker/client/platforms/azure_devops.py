"""Azure DevOps service health: ``status.dev.azure.com/_apis/status/health``.

``{lastUpdated?, status: {health, message}, services: [{id, geographies: [{id, name,
health}]}]}``: a state only, with no incidents (events live in the portal's HTML).
Every service is a group and every service in one geography a component
(``Boards/EU``). ``health`` is healthy, advisory (something to know, read as
operational with the word kept), degraded, unhealthy or unknown. Microsoft caches
the answer for 60 seconds.
"""

from __future__ import annotations

from typing import Final, TypeIs
from urllib.parse import urlsplit

from ..errors import StatusPageContentError
from ..models import Component, ComponentGroup, ComponentStatus, Page, PageStatus, Snapshot
from ..parsers.fields import JSONObject, obj, objects, text
from ..source import SourceKind
from ..text import parse_time
from .base import Format, Platform, by_shape

_PATH: Final = "/_apis/status/health"
# The API refuses a request without its version (a pasted URL loses its query).
_VERSION: Final = "?api-version=7.1-preview.1"
AZURE_DEVOPS_HEALTH: Final = f"https://status.dev.azure.com{_PATH}{_VERSION}"
_PAGE_URL: Final = "https://status.dev.azure.com"
_COMPONENT = {
    "healthy": ComponentStatus.OPERATIONAL,
    "advisory": ComponentStatus.OPERATIONAL,
    "degraded": ComponentStatus.DEGRADED_PERFORMANCE,
    "unhealthy": ComponentStatus.MAJOR_OUTAGE,
}
_PAGE = {
    "healthy": PageStatus.OPERATIONAL,
    "advisory": PageStatus.OPERATIONAL,
    "degraded": PageStatus.DEGRADED,
    "unhealthy": PageStatus.MAJOR_OUTAGE,
}


def is_azure_devops(data: object) -> TypeIs[JSONObject]:
    """``{"status": {"health": ...}, "services": [{"id", "geographies"}...]}``."""
    return (
        isinstance(data, dict)
        and "health" in obj(data.get("status"))
        and any(isinstance(row.get("geographies"), list) for row in objects(data.get("services")))
    )


def azure_devops_snapshot(data: object, url: str | None = None) -> Snapshot:  # noqa: ARG001
    """The snapshot of a decoded health document."""
    if not is_azure_devops(data):
        msg = "Not an Azure DevOps health document: no 'status.health' and 'services'"
        raise StatusPageContentError(msg)
    overall = obj(data["status"])
    health = text(overall.get("health")) or ""
    components: list[Component] = []
    groups: list[ComponentGroup] = []
    for service in objects(data["services"]):
        if not (service_id := text(service.get("id"))):
            continue
        members = []
        for geo in objects(service.get("geographies")):
            geo_id = text(geo.get("id")) or text(geo.get("name"))
            if not geo_id:
                continue
            raw = text(geo.get("health")) or ""
            members.append(f"{service_id}/{geo_id}")
            components.append(
                Component(
                    id=members[-1],
                    name=f"{service_id} ({text(geo.get('name')) or geo_id})",
                    status=_COMPONENT.get(raw.lower(), ComponentStatus.UNKNOWN),
                    status_raw=raw,
                    group_id=service_id,
                    position=len(components) + 1,
                )
            )
        groups.append(ComponentGroup(id=service_id, name=service_id, component_ids=tuple(members)))
    return Snapshot(
        source=SourceKind.AZURE_DEVOPS,
        page=Page(
            id=_PAGE_URL,
            name="Azure DevOps",
            url=_PAGE_URL,
            updated_at=parse_time(data.get("lastUpdated")),
        ),
        status=_PAGE.get(health.lower(), PageStatus.UNKNOWN),
        status_raw=health,
        description=text(overall.get("message")) or "",
        components=tuple(components),
        groups=tuple(groups),
    )


def _claim(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{url.split('?', 1)[0]}{_VERSION}" if parts.path.endswith(_PATH) else None


PLATFORM = Platform(
    kind=SourceKind.AZURE_DEVOPS,
    name="Service health API",
    maker="Microsoft",
    format=Format.JSON,
    recognise=by_shape(is_azure_devops),
    build=azure_devops_snapshot,
    markers=(_PATH,),
    hosts={"status.dev.azure.com": AZURE_DEVOPS_HEALTH},
    claim=_claim,
)
