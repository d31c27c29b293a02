"""Defensive readers for untrusted JSON: wrong types read as absent, never raise."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import StatusPageContentError

type JSONObject = dict[str, Any]

# JSON may escape half of a surrogate pair ("\ud83d" alone, a body cut mid-emoji). Python
# keeps it, but it is not valid Unicode: orjson then refuses the state, the event and the
# stored file (Home Assistant's storage, recorder and websocket all fail on it).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load_json(body: bytes) -> Any:
    """Decode JSON, turning every decoder failure into our content error."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        msg = f"Invalid JSON: {err}"
        raise StatusPageContentError(msg) from err


def obj(value: object) -> JSONObject:
    """The value if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def objects(value: object) -> list[JSONObject]:
    """The JSON objects in a list; null, missing or a non-list reads as empty."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def text(value: object) -> str | None:
    """A string, or a number as a string (ids are ints on some pages); else None."""
    if isinstance(value, str):
        return _no_lone_surrogates(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def integer(value: object) -> int | None:
    """An int, or None for anything else."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _no_lone_surrogates(value: str) -> str:
    """``value`` with every unpaired surrogate replaced by U+FFFD."""
    if value.isascii():  # nearly every id, status and name: no regex needed
        return value
    return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
