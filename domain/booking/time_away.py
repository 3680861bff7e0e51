"""The vacation button: a coach declares dates away. Those days take no bookings (they
join the days off), the sessions already booked inside them are listed for the coach to
move or cancel, and every active time-limited sold package that the absence touches is
extended by its number of days, in one transaction, once per absence (declaring the same
dates again extends nothing). Each client is to be told once, with their new expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.booking.absence import absence_days, absence_span, extended_by_days
from domain.booking.availability import DaysOff
from domain.booking.availability_text import parse_days_off
from domain.booking.coach_availability import with_days_off
from domain.booking.model import ScheduleEntry
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.access import require_coach
from domain.model import Coach
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.desk import Reader, readers_of
from domain.selling.model import EventKind, SaleEvent, SoldPackage


@dataclass(frozen=True)
class AwayPlan:
    """What declaring `away` would do: its days, the packages to extend, the sessions
    booked inside it (times for the coach, in `zone`)."""

    away: DaysOff
    days: int
    zone: str
    packages: int
    sessions: tuple[ScheduleEntry, ...]


@dataclass(frozen=True)
class Extended:
    """One sold package with its new expiry, and whom to tell."""

    sold: SoldPackage
    readers: tuple[Reader, ...]


@dataclass(frozen=True)
class Away:
    """The absence as declared: `new` False when those dates were declared before."""

    plan: AwayPlan
    new: bool
    extended: tuple[Extended, ...]
    coach: Coach


async def plan_absence(
    uow: BookingUnitOfWork, coach_id: int, text: str, now: datetime
) -> AwayPlan:
    """The coach types dates away and sees what declaring them would do; nothing changes."""
    away = parse_days_off(text)
    async with uow:
        coach = await require_coach(uow, coach_id)
        await with_days_off(uow, coach, away, now)  # the same checks as declaring
        return await _plan(uow, coach, away, now)


async def declare_absence(
    uow: BookingUnitOfWork,
    coach_id: int,
    first: date,
    last: date,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Away:
    """The coach is away from `first` to `last`: days off added, packages extended once."""
    away = DaysOff(first, last)
    async with uow:
        coach = await require_coach(uow, coach_id)
        await uow.bookings.lock_coach(coach_id)
        await uow.availability.save(await with_days_off(uow, coach, away, now))
        start, _ = absence_span(away, coach.timezone)
        touched = await uow.sold.running_out_after(coach_id, start, now)
        new = await uow.availability.add_absence(coach_id, first, last, now, len(touched))
        extended = []
        for sold in touched if new else []:
            done = await _extend(uow, coach, sold, absence_days(away), now, reminders)
            if done is not None:
                extended.append(done)
        plan = await _plan(uow, coach, away, now, len(extended))
        await uow.commit()
    return Away(plan, new, tuple(extended), coach)


async def _extend(
    uow: BookingUnitOfWork,
    coach: Coach,
    sold: SoldPackage,
    days: int,
    now: datetime,
    reminders: ReminderOffsets | None,
) -> Extended | None:
    old = sold.expires_at
    assert old is not None, "only time-limited packages run out"
    later = extended_by_days(old, days, coach.timezone)
    if not await uow.sold.set_expiry(sold.stored_id, old, later):
        return None
    sold.expires_at = later
    await uow.sold.add_event(SaleEvent(sold.stored_id, EventKind.ABSENCE, now, expires_at=later))
    if reminders is not None:
        await replan_package_reminders(uow, sold.stored_id, now, reminders.expiry)
    return Extended(sold, await readers_of(uow, sold, coach))


async def _plan(
    uow: BookingUnitOfWork, coach: Coach, away: DaysOff, now: datetime, packages: int = -1
) -> AwayPlan:
    start, end = absence_span(away, coach.timezone)
    if packages < 0:
        packages = len(await uow.sold.running_out_after(coach.user_id, start, now))
    sessions = tuple(await uow.bookings.schedule(coach.user_id, max(start, now), end))
    return AwayPlan(away, absence_days(away), coach.timezone, packages, sessions)
