"""The coach's `/availability`: read it, and change one thing at a time (each change is
checked against the rules in `availability` and saved at once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.booking.availability import (
    Availability,
    add_days_off,
    validate_day_ranges,
    validate_weekday,
)
from domain.booking.availability_text import (
    Setting,
    change_setting,
    parse_day_hours,
    parse_days_off,
)
from domain.booking.uow import BookingUnitOfWork
from domain.booking.week_text import Week
from domain.catalog.access import require_coach
from domain.errors import InvalidInput
from domain.model import Coach

Edit = Callable[[Availability], Availability]


async def get_availability(uow: BookingUnitOfWork, coach_id: int) -> tuple[Coach, Availability]:
    """The coach gets their working hours, days off and settings (and their zone)."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        return coach, await uow.availability.get(coach_id)


async def set_day_hours(
    uow: BookingUnitOfWork, coach_id: int, weekday: int, text: str
) -> Availability:
    """The coach sets one weekday's working hours ("09:00-12:00, 14:00-18:00" or "off")."""
    ranges = parse_day_hours(text)
    day = validate_weekday(weekday)
    return await _change(uow, coach_id, lambda a: replace(a, weekly={**a.weekly, day: ranges}))


async def add_days_off_text(
    uow: BookingUnitOfWork, coach_id: int, text: str, now: datetime
) -> Availability:
    """The coach adds a day or a range of days off (dates in their own zone)."""
    off = parse_days_off(text)
    async with uow:
        coach = await require_coach(uow, coach_id)
        await uow.bookings.lock_coach(coach_id)
        today = now.astimezone(ZoneInfo(coach.timezone)).date()
        updated = add_days_off(await uow.availability.get(coach_id), off, today)
        await uow.availability.save(updated)
        await uow.commit()
    return updated


async def remove_days_off(
    uow: BookingUnitOfWork, coach_id: int, first: date, last: date
) -> Availability:
    """The coach removes one days-off range (it may already be gone: then nothing changes)."""
    return await _change(
        uow,
        coach_id,
        lambda a: replace(
            a, days_off=tuple(d for d in a.days_off if (d.first, d.last) != (first, last))
        ),
    )


async def change_booking_setting(
    uow: BookingUnitOfWork, coach_id: int, setting: str, text: str
) -> Availability:
    """The coach changes notice, horizon, buffer, slot step or cancellation window."""
    try:
        which = Setting(setting)
    except ValueError as exc:
        raise InvalidInput("setting", "setting_unknown") from exc
    return await _change(
        uow, coach_id, lambda a: replace(a, settings=change_setting(a.settings, which, text))
    )


async def _change(uow: BookingUnitOfWork, coach_id: int, edit: Edit) -> Availability:
    async with uow:
        await require_coach(uow, coach_id)
        await uow.bookings.lock_coach(coach_id)  # read-change-write: no lost update
        updated = edit(await uow.availability.get(coach_id))
        await uow.availability.save(updated)
        await uow.commit()
    return updated


async def set_week_hours(uow: BookingUnitOfWork, coach_id: int, week: Week) -> Availability:
    """The coach sets the hours of several weekdays at once (a typed week, confirmed); the
    days not named keep theirs."""
    checked = {validate_weekday(day): validate_day_ranges(list(r)) for day, r in week.items()}
    return await _change(uow, coach_id, lambda a: replace(a, weekly={**a.weekly, **checked}))
