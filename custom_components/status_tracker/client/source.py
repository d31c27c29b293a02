"""Where a page is read from: the platform kind and the documents polled.

Apart from the page models (``models.py``): detection makes a ``Source``, an entry stores
it, and every platform names its ``SourceKind``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    """Which machine-readable source a page is read from."""

    STATUSPAGE = "statuspage"
    INCIDENTIO = "incidentio"
    STATUSPAGE_FEED = "statuspage_feed"
    INCIDENTIO_FEED = "incidentio_feed"
    FEED = "feed"
    INSTATUS = "instatus"
    BETTERSTACK = "betterstack"
    STATUSIO = "statusio"
    GOOGLE = "google"
    SLACK = "slack"
    AWS = "aws"
    AWS_FEED = "aws_feed"
    SORRY = "sorry"
    CACHET = "cachet"
    UPTIMEROBOT = "uptimerobot"
    UPTIMEKUMA = "uptimekuma"
    HEROKU = "heroku"
    APPLE = "apple"
    AZURE = "azure"
    AZURE_DEVOPS = "azure_devops"
    STATUSPAL = "statuspal"
    SALESFORCE = "salesforce"
    GATUS = "gatus"
    ROOTLY = "rootly"
    OPENSTATUS = "openstatus"
    HYPERPING = "hyperping"
    HUND = "hund"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a page is read from: its public URL and the documents fetched each poll."""

    kind: SourceKind
    page_url: str
    endpoints: tuple[str, ...]
