"""Small builders for the booking unit tests: availability from readable hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import Availability, BookingSettings, TimeRange


def hours(text: str) -> TimeRange:
    """ "09:00-12:00" → TimeRange (24:00 allowed as an end)."""
    start, end = (part.strip() for part in text.split("-"))
    return TimeRange(_minutes(start), _minutes(end))


def _minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


def every_day(*ranges: str, **settings: object) -> Availability:
    """The same working hours on all seven weekdays."""
    parsed = tuple(hours(r) for r in ranges)
    return Availability(
        coach_id=1,
        weekly=dict.fromkeys(range(7), parsed),
        settings=BookingSettings(**settings),  # type: ignore[arg-type]
    )


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def local(zone: str, *parts: int) -> datetime:
    """An existing local wall time as aware UTC."""
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # type: ignore[misc]


def readings(slots: list[datetime], zone: str) -> list[str]:
    """Slots as the local reading with offset, e.g. '2027-03-28 03:00+02:00'."""
    return [s.astimezone(ZoneInfo(zone)).isoformat(" ", "minutes") for s in slots]


HOUR = timedelta(hours=1)
