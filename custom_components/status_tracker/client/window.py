"""A page's incidents across documents: merging the parts, and what is kept between polls.

A poll's fresh parse is diffed whole; what stays in memory and on disk until the
next change is only what the page shows: every open incident and maintenance, the
newest ``KEEP_CLOSED`` closed incidents and as many closed maintenances (a Statuspage
window holds up to 50, with every update's text and components: most of a provider's
memory). The seen update keys, not the kept parse, are what tells new updates from old.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Component, ComponentGroup, Incident, Snapshot

# Closed incidents kept besides the open ones: recent history for the calendar and actions.
KEEP_CLOSED: Final = 5


def merge_parts(parts: list[Snapshot]) -> Snapshot:
    """The first part gives page and state; incidents and maintenances are merged by id.

    Components come from the part that lists the most (a page's ``components.json`` lists
    every one where its summary lists only some). Where two documents hold an incident,
    the copy with more updates (or the later ``updated_at``) wins, since they were
    fetched at slightly different times.
    """
    first, *others = parts
    if not others:
        return first
    # A document may give only the states of components another one names (Uptime Kuma's
    # heartbeats): the names come from the fullest part that has any, the states overlay them.
    named = [part for part in parts if any(c.name for c in part.components)] or parts
    fullest = max(named, key=lambda part: len(part.components))
    states = {c.id: c for part in parts for c in part.components if not c.name}
    page = first.page
    if not page.name:
        page = replace(page, name=next((p.page.name for p in others if p.page.name), ""))
    components = (
        tuple(_overlaid(c, states.get(c.id)) for c in fullest.components)
        if states
        else fullest.components
    )
    return replace(
        first,
        page=page,
        components=components,
        groups=_groups(fullest, parts, components),
        incidents=_merged(part.incidents for part in parts),
        maintenances=_merged(part.maintenances for part in parts),
    )


def _groups(
    fullest: Snapshot, parts: list[Snapshot], components: tuple[Component, ...]
) -> tuple[ComponentGroup, ...]:
    """The fullest part's groups, else those a groups-only document names (Cachet 2.x)."""
    if fullest.groups or not components:
        return fullest.groups if fullest.components else parts[0].groups
    listed = next((part.groups for part in parts if part.groups), ())
    return tuple(
        group
        if group.component_ids
        else replace(group, component_ids=tuple(c.id for c in components if c.group_id == group.id))
        for group in listed
    )


def _overlaid(component: Component, state: Component | None) -> Component:
    """``component`` with the state a states-only part gives, where it has none of its own."""
    if state is None or component.status_raw or state is component:
        return component
    return replace(component, status=state.status, status_raw=state.status_raw)


def _merged(lists: Iterable[tuple[Incident, ...]]) -> tuple[Incident, ...]:
    by_id: dict[str, Incident] = {}
    for incident in (i for incidents in lists for i in incidents):
        known = by_id.get(incident.id)
        if known is None or _fresher(incident, known):
            by_id[incident.id] = incident
    return tuple(sorted(by_id.values(), key=lambda i: i.created_at, reverse=True))


def _fresher(new: Incident, old: Incident) -> bool:
    if len(new.updates) != len(old.updates):
        return len(new.updates) > len(old.updates)
    return (new.updated_at or new.created_at) > (old.updated_at or old.created_at)


def kept(part: Snapshot) -> Snapshot:
    """``part`` with its closed incidents and maintenances cut to the newest ``KEEP_CLOSED``."""
    incidents, maintenances = _keep(part.incidents), _keep(part.maintenances)
    if incidents is part.incidents and maintenances is part.maintenances:
        return part
    return replace(part, incidents=incidents, maintenances=maintenances)


def _keep(incidents: tuple[Incident, ...]) -> tuple[Incident, ...]:
    closed = [incident for incident in incidents if not incident.is_active]
    if len(closed) <= KEEP_CLOSED:
        return incidents
    # Incidents and maintenances apart: a feed lists both in one list, and its closed
    # incidents must not push out the maintenances the calendar shows (or the reverse).
    keep: set[int] = set()
    for maintenance in (False, True):
        kind = [incident for incident in closed if incident.is_maintenance is maintenance]
        newest = sorted(kind, key=lambda i: i.created_at, reverse=True)[:KEEP_CLOSED]
        keep.update(id(incident) for incident in newest)
    return tuple(i for i in incidents if i.is_active or id(i) in keep)
