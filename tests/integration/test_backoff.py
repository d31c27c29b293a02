"""The poll schedule as the README promises it: the interval, and backoff doubling per
failure "up to 30 minutes", never shorter than a Retry-After."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from tests.integration.conftest import poll
from tests.status_page_server import serve_stage

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from tests.status_page_server import StatusPageServer

SUMMARY = "/api/v2/summary.json"


async def _set_up(hass: HomeAssistant, entry: MockConfigEntry, options: dict[str, Any]) -> None:
    """Set ``entry`` up with these options (instead of the fixture's)."""
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, options=options)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


def _fail(page: StatusPageServer, headers: dict[str, str] | None = None) -> None:
    page.set(
        SUMMARY, "<html>down</html>", status=503, content_type="text/html", headers=headers or {}
    )


async def _polls_within(hass: HomeAssistant, page: StatusPageServer, wait: timedelta) -> int:
    """How many times the page is asked when ``wait`` passes from now."""
    before = len(page.requests(SUMMARY))
    async_fire_time_changed(hass, dt_util.utcnow() + wait)
    # The coordinator polls on its schedule in a background task.
    await hass.async_block_till_done(wait_background_tasks=True)
    return len(page.requests(SUMMARY)) - before


async def test_backoff_is_capped_at_30_minutes(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    demo_page.set(SUMMARY, "<html>down</html>", status=503, content_type="text/html")
    for _ in range(10):  # uncapped, the 10th failure would wait 5 min * 2**9, almost two days
        await poll(hass, setup_entry)
    assert await _polls_within(hass, demo_page, timedelta(minutes=29)) == 0
    # The scheduler adds under a second of jitter to each poll.
    assert await _polls_within(hass, demo_page, timedelta(minutes=30, seconds=2)) == 1


async def test_backoff_doubles_until_the_cap(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    """5, 10, 20, then 30 minutes (not 40) between the polls of a page that keeps failing."""
    demo_page.set(SUMMARY, "<html>down</html>", status=503, content_type="text/html")
    await poll(hass, setup_entry)  # the first failure keeps the user's 5 minutes
    gaps = []
    for _ in range(4):
        # Each scheduled poll is timed from the last real one, so the clock moves from now.
        for minute in range(1, 61):
            if await _polls_within(hass, demo_page, timedelta(minutes=minute, seconds=2)):
                gaps.append(minute)
                break
    assert gaps == [5, 10, 20, 30]


async def test_a_long_outage_keeps_failing_cleanly(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    setup_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    demo_page.set(SUMMARY, "<html>down</html>", status=503, content_type="text/html")
    for _ in range(45):
        await poll(hass, setup_entry)
    assert "Unexpected error" not in caplog.text
    assert await _polls_within(hass, demo_page, timedelta(minutes=29)) == 0
    assert await _polls_within(hass, demo_page, timedelta(minutes=30, seconds=2)) == 1


async def test_a_daily_interval_is_never_doubled_into_an_overflow(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """At the longest interval (86400 s) a month-long outage still fails as an HTTP error.

    The wait is "up to 30 minutes (or your interval if it is longer)" (README): a day.
    """
    mock_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_entry, options={**mock_entry.options, "scan_interval": 86400}
    )
    assert await hass.config_entries.async_setup(mock_entry.entry_id)
    await hass.async_block_till_done()
    demo_page.set(SUMMARY, "<html>down</html>", status=503, content_type="text/html")
    for _ in range(35):
        await poll(hass, mock_entry)
    assert "Unexpected error" not in caplog.text
    assert await _polls_within(hass, demo_page, timedelta(hours=23, minutes=59)) == 0
    assert await _polls_within(hass, demo_page, timedelta(days=1, seconds=2)) == 1


@pytest.mark.parametrize(
    ("options", "minutes"),
    [
        ({"components": [], "min_impact": "none"}, 5),  # "default 5 min"
        ({"scan_interval": 30, "components": [], "min_impact": "none"}, 1),  # "minimum 60 s"
    ],
    ids=["default", "below_the_minimum"],
)
async def test_the_poll_interval(
    hass: HomeAssistant,
    demo_page: StatusPageServer,
    mock_entry: MockConfigEntry,
    options: dict[str, Any],
    minutes: int,
) -> None:
    await _set_up(hass, mock_entry, options)
    await poll(hass, mock_entry)
    assert await _polls_within(hass, demo_page, timedelta(minutes=minutes, seconds=-2)) == 0
    assert await _polls_within(hass, demo_page, timedelta(minutes=minutes, seconds=2)) == 1


async def test_the_first_success_brings_back_the_interval(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    """After a success the next failure starts the doubling again: 5 minutes, not 30."""
    _fail(demo_page)
    for _ in range(4):
        await poll(hass, setup_entry)
    serve_stage(demo_page, None)
    await poll(hass, setup_entry)
    _fail(demo_page)
    await poll(hass, setup_entry)
    assert await _polls_within(hass, demo_page, timedelta(minutes=4)) == 0
    assert await _polls_within(hass, demo_page, timedelta(minutes=5, seconds=2)) == 1


async def test_retry_after_is_a_floor_not_a_ceiling(
    hass: HomeAssistant, demo_page: StatusPageServer, setup_entry: MockConfigEntry
) -> None:
    """ "Wait at least as long as the page asked": a shorter ask keeps the backoff; a longer
    one is kept even past the 30-minute cap."""
    _fail(demo_page)
    await poll(hass, setup_entry)
    await poll(hass, setup_entry)  # the next failure waits 20 minutes
    _fail(demo_page, {"Retry-After": "60"})
    await poll(hass, setup_entry)
    assert await _polls_within(hass, demo_page, timedelta(minutes=19)) == 0
    assert await _polls_within(hass, demo_page, timedelta(minutes=20, seconds=2)) == 1
    _fail(demo_page, {"Retry-After": "3600"})
    await poll(hass, setup_entry)
    assert await _polls_within(hass, demo_page, timedelta(minutes=59)) == 0
    assert await _polls_within(hass, demo_page, timedelta(minutes=60, seconds=2)) == 1
