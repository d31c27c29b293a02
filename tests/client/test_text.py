"""Update bodies as plain text: styles and scripts are dropped, whatever follows them is kept."""

from __future__ import annotations

from datetime import UTC, datetime
import time
from typing import TYPE_CHECKING

from custom_components.status_tracker.client.text import html_to_text, parse_time

if TYPE_CHECKING:
    import pytest


def test_styles_are_dropped() -> None:
    assert html_to_text("<style>p { color: red }</style><p>Fixed</p>") == "Fixed"


def test_text_between_two_scripts_is_kept() -> None:
    assert html_to_text("<script>a()</script>Fixed <script>b()</script>now") == "Fixed now"


def test_windows_and_old_mac_line_ends_become_one_line_feed() -> None:
    """CRLF becomes LF (the docstring's promise); a lone CR is a line end too."""
    assert html_to_text("Investigating\r\nFixed") == "Investigating\nFixed"
    assert html_to_text("Investigating\rFixed") == "Investigating\nFixed"


def test_references_without_markup_are_decoded_like_markup() -> None:
    """Plain text with an entity is read as HTML: "&amp" without ";" is decoded too."""
    assert html_to_text("Fish &amp chips") == "Fish & chips"
    assert html_to_text("<b>Fish</b> &amp chips") == "Fish & chips"


def test_each_line_is_trimmed() -> None:
    assert html_to_text("<p>Fixed </p><p> now</p>") == "Fixed\n\nnow"
    assert html_to_text("Fixed  \n  now") == "Fixed\nnow"


def test_a_time_without_a_zone_is_utc_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cachet and some feeds send naive times: they are UTC, not the host's local time."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse_time("2026-01-15T12:00:00") == datetime(2026, 1, 15, 12, tzinfo=UTC)
        assert parse_time("Thu, 15 Jan 2026 12:00:00 -0000") == datetime(
            2026, 1, 15, 12, tzinfo=UTC
        )
    finally:
        monkeypatch.undo()
        time.tzset()
