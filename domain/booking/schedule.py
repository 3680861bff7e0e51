"""The coach's `/schedule`: their sessions a local week at a time, by day, with their
series' dates of that week (booked or not), and what the coach may do with a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.booking.access import ByCoach
from domain.booking.holder import MoveChoices
from domain.booking.manage import move_options_in
from domain.booking.model import GroupDate, ScheduleEntry, SessionBooking
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import InLine
from domain.booking.waitlist_offers import line_of_date
from domain.booking.wallclock import WEEKS_AHEAD_MAX, first_instant
from domain.catalog.access import require_coach
from domain.catalog.rules import DURATION_MAX
from domain.errors import NotFound
from domain.model import Coach

_LONGEST = timedelta(minutes=DURATION_MAX)


@dataclass(frozen=True)
class ScheduleWeek:
    """Week `week` (0 = the current local week, Monday first) of the coach's sessions;
    `group_dates` are the week's dates of the coach's series, whether booked or not, and
    `dates_later` whether any come after the week; `carried` and `carried_dates` are the
    sessions and dates that start before the week and run on into its Monday (a Sunday
    night's), which a grid shows at the week's top, and `runs_on` whether one of the week's
    runs on into the next week's Monday (so a grid has that week to show)."""

    week: int
    monday: date
    zone: str
    days: tuple[tuple[date, tuple[ScheduleEntry, ...]], ...]
    has_previous: bool
    has_next: bool
    group_dates: tuple[GroupDate, ...] = ()
    dates_later: bool = False
    carried: tuple[ScheduleEntry, ...] = ()
    carried_dates: tuple[GroupDate, ...] = ()
    runs_on: bool = False


async def coach_schedule(
    uow: BookingUnitOfWork, coach_id: int, week: int, now: datetime
) -> ScheduleWeek:
    """The coach gets one local week of their active sessions, grouped by day, and the
    week's dates of their series."""
    week = min(max(week, 0), WEEKS_AHEAD_MAX)
    async with uow:
        coach = await require_coach(uow, coach_id)
        zone = ZoneInfo(coach.timezone)
        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week)
        start = first_instant(datetime.combine(monday, time()), zone)
        end = first_instant(datetime.combine(monday + timedelta(weeks=1), time()), zone)
        # from the longest a session lasts before the week: what runs on into its Monday
        entries = await uow.bookings.schedule(coach_id, start - _LONGEST, end)
        later = await uow.bookings.schedule(coach_id, end, end + timedelta(days=366), limit=1)
        dates = await uow.bookings.group_dates(coach_id, start - _LONGEST, end)
        dates_later = await uow.bookings.group_dates(
            coach_id, end, end + timedelta(days=366), limit=1
        )
    by_day: dict[date, list[ScheduleEntry]] = {}
    for entry in entries:
        if entry.booking.starts_at >= start:
            by_day.setdefault(entry.booking.starts_at.astimezone(zone).date(), []).append(entry)
    days = tuple((day, tuple(found)) for day, found in sorted(by_day.items()))
    has_next = bool(later) and week < WEEKS_AHEAD_MAX
    ahead = bool(dates_later) and week < WEEKS_AHEAD_MAX
    ends = [e.booking.ends_at for e in entries] + [d.ends_at for d in dates]
    runs_on = week < WEEKS_AHEAD_MAX and any(end < last for last in ends)
    return ScheduleWeek(
        week,
        monday,
        coach.timezone,
        days,
        week > 0,
        has_next,
        tuple(d for d in dates if d.starts_at >= start),
        ahead,
        tuple(e for e in entries if e.booking.starts_at < start < e.booking.ends_at),
        tuple(d for d in dates if d.starts_at < start < d.ends_at),
        runs_on,
    )


@dataclass(frozen=True)
class CoachSession:
    """One of the coach's sessions as /schedule shows it: the coach (their zone is the
    screen's), the session with its package and client, and who waits for its date (a group
    date; none for a 1:1 session)."""

    coach: Coach
    entry: ScheduleEntry
    line: tuple[InLine, ...] = ()


async def session_view(uow: BookingUnitOfWork, coach_id: int, booking_id: int) -> CoachSession:
    """The coach sees one of their sessions (any status) and who waits for its date, in one
    read; NotACoach for anyone else, NotFound for another coach's session."""
    async with uow:
        return await session_in(uow, coach_id, booking_id)


async def session_in(uow: BookingUnitOfWork, coach_id: int, booking_id: int) -> CoachSession:
    """`session_view` inside the caller's open unit of work."""
    coach = await require_coach(uow, coach_id)
    entry = await _own_entry(uow, coach_id, booking_id)
    if entry is None:
        raise NotFound()
    occurrence = entry.booking.occurrence_id
    line = [] if occurrence is None else await line_of_date(uow, coach_id, occurrence)
    return CoachSession(coach, entry, tuple(line))


async def _own_entry(
    uow: BookingUnitOfWork, coach_id: int, booking_id: int
) -> ScheduleEntry | None:
    entry = await uow.bookings.entry(booking_id)
    if entry is None or entry.booking.coach_id != coach_id:
        return None
    return entry


def coach_may_move(booking: SessionBooking, now: datetime) -> bool:
    """Whether the coach is offered to move a session: an active 1:1 one not yet begun."""
    return booking.is_active and booking.occurrence_id is None and now < booking.starts_at


@dataclass(frozen=True)
class CoachMoveChoices(MoveChoices):
    """`MoveChoices` of one of the coach's sessions, with its package and client."""

    entry: ScheduleEntry


async def coach_move_choices(
    uow: BookingUnitOfWork, coach_id: int, booking_id: int, now: datetime
) -> CoachMoveChoices:
    """The coach gets the free times one of their 1:1 sessions could move to, in their
    zone, in one read (the chat's move use case; another coach's session is NotFound)."""
    async with uow:
        found = await session_in(uow, coach_id, booking_id)
        access = ByCoach(coach_id, found.entry.booking.sold_package_id)
        booking, starts = await move_options_in(uow, access, booking_id, now)
    return CoachMoveChoices(booking, found.coach.timezone, starts, found.entry)
