"""Models to plain JSON-ready values and back (``client.serialize``).

Module docstring: ``to_data`` gives a dataclass (or tuple, enum, datetime) as plain
values; ``from_data`` rebuilds it and raises ``ValueError`` on anything that does not
fit. The reason is what the stored-state warnings log ("Dropping an unreadable held
update: …", "Ignoring unreadable stored state for …: …").
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.status_tracker.client import ComponentGroup, IncidentUpdate, to_data
from custom_components.status_tracker.client.serialize import from_data
from tests.client.builders import incident, new, post


class _StandIn(datetime):
    """What a frozen test clock puts in place of ``datetime``: a subclass of it."""


def test_a_model_is_plain_values_and_reads_back() -> None:
    update = post("u1", 5, affected=(("c1", "API"),))
    assert to_data(update) == {
        "id": "u1",
        "status": "investigating",
        "status_raw": "investigating",
        "body": "text of u1",
        "created_at": "2026-01-01T03:05:00+00:00",
        "display_at": "2026-01-01T03:05:00+00:00",
        "affected_components": [
            {
                "id": "c1",
                "name": "API",
                "new_status": "degraded_performance",
                "new_status_raw": "degraded_performance",
                "old_status": None,
                "old_status_raw": None,
            }
        ],
    }
    assert from_data(IncidentUpdate, to_data(update)) == update


def test_a_derived_field_is_not_written() -> None:
    update = new(incident("inc1", updates=(post("u1"),)))
    data = to_data(update)
    assert isinstance(data, dict)
    assert set(data) == {"incident", "update", "previous_status", "is_new_incident"}


def test_a_test_clocks_datetime_reads_as_a_time() -> None:
    when: datetime = from_data(_StandIn, "2026-01-01T03:00:00+00:00")
    assert when == datetime(2026, 1, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (["g1", "Group"], r"^expected an object for ComponentGroup$"),
        ({"id": "g1", "name": "Group", "component_ids": "c1"}, r"^expected a list, got str$"),
        ({"id": "g1", "name": "Group", "component_ids": {}}, r"^expected a list, got dict$"),
        ({"id": 5, "name": "Group"}, r"^cannot read 5 as <class 'str'>$"),
        ({"id": "g1", "name": None}, r"^cannot read None as <class 'str'>$"),
        ({"name": "Group"}, r"missing 1 required keyword-only argument: 'id'"),
    ],
)
def test_what_does_not_fit_is_refused_with_the_reason(data: Any, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        from_data(ComponentGroup, data)
