"""The same time every week: a 1:1 time picked once, repeated weekly for N weeks (no more
than the sessions left, up to the last bookable time: expiry and horizon), booked all in one
transaction or not at all. The weeks that are not free are named; the person may book the
free ones. Each session is its own booking, so cancelling one leaves the others.

"The same time" is the coach's wall clock (their working hours are), DST-correct."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.access import Access, holding
from domain.booking.errors import WeeksNotFree
from domain.booking.model import OneToOne, SessionBooking
from domain.booking.redeem import book_one_to_one, item_slots
from domain.booking.reminding import replan_after
from domain.booking.uow import BookingUnitOfWork
from domain.booking.wallclock import first_instant, wall
from domain.errors import InvalidInput, NotFound
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.model import SoldPackage

MAX_WEEKS = 12


def weekly_starts(first: datetime, count: int, coach_zone: str) -> list[datetime]:
    """`count` starts a week apart at the wall-clock time of `first` in the coach's zone."""
    zone = ZoneInfo(coach_zone)
    reading = wall(first, zone)
    return [first] + [first_instant(reading + timedelta(weeks=n), zone) for n in range(1, count)]


def most_weeks(first: datetime, left: int, free: list[datetime], coach_zone: str) -> int:
    """The most weeks one may ask for from `first`: the sessions left, MAX_WEEKS, and only
    weeks up to the last free time (after it the package expires or the horizon ends)."""
    if not free or left <= 0:
        return 0
    last = max(free)
    reachable = [s for s in weekly_starts(first, MAX_WEEKS, coach_zone) if s <= last]
    return min(left, len(reachable))


@dataclass(frozen=True)
class WeeklyPlan:
    """The weeks asked for, in order, and which of them are free now."""

    starts: tuple[datetime, ...]
    free: frozenset[datetime]

    @property
    def free_starts(self) -> list[datetime]:
        return [s for s in self.starts if s in self.free]

    @property
    def not_free(self) -> list[datetime]:
        return [s for s in self.starts if s not in self.free]


def plan_weeks(first: datetime, weeks: int, free: list[datetime], coach_zone: str) -> WeeklyPlan:
    """`weeks` weekly starts from `first` and which are free among `free`."""
    starts = tuple(weekly_starts(first, weeks, coach_zone))
    return WeeklyPlan(starts, frozenset(free) & frozenset(starts))


def chosen_weeks(first: datetime, mask: int, coach_zone: str) -> list[datetime]:
    """The weekly starts whose bit is set in `mask` (bit n: n weeks after `first`)."""
    if not 0 < mask < 2**MAX_WEEKS:
        raise InvalidInput("weeks", "weeks_out_of_range", limit=MAX_WEEKS)
    every = weekly_starts(first, MAX_WEEKS, coach_zone)
    return [start for n, start in enumerate(every) if mask >> n & 1]


def weeks_mask(first: datetime, starts: list[datetime], coach_zone: str) -> int:
    """`chosen_weeks`'s inverse: the bits of `starts` among the weeks from `first`."""
    every = weekly_starts(first, MAX_WEEKS, coach_zone)
    return sum(1 << every.index(start) for start in starts if start in every)


async def book_weeks(
    uow: BookingUnitOfWork,
    access: Access,
    entitlement_id: int,
    first: datetime,
    mask: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> list[SessionBooking]:
    """The holder books one 1:1 session, one unit each, at each of the weeks `mask` chooses
    from `first` (on the coach's wall clock, read here), inside the caller's open unit of
    work: if any is not free, WeeksNotFree names them and nothing is booked."""
    package = await holding(uow, access, lock=True)
    coach = await uow.coaches.get(package.coach_id)
    if coach is None:
        raise NotFound("coach")
    starts = chosen_weeks(first, mask, coach.timezone)
    return await _book_starts(uow, package, entitlement_id, starts, now, reminders)


async def _book_starts(
    uow: BookingUnitOfWork,
    package: SoldPackage,
    entitlement_id: int,
    starts: list[datetime],
    now: datetime,
    reminders: ReminderOffsets | None,
) -> list[SessionBooking]:
    if not 0 < len(starts) <= MAX_WEEKS or len(set(starts)) != len(starts):
        raise InvalidInput("weeks", "weeks_out_of_range", limit=MAX_WEEKS)
    await uow.bookings.lock_coach(package.coach_id)
    free = set(await item_slots(uow, package, entitlement_id, now))
    taken = tuple(start for start in starts if start not in free)
    if taken:
        raise WeeksNotFree(taken)
    booked = []
    for start in sorted(starts):  # each write is the guarantee: any refusal undoes all
        booking = await book_one_to_one(uow, package, OneToOne(entitlement_id, start), now)
        await replan_after(uow, reminders, booking, package.client_id, now)
        booked.append(booking)
    return booked
