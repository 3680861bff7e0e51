"""Time away, as arithmetic (pure): an absence is whole local days in the coach's zone;
it lasts from the first day's local midnight to the midnight after its last day, and a
time-limited package it touches is extended by its number of days, on the wall clock (an
expiry at 12:00 stays at 12:00 across a daylight-saving change). A paused package's clock
stops: resuming adds exactly the paused time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import DaysOff
from domain.booking.wallclock import day_bounds, first_instant, wall


def absence_days(away: DaysOff) -> int:
    """How many days the absence has (both ends included)."""
    return (away.last - away.first).days + 1


def absence_span(away: DaysOff, zone: str) -> tuple[datetime, datetime]:
    """[start, end) in UTC: local midnight of the first day to the one after the last."""
    tz = ZoneInfo(zone)
    start, _ = day_bounds(away.first, tz)
    _, end = day_bounds(away.last, tz)
    return start, end


def extended_by_days(expires_at: datetime, days: int, zone: str) -> datetime:
    """`days` later on the wall clock of `zone`, as a UTC instant (DST-correct)."""
    tz = ZoneInfo(zone)
    return first_instant(wall(expires_at, tz) + timedelta(days=days), tz)


def resumed_expiry(expires_at: datetime, paused_at: datetime, now: datetime) -> datetime:
    """The expiry after a pause from `paused_at` to `now`: the clock did not run."""
    return expires_at + max(now - paused_at, timedelta(0))
