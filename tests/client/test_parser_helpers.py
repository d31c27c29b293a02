"""The helpers every parser shares: times, links, JSON and text fields.

Times are aware UTC whatever the machine's zone; a link is kept when it is already
absolute and resolved against the document's URL otherwise; a body that is not JSON is a
content error reading ``Invalid JSON: …`` (docs/reliability.md); a lone surrogate in a
text field becomes U+FFFD.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import time
from typing import TYPE_CHECKING

import pytest

from custom_components.status_tracker.client import StatusPageContentError
from custom_components.status_tracker.client.parsers.common import (
    absolute_url,
    any_time,
    epoch_time,
)
from custom_components.status_tracker.client.parsers.fields import load_json, text

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def new_york_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone is New York for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york_clock")
def test_javascript_dates_are_utc_on_any_machine() -> None:
    read = any_time("Sat Jun 11 2022 18:55:50 GMT+02:00 (Central European Summer Time)")
    assert read is not None
    assert read.isoformat() == "2022-06-11T16:55:50+00:00"


def test_javascript_date_without_offset_is_gmt() -> None:
    assert any_time("Sat Jun 11 2022 18:55:50 GMT") == datetime(2022, 6, 11, 18, 55, 50, tzinfo=UTC)
    assert any_time("Sat Jun 11 2022 18:55:50 UTC-0130") == datetime(
        2022, 6, 11, 20, 25, 50, tzinfo=UTC
    )


def test_epoch_from_ten_to_the_eleven_is_milliseconds() -> None:
    # 10**11 s would be the year 5138: from there on a value is read as milliseconds.
    assert epoch_time(100_000_000_000) == datetime(1973, 3, 3, 9, 46, 40, tzinfo=UTC)
    assert epoch_time(99_999_999_999) == datetime(5138, 11, 16, 9, 46, 39, tzinfo=UTC)
    assert any_time(100_000_000_000) == datetime(1973, 3, 3, 9, 46, 40, tzinfo=UTC)
    assert epoch_time(0) == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(0)


@pytest.mark.parametrize(
    "ref", ["https://status.example.com/incidents/1", "http://status.example.com/incidents/1"]
)
def test_absolute_links_are_kept_without_a_base(ref: str) -> None:
    assert absolute_url(None, ref) == ref
    assert absolute_url("", ref) == ref
    assert absolute_url("https://other.example.org/feed.atom", ref) == ref


def test_relative_links_need_the_document_url() -> None:
    base = "https://status.example.com/history.rss"
    assert absolute_url(base, "/incidents/1") == "https://status.example.com/incidents/1"
    assert absolute_url(None, "/incidents/1") is None
    assert absolute_url(base, "") is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "Invalid JSON: Expecting value: line 1 column 1 (char 0)"),
        (b'{"a": ', "Invalid JSON: Expecting value: line 1 column 7 (char 6)"),
    ],
)
def test_a_body_that_is_not_json_says_so(body: bytes, reason: str) -> None:
    with pytest.raises(StatusPageContentError) as caught:
        load_json(body)
    assert str(caught.value) == reason


def test_lone_surrogates_become_replacement_characters() -> None:
    # JSON may escape half of a pair; the half alone cannot be encoded, so it is replaced.
    assert text(load_json(rb'"Paris \ud83d outage"')) == "Paris \ufffd outage"
    assert text(load_json(rb'"Z\u00fcrich \ud83d\ude00 ok"')) == "Z\u00fcrich \U0001f600 ok"
    assert text("plain") == "plain"
