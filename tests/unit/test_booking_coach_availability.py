"""The coach's availability use cases: one change at a time, saved at once, bad input
changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.booking.availability import DaysOff, TimeRange
from domain.booking.coach_availability import (
    add_days_off_text,
    change_booking_setting,
    get_availability,
    remove_days_off,
    set_day_hours,
)
from domain.errors import InvalidInput, NotACoach
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.fakes import seed_coach
from tests.unit.worded import refused

COACH = 5
# 23:30 UTC on 31 Dec is already 1 January in Auckland, the coach's zone.
NOW = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> BookingFakeUnitOfWork:
    uow = BookingFakeUnitOfWork()
    seed_coach(uow, COACH, timezone="Pacific/Auckland")
    return uow


async def test_a_new_coach_has_no_hours_and_the_default_settings(
    uow: BookingFakeUnitOfWork,
) -> None:
    coach, availability = await get_availability(uow, COACH)
    assert coach.timezone == "Pacific/Auckland" and not availability.works_at_all()
    assert availability.settings.step_minutes == 30


async def test_hours_are_set_per_weekday_and_off_clears_them(uow: BookingFakeUnitOfWork) -> None:
    await set_day_hours(uow, COACH, 0, "09:00-12:00, 14:00-18:00")
    await set_day_hours(uow, COACH, 4, "10-11")
    _, availability = await get_availability(uow, COACH)
    assert availability.ranges_on(0) == (TimeRange(540, 720), TimeRange(840, 1080))
    await set_day_hours(uow, COACH, 0, "off")
    _, availability = await get_availability(uow, COACH)
    assert availability.ranges_on(0) == () and availability.ranges_on(4) == (TimeRange(600, 660),)


async def test_bad_hours_or_weekday_change_nothing(uow: BookingFakeUnitOfWork) -> None:
    await set_day_hours(uow, COACH, 0, "09:00-12:00")
    with pytest.raises(InvalidInput):
        await set_day_hours(uow, COACH, 0, "12:00-09:00")
    with pytest.raises(InvalidInput):
        await set_day_hours(uow, COACH, 7, "09:00-12:00")
    _, availability = await get_availability(uow, COACH)
    assert availability.weekly == {0: (TimeRange(540, 720),)}


async def test_days_off_use_the_coachs_today(uow: BookingFakeUnitOfWork) -> None:
    with refused(match="already over"):
        await add_days_off_text(uow, COACH, "31.12.2026", NOW)  # over in Auckland
    await add_days_off_text(uow, COACH, "1.1.2027 - 3.1.2027", NOW)
    _, availability = await get_availability(uow, COACH)
    assert availability.days_off == (DaysOff(date(2027, 1, 1), date(2027, 1, 3)),)
    await remove_days_off(uow, COACH, date(2027, 1, 1), date(2027, 1, 3))
    assert (await get_availability(uow, COACH))[1].days_off == ()


async def test_settings_change_one_at_a_time(uow: BookingFakeUnitOfWork) -> None:
    await change_booking_setting(uow, COACH, "notice", "2d")
    await change_booking_setting(uow, COACH, "buffer", "15")
    _, availability = await get_availability(uow, COACH)
    assert availability.settings.notice == timedelta(days=2)
    assert availability.settings.buffer_minutes == 15
    with pytest.raises(InvalidInput):
        await change_booking_setting(uow, COACH, "colour", "blue")
    with pytest.raises(InvalidInput):
        await change_booking_setting(uow, COACH, "step", "3")
    assert (await get_availability(uow, COACH))[1].settings.step_minutes == 30


async def test_only_coaches_have_availability(uow: BookingFakeUnitOfWork) -> None:
    with pytest.raises(NotACoach):
        await set_day_hours(uow, COACH + 1, 0, "09:00-12:00")
