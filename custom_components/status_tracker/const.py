"""Constants of the Status Page Tracker integration."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "status_tracker"
LOGGER = logging.getLogger(__package__)

# The bus event fired once per new incident update (named by the product spec).
EVENT_INCIDENT: Final = "status_incident"
# Fired instead, once, for a new incident the hold-down dropped (resolved while young).
EVENT_SUPPRESSED: Final = "status_incident_suppressed"
# Fired once per incident when an integration depending on the page's cloud fails meanwhile.
EVENT_LINKED_FAILURE: Final = "status_linked_failure"

CONF_SOURCE: Final = "source"
CONF_ENDPOINTS: Final = "endpoints"
CONF_COMPONENTS: Final = "components"
CONF_MIN_IMPACT: Final = "min_impact"
# Scope and noise (all off by default, so an entry without them behaves as before).
CONF_SCOPE: Final = "scope"  # component or group ids the entities look at
CONF_REGIONS: Final = "regions"  # region codes followed, by events and entities
CONF_PROBLEM_LEVEL: Final = "problem_level"  # "degraded" or "outage"
CONF_PROBLEM_MAINTENANCE: Final = "problem_maintenance"
CONF_PROBLEM_UNKNOWN: Final = "problem_unknown"
CONF_HOLD_DOWN: Final = "hold_down"  # minutes a new incident is held back, 0: off
CONF_HOLD_DOWN_BYPASS: Final = "hold_down_bypass"  # impact that fires a blip anyway, or "never"

DEFAULT_SCAN_INTERVAL: Final = timedelta(minutes=5)
MIN_SCAN_INTERVAL: Final = timedelta(seconds=60)
# A page answering 404/410 this long is reported as gone (a repair issue).
GONE_AFTER: Final = timedelta(hours=24)
# A chosen component missing from the page this long (over successful polls) loses its
# entity; a shorter absence (a flaky document) keeps it, with the user's customisations.
COMPONENT_GONE_AFTER: Final = timedelta(hours=24)
# Backoff after failures doubles the interval up to this.
MAX_BACKOFF: Final = timedelta(minutes=30)
# First polls of restored entries are spread over this window, so 100+ pages don't poll at once.
START_JITTER: Final = timedelta(seconds=30)
# Entries set up at once (an entry with nothing stored polls during its set-up): at a start
# with hundreds, never hundreds of store reads, polls or entity sets in one turn of the loop.
SETUPS_AT_ONCE: Final = 8

# Attributes are capped so a page with many open incidents stays far below the recorder's 16 KiB.
MAX_ATTR_INCIDENTS: Final = 10
MAX_ATTR_TEXT: Final = 255
MAX_ATTR_COMPONENTS: Final = 10
# Event bodies: 4,000 characters are at most 16 KiB of UTF-8, half the recorder's event limit.
MAX_EVENT_BODY: Final = 4000
