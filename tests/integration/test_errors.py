"""A failed poll's message, as the translations word it (``exceptions`` in en.json)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.status_tracker.client import StatusPageError
from custom_components.status_tracker.errors import update_failed

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant


@pytest.mark.usefixtures("setup_entry")  # loaded: its translations are what Home Assistant shows
async def test_an_error_of_no_known_kind_is_an_unexpected_error(hass: HomeAssistant) -> None:
    """Every kind the library raises today has its own message; any other gets the generic one."""
    failure = update_failed(StatusPageError("the parser gave up"), retry_after=600)
    assert str(failure) == "Unexpected error reading the status page: the parser gave up"
    assert failure.retry_after == 600
