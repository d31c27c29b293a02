"""Update bodies as plain text: styles and scripts are dropped, whatever follows them is kept."""

from __future__ import annotations

from custom_components.status_tracker.client.text import html_to_text


def test_styles_are_dropped() -> None:
    assert html_to_text("<style>p { color: red }</style><p>Fixed</p>") == "Fixed"


def test_text_between_two_scripts_is_kept() -> None:
    assert html_to_text("<script>a()</script>Fixed <script>b()</script>now") == "Fixed now"
