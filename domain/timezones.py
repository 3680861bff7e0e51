"""IANA time zone validation and rendering helpers (stdlib zoneinfo only)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.errors import InvalidInput

COMMON_TIMEZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)


# Files in a zoneinfo directory that are not zones of the IANA database: the host's own
# setting, a placeholder zone and build leftovers. A zone stored here must load on any host.
_NOT_ZONES = frozenset({"localtime", "factory", "posixrules", "leapseconds", "leap-seconds.list"})
_NOT_ZONE_DIRS = ("posix/", "right/")


@lru_cache(maxsize=1)
def _known_zones() -> dict[str, str]:
    return {
        name.lower(): name
        for name in available_timezones()
        if name.lower() not in _NOT_ZONES and not name.startswith(_NOT_ZONE_DIRS)
    }


def parse_timezone(text: str) -> str:
    """Return the canonical IANA name for `text` (case-insensitive), or raise InvalidInput."""
    candidate = text.strip().replace(" ", "_")
    canonical = _known_zones().get(candidate.lower())
    if canonical is None:
        raise InvalidInput("timezone", "timezone_unknown", value=text.strip()[:64])
    try:
        ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - tzdata mismatch
        raise InvalidInput("timezone", "timezone_unloadable", value=canonical) from exc
    return canonical


def to_local(moment: datetime, timezone: str) -> datetime:
    """Convert an aware UTC datetime to the viewer's zone (DST-correct)."""
    return moment.astimezone(ZoneInfo(timezone))


def viewer_zone(own: str | None, coach: str, *, is_coach: bool = False) -> str:
    """The zone a viewer reads a coach's times in (rule 14): the coach sees their own zone;
    anyone else the zone they chose, else the coach's."""
    return coach if is_coach or not own else own
