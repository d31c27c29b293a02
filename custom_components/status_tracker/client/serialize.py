"""Models to JSON-ready dicts and back, for storage, diagnostics and action responses.

One generic walker over the dataclass fields keeps the models the single
description of the data. Decoding untrusted or old data raises ``ValueError``.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import cache
import types
from typing import Any, Union, get_args, get_origin, get_type_hints


def to_data(value: Any) -> Any:
    """A dataclass (or tuple, enum, datetime) as plain JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value) if f.init}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _is_datetime(hint: Any) -> bool:
    """``datetime``, or a test clock's stand-in for it on either side.

    A frozen clock (freezegun) swaps the class in module globals while it runs, and the
    field types are cached: a hint and this module's name for the class can differ.
    """
    return isinstance(hint, type) and (issubclass(hint, datetime) or issubclass(datetime, hint))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def from_data[T](cls: type[T], data: Any) -> T:
    """Rebuild ``cls`` from ``to_data`` output; raise ValueError on anything that does not fit."""
    try:
        return _decode(cls, data)  # type: ignore[no-any-return]
    except (TypeError, KeyError) as err:  # a missing field, an unhashable or mistyped value
        raise ValueError(str(err)) from err


def _decode(hint: Any, data: Any) -> Any:
    origin = get_origin(hint)
    if origin in {Union, types.UnionType}:
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return None if data is None else _decode(options[0], data)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"expected a list, got {type(data).__name__}")  # noqa: TRY003, EM102
        return tuple(_decode(get_args(hint)[0], item) for item in data)
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {hint.__name__}")  # noqa: TRY003, EM102
        hints = _hints(hint)
        init = {f.name for f in fields(hint) if f.init}
        return hint(**{k: _decode(hints[k], v) for k, v in data.items() if k in init})
    if _is_datetime(hint):
        parsed = datetime.fromisoformat(data)
        # We only write aware times; a naive one (a hand-edited file) would later fail to
        # compare with fresh ones (TypeError while merging or sorting), so it reads as UTC.
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint in {str, int, bool, float} and isinstance(data, hint):
        return data
    raise ValueError(f"cannot read {data!r} as {hint}")  # noqa: TRY003, EM102
