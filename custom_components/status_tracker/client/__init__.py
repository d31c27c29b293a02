"""HTTP, parsing and change detection for public status pages.

This package never imports Home Assistant: the integration adapts it, and the
``status-tracker`` console tracker runs on it alone.
"""

from .detect import detect_source
from .diff import SeenUpdates, detect_changes
from .errors import (
    StatusPageConnectionError,
    StatusPageContentError,
    StatusPageError,
    StatusPageHTTPError,
    StatusPageNotFoundError,
    StatusPageRateLimitError,
    StatusPageTimeoutError,
    StatusPageTooLargeError,
)
from .models import (
    AffectedComponent,
    Component,
    ComponentGroup,
    ComponentStatus,
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    NewUpdate,
    Page,
    PageStatus,
    Snapshot,
    Source,
    SourceKind,
)
from .reader import PageReader, ReaderState

__all__ = [
    "AffectedComponent",
    "Component",
    "ComponentGroup",
    "ComponentStatus",
    "Impact",
    "Incident",
    "IncidentStatus",
    "IncidentUpdate",
    "NewUpdate",
    "Page",
    "PageReader",
    "PageStatus",
    "ReaderState",
    "SeenUpdates",
    "Snapshot",
    "Source",
    "SourceKind",
    "StatusPageConnectionError",
    "StatusPageContentError",
    "StatusPageError",
    "StatusPageHTTPError",
    "StatusPageNotFoundError",
    "StatusPageRateLimitError",
    "StatusPageTimeoutError",
    "StatusPageTooLargeError",
    "detect_changes",
    "detect_source",
]
