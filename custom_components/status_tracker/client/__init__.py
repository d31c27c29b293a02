"""HTTP, parsing and change detection for public status pages.

This package never imports Home Assistant: the integration adapts it, and the
``status-tracker`` console tracker runs on it alone. The data path::

    PageTracker.poll()                        tracker.py
      PageReader: fetch each document         reader.py, fetch.py (conditional GET)
        conditionally; read changed ones
        with the page's Platform              platforms/<name>.py, listed in platforms/registry.py
      detect_changes against the seen record  diff.py (window.py: what is kept)
      -> TrackResult (snapshot, new updates oldest first, rekeyed, moved_to)

``detect_source`` (detect.py) is the only place a document's shape picks its platform;
``view_of`` (view.py) is the one view of a new update; ``UpdateFilter`` (filters.py)
what a follower wants to hear, ``Scope`` (scope.py) what they look at, ``ProblemPolicy``
(problem.py) what counts as a problem, and ``HoldDown`` (holddown.py) when a new
incident is old enough to be reported.
"""

from .catalog import CatalogPage, Category, load_catalog
from .detect import Detection, detect_source, normalise_url, page_base, source_for
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
from .filters import UpdateFilter
from .holddown import BYPASS_NEVER, HoldDown, HoldResult
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
)
from .platforms import PLATFORMS, Platform, platform_for
from .problem import ProblemLevel, ProblemPolicy
from .scope import PageView, Scope
from .serialize import to_data
from .source import Source, SourceKind
from .tracker import PageTracker, TrackerState, TrackResult
from .view import UPDATE_KINDS, UpdateView, update_kind, view_of
from .webhook import WebhookNotice, parse_webhook

__all__ = [
    "BYPASS_NEVER",
    "PLATFORMS",
    "UPDATE_KINDS",
    "AffectedComponent",
    "CatalogPage",
    "Category",
    "Component",
    "ComponentGroup",
    "ComponentStatus",
    "Detection",
    "HoldDown",
    "HoldResult",
    "Impact",
    "Incident",
    "IncidentStatus",
    "IncidentUpdate",
    "NewUpdate",
    "Page",
    "PageStatus",
    "PageTracker",
    "PageView",
    "Platform",
    "ProblemLevel",
    "ProblemPolicy",
    "Scope",
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
    "TrackResult",
    "TrackerState",
    "UpdateFilter",
    "UpdateView",
    "WebhookNotice",
    "detect_changes",
    "detect_source",
    "load_catalog",
    "normalise_url",
    "page_base",
    "parse_webhook",
    "platform_for",
    "source_for",
    "to_data",
    "update_kind",
    "view_of",
]
