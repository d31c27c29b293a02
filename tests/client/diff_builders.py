"""Minimal updates, incidents and snapshots on one timeline, for the change-detection tests.

Also used by the window, model and command-line tests.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from custom_components.status_tracker.client import (
    Impact,
    Incident,
    IncidentStatus,
    IncidentUpdate,
    Page,
    PageStatus,
    Snapshot,
    SourceKind,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def update(uid: str, minute: int, status: IncidentStatus = IncidentStatus.UPDATE) -> IncidentUpdate:
    """An update ``uid`` posted ``minute`` minutes after T0 (its body is its id)."""
    when = T0 + timedelta(minutes=minute)
    return IncidentUpdate(
        id=uid, status=status, status_raw=status.value, body=uid, created_at=when, display_at=when
    )


def incident(iid: str, *updates: IncidentUpdate) -> Incident:
    """A minor incident ``iid`` with ``updates``, its status that of the last one."""
    return Incident(
        id=iid,
        name=iid,
        status=updates[-1].status if updates else IncidentStatus.INVESTIGATING,
        status_raw="",
        impact=Impact.MINOR,
        impact_raw="minor",
        url=None,
        created_at=updates[0].created_at if updates else T0,
        updates=updates,
    )


def snapshot(*incidents: Incident) -> Snapshot:
    """An operational Statuspage snapshot holding ``incidents``."""
    return Snapshot(
        source=SourceKind.STATUSPAGE,
        page=Page(id="p", name="P", url=""),
        status=PageStatus.OPERATIONAL,
        status_raw="none",
        description="",
        incidents=incidents,
    )
