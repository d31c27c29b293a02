"""Home Assistant's own integrations a user could poll status pages with: feedreader and rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchmarks.hass import Hass, set_up

if TYPE_CHECKING:
    from homeassistant.core import Event


class FeedReader(Hass):
    """Home Assistant's feedreader: one config entry per page's history.atom."""

    name = "feedreader"
    components = ("event",)
    platform_modules = (
        "homeassistant.components.feedreader",
        "homeassistant.components.feedreader.event",
    )

    def entries(self) -> list[dict[str, Any]]:
        """What feedreader's config flow stores."""
        return [
            {
                "domain": "feedreader",
                "title": f"Provider {page['n']} Status - Incident History",
                "unique_id": self.url(page, "atom"),
                "data": {"url": self.url(page, "atom")},
                "options": {"max_entries": 20},
            }
            for page in self.pages
        ]

    def _coordinators(self) -> list[Any]:
        entries = self.h.config_entries.async_entries("feedreader")
        return [e.runtime_data for e in entries if hasattr(e, "runtime_data")]

    async def setup(self) -> None:
        """Set up the domain with all its stored entries."""
        from homeassistant.core import callback  # noqa: PLC0415

        hass = self.h
        await set_up(hass, "feedreader", {})
        await hass.async_block_till_done()
        await self.all_set_up("feedreader")
        n_by_url = {self.url(page, "atom"): page["n"] for page in self.pages}

        @callback
        def on_event(event: Event[dict[str, Any]]) -> None:
            self.event_seen(n_by_url[event.data["feed_url"]])

        hass.bus.async_listen("feedreader", on_event)
        await self.started()


class Rest(Hass):
    """Home Assistant's rest integration: one resource + sensor per page's summary.json."""

    name = "rest"
    components = ("sensor",)
    platform_modules = ("homeassistant.components.rest", "homeassistant.components.rest.sensor")

    async def setup(self) -> None:
        """What a user's YAML would hold, once per page."""
        hass = self.h
        resources = [
            {
                "resource": self.url(page, "summary"),
                # Rounds are driven explicitly; an hour keeps the resources' own timers out.
                "scan_interval": 3600,
                "timeout": 20,
                "sensor": [
                    {
                        "name": f"Provider {page['n']} status",
                        "value_template": "{{ value_json.status.indicator }}",
                        "json_attributes": ["status", "incidents"],
                    }
                ],
            }
            for page in self.pages
        ]
        await set_up(hass, "rest", {"rest": resources})
        await hass.async_block_till_done()
        await self.started()

    def _coordinators(self) -> list[Any]:
        from homeassistant.components.rest.const import COORDINATOR, DOMAIN  # noqa: PLC0415

        coordinators: list[Any] = self.h.data[DOMAIN][COORDINATOR]
        return coordinators
