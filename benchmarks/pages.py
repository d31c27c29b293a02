"""The farm's status pages: their documents, validators and incident lifecycle.

Bodies are built from real fixtures (GitHub's summaries and history feeds, a real incidents
window), made page-specific (page id, name, URL); ``Page.advance`` adds exactly one incident
update, as a real page's change does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
import gzip
from hashlib import md5
import html
import json
from typing import Any, Final

from tests.status_page_server import LIFECYCLE, demo_incident, fixture

SUMMARY_FIXTURES: Final = (
    "github_summary_all_operational_2026-08-22.json",
    "github_summary_3_unresolved_incidents_2026-02-09.json",
    "github_summary_nbsp_br_in_body_2026-08-07.json",
)
INCIDENTS_FIXTURE: Final = "emma_incidents_2019_extracted.json"
ATOM_FIXTURES: Final = (
    "github_history_2025-07-08_with_maintenance.atom",
    "github_history_2026-08-22_spaced_markup.atom",
)
DOCS: Final = ("summary", "incidents", "atom")
JSON_TYPE: Final = "application/json; charset=utf-8"
ATOM_TYPE: Final = "application/atom+xml; charset=utf-8"


def page_id(n: int) -> str:
    """The Statuspage id of page ``n`` (12 lowercase characters, like a real one)."""
    return f"bench{n:07d}"


def doc_path(n: int, doc: str) -> str:
    """The path of one document of page ``n``."""
    return {
        "summary": f"/p/{n}/api/v2/summary.json",
        "incidents": f"/p/{n}/api/v2/incidents.json",
        "atom": f"/p/{n}/history.atom",
    }[doc]


@dataclass(slots=True)
class Doc:
    """One served representation: body, validators, and its gzip form made on first demand."""

    body: bytes
    content_type: str
    modified: datetime
    etag: str = ""
    last_modified: str = ""
    gz: bytes | None = None

    def __post_init__(self) -> None:
        """Derive the validators from the body and the modification time."""
        self.etag = f'W/"{md5(self.body, usedforsecurity=False).hexdigest()}"'
        self.last_modified = format_datetime(self.modified, usegmt=True)

    def gzipped(self) -> bytes:
        """The gzip-encoded body (cached)."""
        if self.gz is None:
            self.gz = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self.gz


class _Templates:
    """The fixtures, loaded and pre-encoded once for every page."""

    def __init__(self) -> None:
        self.summaries = [json.loads(fixture(name)) for name in SUMMARY_FIXTURES]
        incidents = json.loads(fixture(INCIDENTS_FIXTURE))["incidents"]
        self.incidents_inner = b",".join(json.dumps(i).encode() for i in incidents)
        # The real entries (and the closing tag) of each feed; the header is made per page.
        self.atom_entries = [
            b"<entry>" + fixture(name).partition(b"<entry>")[2] for name in ATOM_FIXTURES
        ]


_TEMPLATES: _Templates | None = None


def templates() -> _Templates:
    """The shared templates (loaded on first use)."""
    global _TEMPLATES  # noqa: PLW0603  # a module-wide cache of read-only data
    if _TEMPLATES is None:
        _TEMPLATES = _Templates()
    return _TEMPLATES


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class Page:
    """One status page of the farm and where it is in its incident lifecycle."""

    n: int
    port: int = 0
    stage: int | None = None
    cycle: int = 0
    modified: datetime = field(
        default_factory=lambda: datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    )
    cycle_start: datetime = field(default_factory=lambda: datetime.now(UTC))
    docs: dict[str, Doc] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The page's Statuspage id."""
        return page_id(self.n)

    @property
    def meta(self) -> dict[str, Any]:
        """The ``page`` object of the page's JSON documents."""
        return {
            "id": self.id,
            "name": f"Provider {self.n}",
            "url": f"http://127.0.0.1:{self.port}/p/{self.n}",
            "time_zone": "Etc/UTC",
            "updated_at": _iso(self.modified),
        }

    def advance(self) -> None:
        """One more incident update: the next lifecycle stage, or a new incident."""
        if self.stage is None or self.stage == len(LIFECYCLE) - 1:
            self.cycle += 1
            self.stage = 0
            self.cycle_start = datetime.now(UTC).replace(microsecond=0)
        else:
            self.stage += 1
        now = datetime.now(UTC).replace(microsecond=0)
        # Last-Modified has one-second resolution: every change must move it.
        self.modified = max(now, self.modified + timedelta(seconds=1))
        self.build()

    def _incident(self) -> dict[str, Any] | None:
        if self.stage is None:
            return None
        incident = demo_incident(self.stage, f"c{self.cycle:03d}p{self.n:07d}", self.cycle_start)
        incident["page_id"] = self.id
        incident["shortlink"] = (
            f"http://127.0.0.1:{self.port}/p/{self.n}/incidents/{incident['id']}"
        )
        return incident

    def build(self) -> None:
        """(Re)build the three documents from the templates and the lifecycle state."""
        tpl = templates()
        meta = self.meta
        incident = self._incident()
        summary = dict(tpl.summaries[self.n % len(tpl.summaries)])
        summary["page"] = meta
        if incident is not None and incident["status"] != "resolved":
            summary["incidents"] = [incident, *summary["incidents"]]
            summary["status"] = {"indicator": "major", "description": "Partial System Outage"}
        self.docs["summary"] = Doc(json.dumps(summary).encode(), JSON_TYPE, self.modified)
        first = json.dumps(incident).encode() + b"," if incident is not None else b""
        incidents = (
            b'{"page":' + json.dumps(meta).encode() + b',"incidents":['
            + first + tpl.incidents_inner + b"]}"
        )  # fmt: skip
        self.docs["incidents"] = Doc(incidents, JSON_TYPE, self.modified)
        self.docs["atom"] = Doc(self._atom(incident), ATOM_TYPE, self.modified)

    def _atom(self, incident: dict[str, Any] | None) -> bytes:
        tpl = templates()
        entries = tpl.atom_entries[self.n % len(tpl.atom_entries)]
        base = f"http://127.0.0.1:{self.port}/p/{self.n}"
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <id>tag:{self.id}.bench,2005:/history</id>\n"
            f'  <link rel="alternate" type="text/html" href="{base}"/>\n'
            f'  <link rel="self" type="application/atom+xml" href="{base}/history.atom"/>\n'
            f"  <title>Provider {self.n} Status - Incident History</title>\n"
            f"  <updated>{_iso(self.modified)}</updated>\n"
            f"  <author>\n    <name>Provider {self.n}</name>\n  </author>\n  "
        )
        entry = ""
        if incident is not None:
            content = "".join(
                f"<p><small>{u['created_at']}</small><br><strong>{u['status'].title()}</strong>"
                f" - {u['body']}</p>"
                for u in incident["incident_updates"]
            )
            entry = (
                f"<entry>\n    <id>tag:{self.id}.bench,2005:Incident/{incident['id']}</id>\n"
                f"    <published>{_iso(self.cycle_start)}</published>\n"
                f"    <updated>{_iso(self.modified)}</updated>\n"
                f'    <link rel="alternate" type="text/html" href="{incident["shortlink"]}"/>\n'
                f"    <title>{html.escape(incident['name'])}</title>\n"
                f'    <content type="html">{html.escape(content)}</content>\n  </entry>\n  '
            )
        return head.encode() + entry.encode() + entries
