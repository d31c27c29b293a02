"""Every catalog row: unique, on a registered platform, at an address detection reads so.

Offline: a row's URL must either name a document that its own platform claims (by
suffix, by claim or by host), or be a page base under which its platform has paths to try.
"""

from __future__ import annotations

from collections import Counter

import pytest

from custom_components.status_tracker.client import (
    PLATFORMS,
    CatalogPage,
    Category,
    SourceKind,
    load_catalog,
    page_base,
    platform_for,
)
from custom_components.status_tracker.client.detect import known_document

CATALOG = load_catalog()


def test_rows_per_platform_and_category() -> None:
    assert len(CATALOG) == 498
    assert Counter(str(page.platform) for page in CATALOG) == {
        "statuspage": 375,
        "instatus": 24,
        "incidentio": 23,
        "betterstack": 22,
        "statusio": 11,
        "feed": 9,
        "statuspal": 5,
        "sorry": 3,
        "statuspage_feed": 3,
        "uptimerobot": 3,
        "apple": 2,
        "google": 2,
        "openstatus": 2,
        "aws": 1,
        "aws_feed": 1,
        "azure": 1,
        "azure_devops": 1,
        "cachet": 1,
        "gatus": 1,
        "heroku": 1,
        "hund": 2,
        "hyperping": 1,
        "incidentio_feed": 1,
        "salesforce": 1,
        "slack": 1,
        "uptimekuma": 1,
    }
    assert Counter(str(page.category) for page in CATALOG) == {
        "developer_tools": 147,
        "cloud_hosting": 86,
        "productivity": 79,
        "communication": 50,
        "security": 39,
        "payments": 36,
        "ai": 30,
        "media": 10,
        "commerce": 8,
        "networking": 6,
        "smart_home": 5,
        "other": 2,
    }


def test_rows_are_unique_by_name_and_url() -> None:
    assert len({page.name.casefold() for page in CATALOG}) == len(CATALOG)
    assert len({page.url.casefold() for page in CATALOG}) == len(CATALOG)
    assert [page.name.casefold() for page in CATALOG] == sorted(
        page.name.casefold() for page in CATALOG
    )


def test_categories_are_the_known_ones() -> None:
    assert {str(category) for category in Category} == {
        "cloud_hosting",
        "ai",
        "developer_tools",
        "communication",
        "payments",
        "smart_home",
        "productivity",
        "security",
        "media",
        "networking",
        "commerce",
        "other",
    }
    assert all(isinstance(page.category, Category) for page in CATALOG)


@pytest.mark.parametrize("page", CATALOG, ids=lambda page: page.name)
def test_row_is_read_by_its_own_platform(page: CatalogPage) -> None:
    assert page.platform in {platform.kind for platform in PLATFORMS}
    assert page.url.startswith("https://")
    assert not page.url.endswith("/")
    platform = platform_for(page.platform)
    document = known_document(page.url)
    if document is None:
        # Detection tries the platforms' paths under the page: this one must have some.
        assert platform.paths
        assert page_base(page.url) == page.url
    else:
        assert document in {platform.names_document(page.url), platform.host_document(page.url)}
    assert len(set(page.ha_domains)) == len(page.ha_domains)


def test_known_rows() -> None:
    by_name = {page.name: page for page in CATALOG}
    assert by_name["GitHub"] == CatalogPage(
        name="GitHub",
        platform=SourceKind.STATUSPAGE,
        url="https://www.githubstatus.com",
        category=Category.DEVELOPER_TOOLS,
        ha_domains=("github",),
    )
    assert by_name["Nabu Casa (Home Assistant Cloud)"].ha_domains == ("cloud",)
    assert by_name["OpenAI"].platform is SourceKind.INCIDENTIO
    assert by_name["Notion"].url == "https://www.notion-status.com"
    assert by_name["GitLab"].url == "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"
    assert by_name["Google Workspace"].url == "https://www.google.com/appsstatus/dashboard"
    assert by_name["AWS"].platform is SourceKind.AWS
    assert by_name["Slack"].url == "https://slack-status.com"
    assert by_name["Samsung SmartThings"].url == "https://status.smartthings.com/history.atom"
    # Rows dropped on purpose stay out: decoys, retired products, doubtful platforms.
    assert not {"Auth0", "Fivetran", "Visual Studio App Center", "ngrok"} & set(by_name)


def test_catalog_is_read_once() -> None:
    assert load_catalog() is CATALOG


def test_reading_the_file_gives_its_rows() -> None:
    # load_catalog() was answered from memory since import; read catalog.json afresh.
    catalog = load_catalog.__wrapped__()
    assert len(catalog) == 498
    by_name = {page.name: page for page in catalog}
    assert by_name["1Password"] == CatalogPage(
        name="1Password",
        platform=SourceKind.STATUSPAGE,
        url="https://status.1password.com",
        category=Category.SECURITY,
    )
    assert by_name["AWS"] == CatalogPage(
        name="AWS",
        platform=SourceKind.AWS,
        url="https://health.aws.amazon.com/health/status",
        category=Category.CLOUD_HOSTING,
        ha_domains=("aws", "aws_s3", "route53"),
    )
    assert type(by_name["AWS"].platform) is SourceKind
    assert type(by_name["AWS"].category) is Category
