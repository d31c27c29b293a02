"""Which new updates a follower wants: a minimum impact, and the components they follow.

Unknown impact passes the impact threshold and an update naming no component passes
the component filter: feeds carry neither, and saying nothing is not saying "not you".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Impact

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import NewUpdate, Snapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateFilter:
    """Keep updates at or above ``min_impact`` that name one of ``components`` (ids)."""

    min_impact: Impact = Impact.NONE
    components: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, min_impact: str | None, components: Iterable[str] | None) -> UpdateFilter:
        """From stored option values (an impact word, component ids)."""
        return cls(
            min_impact=Impact.from_raw(min_impact or Impact.NONE.value),
            components=frozenset(components or ()),
        )

    def wanted(self, new: NewUpdate, snapshot: Snapshot) -> bool:
        """Whether ``new`` (an update of a page now showing ``snapshot``) passes."""
        impact = new.incident.impact
        if impact is not Impact.UNKNOWN and impact.rank < self.min_impact.rank:
            return False
        if not self.components:
            return True
        named = {c.id for c in new.update.affected_components} | set(new.incident.components)
        named |= {c.name for c in new.update.affected_components}
        if not named:
            return True
        # Incidents name components by name (feeds, incident lists): match names too.
        chosen = set(self.components)
        chosen |= {c.name for c in snapshot.components if c.id in self.components}
        return bool(named & chosen)
