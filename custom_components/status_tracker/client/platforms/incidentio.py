"""incident.io status pages read through their copy of the Statuspage v2 API.

The documents are Statuspage's (same objects, ``null`` or missing arrays, no groups,
no shortlinks, ULIDs as ids), so the Statuspage reader reads them; what differs is
the platform's behaviour: ``summary.json`` may list no incidents at all, so the
window (``incidents.json``) is asked every poll, and some pages serve no window; and it
lists at most 25 components, a different 25 from poll to poll, so ``components.json``
(every component) is read too.
"""

from __future__ import annotations

from functools import partial

from ..source import SourceKind
from .base import Format, Platform, Round
from .statuspage import API, COMPONENTS, api_documents, is_incidentio, statuspage_snapshot


def _documents(url: str) -> tuple[str, ...]:
    summary, incidents = api_documents(url)
    return summary, incidents, summary.removesuffix(API[0]) + COMPONENTS


PLATFORM = Platform(
    kind=SourceKind.INCIDENTIO,
    name="Statuspage-compatible API",
    maker="incident.io",
    format=Format.JSON,
    recognise=is_incidentio,
    build=partial(statuspage_snapshot, kind=SourceKind.INCIDENTIO),
    paths=API[:1],
    detect_round=Round.API,
    markers=("/api/v2/",),
    documents=_documents,
    keyed_by_page_id=True,
)
