"""An entry's options as the library's follower settings: filter, scope, problem, hold-down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .client import HoldDown, ProblemPolicy, Scope, UpdateFilter
from .const import (
    CONF_COMPONENTS,
    CONF_HOLD_DOWN,
    CONF_HOLD_DOWN_BYPASS,
    CONF_MIN_IMPACT,
    CONF_PROBLEM_LEVEL,
    CONF_PROBLEM_MAINTENANCE,
    CONF_PROBLEM_UNKNOWN,
    CONF_REGIONS,
    CONF_SCOPE,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Following:
    """What fires (``events``), what the entities look at, and when."""

    events: UpdateFilter
    scope: Scope
    problem: ProblemPolicy
    hold: HoldDown

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> Following:
        """From an entry's options; a missing option is off (an entry made before it)."""
        regions = options.get(CONF_REGIONS)
        return cls(
            events=UpdateFilter.of(
                options.get(CONF_MIN_IMPACT), options.get(CONF_COMPONENTS), regions
            ),
            scope=Scope.of(options.get(CONF_SCOPE), regions),
            problem=ProblemPolicy.of(
                options.get(CONF_PROBLEM_LEVEL),
                maintenance=bool(options.get(CONF_PROBLEM_MAINTENANCE)),
                unknown=bool(options.get(CONF_PROBLEM_UNKNOWN)),
            ),
            hold=HoldDown.of(options.get(CONF_HOLD_DOWN), options.get(CONF_HOLD_DOWN_BYPASS)),
        )
