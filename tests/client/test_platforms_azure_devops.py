"""Azure DevOps health documents: fields the doc example always has (hand-made, same shape)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.status_tracker.client.detect import known_document
from custom_components.status_tracker.client.errors import StatusPageContentError
from custom_components.status_tracker.client.models import ComponentStatus, PageStatus
from custom_components.status_tracker.client.platforms.azure_devops import azure_devops_snapshot

# The 7.1 REST specification's version (tests/fixtures/README.md): the API refuses a request
# without one.
_VERSIONED = "?api-version=7.1-preview.1"


def _health(*services: object, **status: object) -> dict[str, object]:
    return {"status": {"health": "healthy", **status}, "services": list(services)}


def test_refusal_names_what_is_missing() -> None:
    with pytest.raises(StatusPageContentError) as error:
        azure_devops_snapshot({"status": {}, "services": []})
    assert str(error.value) == (
        "Not an Azure DevOps health document: no 'status.health' and 'services'"
    )


def test_last_updated_is_the_page_time() -> None:
    data = _health({"id": "Boards", "geographies": []})
    data["lastUpdated"] = "2024-05-02T10:15:00Z"
    snap = azure_devops_snapshot(data)
    assert snap.page.updated_at == datetime(2024, 5, 2, 10, 15, tzinfo=UTC)


def test_unknown_health_and_no_message() -> None:
    snap = azure_devops_snapshot(
        _health(
            {"id": "Boards", "geographies": [{"id": "EU", "name": "Europe", "health": "unknown"}]},
            health="unknown",
        )
    )
    assert (snap.status, snap.status_raw, snap.description) == (PageStatus.UNKNOWN, "unknown", "")
    (component,) = snap.components
    assert (component.status, component.status_raw) == (ComponentStatus.UNKNOWN, "unknown")


def test_missing_health_words_stay_empty() -> None:
    data: dict[str, object] = {
        "status": {"health": None, "message": "Checking"},
        "services": [{"id": "Boards", "geographies": [{"id": "EU", "name": "Europe"}]}],
    }
    snap = azure_devops_snapshot(data)
    assert (snap.status, snap.status_raw, snap.description) == (PageStatus.UNKNOWN, "", "Checking")
    (component,) = snap.components
    assert (component.status, component.status_raw) == (ComponentStatus.UNKNOWN, "")


def test_rows_without_ids_are_skipped_not_the_rest() -> None:
    snap = azure_devops_snapshot(
        _health(
            {"geographies": [{"id": "EU", "name": "Europe", "health": "healthy"}]},
            {
                "id": "Repos",
                "geographies": [
                    {"health": "degraded"},
                    {"name": "Europe", "health": "degraded"},
                ],
            },
        )
    )
    (group,) = snap.groups
    (component,) = snap.components
    # A geography without its id is known by its name (``Boards/EU`` otherwise).
    assert (group.id, group.component_ids) == ("Repos", ("Repos/Europe",))
    assert (component.id, component.name, component.status) == (
        "Repos/Europe",
        "Repos (Europe)",
        ComponentStatus.DEGRADED_PERFORMANCE,
    )


@pytest.mark.parametrize(
    "base",
    [
        "http://127.0.0.1:8123/_apis/status/health",
        "https://status.dev.azure.com/_apis/status/health",
    ],
)
def test_pasted_health_url_gets_the_api_version_back(base: str) -> None:
    # Any host serving the health path (a loopback server too) is read as this API.
    assert known_document(base) == base + _VERSIONED
    assert known_document(f"{base}?api-version=6.0") == base + _VERSIONED
    assert known_document(f"{base}?api-version=6.0?x=1") == base + _VERSIONED
