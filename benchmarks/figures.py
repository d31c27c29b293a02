"""The figures a report reads out of one result: medians, net CPU, stalls, traced memory."""

from __future__ import annotations

import math
import statistics
from typing import Any

LABELS = {
    "ours": "Status Page Tracker (ours)",
    "floor": "floor: bare aiohttp conditional GETs",
    "plain": "plain GET + json.loads (rest-like)",
    "rest": "HA `rest` integration",
    "feedreader": "HA `feedreader` (Atom)",
    "thelion": "TheLion's StatusPage Monitor (HACS)",
}
HEADLINE_N = 1000
STALL_PHASES = (
    "setup",
    "round_idle",
    "round_change",
    "round_after_change",
    "round_spread",
    "push",
    "restart_setup",
    "restart_first_polls",
)
RESTART_PHASES = ("restart_setup", "restart_first_polls")


def rounds(result: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The rounds of one kind."""
    return [r for r in result["rounds"] if r["kind"] == kind]


def median(result: dict[str, Any], kind: str, key: str) -> float:
    """Median of ``key`` over the rounds of ``kind`` (nan if none)."""
    values = [float(r[key]) for r in rounds(result, kind)]
    return float(statistics.median(values)) if values else math.nan


def background_rate(result: dict[str, Any]) -> float:
    """CPU seconds per second of the quiet round (no polling), or 0 if not measured."""
    quiet = rounds(result, "quiet")
    return float(quiet[0]["cpu_s"]) / float(quiet[0]["wall_s"]) if quiet else 0.0


def after_change_net(result: dict[str, Any]) -> float:
    """CPU ms per changed page of the work left after a change round (ours: store writes)."""
    after = rounds(result, "after_change")
    if not after:
        return math.nan
    rate = background_rate(result)
    return float(
        statistics.median(
            (float(r["cpu_s"]) - rate * float(r["wall_s"])) * 1000 / max(1, r["changed_pages"])
            for r in after
        )
    )


def spread_net(result: dict[str, Any]) -> float:
    """CPU ms per provider of the spread round, less the background CPU of as long a quiet."""
    spread, quiet = rounds(result, "spread"), rounds(result, "quiet")
    if not spread or not quiet:
        return math.nan
    rate = float(quiet[0]["cpu_s"]) / float(quiet[0]["wall_s"])
    net = float(spread[0]["cpu_s"]) - rate * float(spread[0]["wall_s"])
    return net * 1000 / int(result["providers"])


def stall(result: dict[str, Any], phases: tuple[str, ...] = STALL_PHASES) -> tuple[float, str]:
    """The worst loop lag (ms) over ``phases``, and its phase."""
    lag = result["lag_ms"]
    worst = max(phases, key=lambda p: lag.get(p, 0.0))
    return lag.get(worst, 0.0), worst


def fmt(value: float, digits: int = 2) -> str:
    """``value`` for a table: "-" if missing, thousands without decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:  # noqa: PLR2004
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def by_approach(results: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    """``results`` by (approach, N)."""
    return {(r["approach"], r["providers"]): r for r in results}


def headline_n(results: list[dict[str, Any]]) -> int:
    """N=1000 if measured, else the largest N."""
    sizes = {r["providers"] for r in results}
    return HEADLINE_N if HEADLINE_N in sizes else max(sizes)


def traced(result: dict[str, Any], point: str, key: str) -> float:
    """A tracemalloc figure per provider, if that approach was traced."""
    memory = result.get("tracemalloc_memory") or {}
    return float(memory.get(point, {}).get(key, math.nan))
