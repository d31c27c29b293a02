"""Which new updates a follower wants: a minimum impact, and the components and regions followed.

Unknown impact passes the impact threshold, and an update naming no component (or no
region) passes that part of the scope: feeds carry neither, and saying nothing is not
saying "not you" (``scope.py`` decides what is in scope, for the entities too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Impact
from .scope import Scope

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import NewUpdate, Snapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateFilter:
    """Keep updates at or above ``min_impact`` in the scope of ``components`` and ``regions``."""

    min_impact: Impact = Impact.NONE
    components: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        min_impact: str | None,
        components: Iterable[str] | None,
        regions: Iterable[str] | None = None,
    ) -> UpdateFilter:
        """From stored option values (an impact word, component ids, region codes)."""
        return cls(
            min_impact=Impact.from_raw(min_impact or Impact.NONE.value),
            components=frozenset(components or ()),
            regions=frozenset(regions or ()),
        )

    def wanted(self, new: NewUpdate, snapshot: Snapshot) -> bool:
        """Whether ``new`` (an update of a page now showing ``snapshot``) passes."""
        impact = new.incident.impact
        if impact is not Impact.UNKNOWN and impact.rank < self.min_impact.rank:
            return False
        scope = Scope(components=self.components, regions=self.regions)
        return scope.covers(new.incident, snapshot, new.update)
