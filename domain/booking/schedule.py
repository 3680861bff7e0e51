"""The coach's `/schedule`: their sessions a local week at a time, by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.booking.model import ScheduleEntry
from domain.booking.uow import BookingUnitOfWork
from domain.booking.wallclock import WEEKS_AHEAD_MAX, first_instant
from domain.catalog.access import require_coach


@dataclass(frozen=True)
class ScheduleWeek:
    """Week `week` (0 = the current local week, Monday first) of the coach's sessions."""

    week: int
    monday: date
    zone: str
    days: tuple[tuple[date, tuple[ScheduleEntry, ...]], ...]
    has_previous: bool
    has_next: bool


async def coach_schedule(
    uow: BookingUnitOfWork, coach_id: int, week: int, now: datetime
) -> ScheduleWeek:
    """The coach gets one local week of their active sessions, grouped by day."""
    week = min(max(week, 0), WEEKS_AHEAD_MAX)
    async with uow:
        coach = await require_coach(uow, coach_id)
        zone = ZoneInfo(coach.timezone)
        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week)
        start = first_instant(datetime.combine(monday, time()), zone)
        end = first_instant(datetime.combine(monday + timedelta(weeks=1), time()), zone)
        entries = await uow.bookings.schedule(coach_id, start, end)
        later = await uow.bookings.schedule(coach_id, end, end + timedelta(days=366), limit=1)
    by_day: dict[date, list[ScheduleEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.booking.starts_at.astimezone(zone).date(), []).append(entry)
    days = tuple((day, tuple(found)) for day, found in sorted(by_day.items()))
    has_next = bool(later) and week < WEEKS_AHEAD_MAX
    return ScheduleWeek(week, monday, coach.timezone, days, week > 0, has_next)


async def coach_session(
    uow: BookingUnitOfWork, coach_id: int, booking_id: int
) -> ScheduleEntry | None:
    """One of the coach's sessions (any status) with its package and client, or None."""
    async with uow:
        entry = await uow.bookings.entry(booking_id)
    if entry is None or entry.booking.coach_id != coach_id:
        return None
    return entry
