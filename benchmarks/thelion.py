"""TheLion's "StatusPage Monitor" (domain ``statuspage_monitor``) as a benchmark approach.

It is the HACS integration people pick instead of ours (issue #14). Its code is never part of
this repository: the user names a checkout of its public repository
(https://github.com/TheLion/statuspage-HA) with ``--thelion PATH``, and that checkout's
``custom_components`` directory joins the import path of the worker process only.
``custom_components`` has no ``__init__.py`` here, so Python merges both directories into one
namespace package and Home Assistant's loader finds both integrations in it.

How it is configured (read from its code): one config entry per page, made by its config flow
from the page's base URL (its provider is auto-detected; Atlassian pages are
``statuspage_io``). The entry stores ``data = {url, provider, scan_interval}`` (later
versions add ``page_name`` and, for some providers, ``provider_meta``; older ones ignore the
extra key, so the benchmark stores ``page_name`` too), ``scan_interval`` 60 s by default
(30-3600), and ``unique_id = url.lower()``; the options flow stores only ``scan_interval``.
Each entry gets a ``DataUpdateCoordinator`` whose refresh is an unconditional GET of
``{url}/api/v2/summary.json`` (no ETag / Last-Modified), ``resp.json()``, and a mapping into
dataclasses; entities: overall status, active incidents, scheduled maintenances, and one
sensor per component. ``always_update`` is left on, so every poll has every entity write its
state (Home Assistant then drops the unchanged ones). The coordinator takes its config entry
from set-up's context, so the benchmark's "polling off" preference holds for it too: its own
timers never poll during the measured rounds.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from benchmarks.hass import Hass, set_up

if TYPE_CHECKING:
    from pathlib import Path

DOMAIN = "statuspage_monitor"
REPOSITORY = "https://github.com/TheLion/statuspage-HA"
# The user's checkout, for run.py's message and the worker's --help.
USAGE = f"--thelion PATH (a checkout of {REPOSITORY})"


def component_dir(checkout: Path) -> Path:
    """Where the integration lives in a checkout of its repository."""
    return checkout / "custom_components" / DOMAIN


def manifest(checkout: Path) -> dict[str, Any]:
    """Its manifest.json; ValueError if ``checkout`` is not a checkout of it."""
    path = component_dir(checkout) / "manifest.json"
    if not path.is_file():
        msg = f"no custom_components/{DOMAIN}/manifest.json under the --thelion path"
        raise ValueError(msg)
    data: dict[str, Any] = json.loads(path.read_text())
    if data.get("domain") != DOMAIN:
        msg = f"the --thelion checkout's manifest is not {DOMAIN}'s"
        raise ValueError(msg)
    return data


def missing_requirements(checkout: Path) -> list[str]:
    """Its manifest's requirements that are not installed (the worker installs nothing)."""
    missing = []
    for requirement in manifest(checkout).get("requirements", []):
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(requirement)
    return missing


def describe(checkout: Path) -> dict[str, str]:
    """Which version was measured (never the path: results are shared)."""
    info = {"version": str(manifest(checkout).get("version", "unknown"))}
    try:
        head = subprocess.run(  # noqa: S603  # fixed arguments; the user's own checkout
            ["git", "-C", str(checkout), "rev-parse", "HEAD"],  # noqa: S607  # git on PATH
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        info["commit"] = head.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        info["commit"] = "unknown (not a git checkout)"
    return info


def mount(checkout: Path) -> None:
    """Make ``custom_components.statuspage_monitor`` importable from the checkout."""
    manifest(checkout)
    path = str(checkout.resolve())
    if path not in sys.path:
        # Appended, not inserted: our own custom_components (the working directory) stays first.
        sys.path.append(path)


class TheLion(Hass):
    """StatusPage Monitor: N config entries, as its config flow creates them."""

    name = "thelion"
    components = ("sensor",)
    platform_modules = (f"custom_components.{DOMAIN}", f"custom_components.{DOMAIN}.sensor")

    def entries(self) -> list[dict[str, Any]]:
        """What its config flow stores for an Atlassian page at the default interval."""
        specs = []
        for page in self.pages:
            url = f"http://127.0.0.1:{page['port']}/p/{page['n']}"
            name = f"Provider {page['n']}"
            specs.append({
                "domain": DOMAIN,
                "title": name,
                "unique_id": url.lower(),
                "data": {
                    "url": url,
                    "provider": "statuspage_io",
                    "page_name": name,
                    "scan_interval": 60,
                },
                "options": {},
            })  # fmt: skip
        return specs

    def _coordinators(self) -> list[Any]:
        # Its set-up keeps each entry's coordinator in hass.data[DOMAIN][entry_id].
        coordinators: dict[str, Any] = self.h.data.get(DOMAIN, {})
        return list(coordinators.values())

    async def setup(self) -> None:
        """Set up the domain: Home Assistant sets up all stored entries concurrently."""
        hass = self.h
        await set_up(hass, DOMAIN, {})
        await hass.async_block_till_done()
        await self.all_set_up(DOMAIN)
        await self.started()
