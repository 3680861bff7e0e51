"""A week typed in one message: day names and ranges of days, several lines, the hours one
day takes; every refusal names its line and is worded."""

from __future__ import annotations

import pytest

from bot.kit.reasons import reason
from domain.booking.availability import TimeRange
from domain.booking.coach_availability import get_availability, set_day_hours, set_week_hours
from domain.booking.week_text import parse_week
from domain.errors import InvalidInput
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.fakes import seed_coach

MORNING, AFTERNOON = TimeRange(540, 720), TimeRange(840, 1080)


def test_a_range_of_weekdays_takes_the_same_hours() -> None:
    week = parse_week("Mon-Fri 09:00-12:00, 14:00-18:00")
    assert week == {day: (MORNING, AFTERNOON) for day in range(5)}


def test_several_lines_lists_full_names_and_off() -> None:
    week = parse_week("monday to wednesday: 9-12\n\n Thu, Sat 10:00-14:00\nSunday off")
    assert week == {
        0: (MORNING,),
        1: (MORNING,),
        2: (MORNING,),
        3: (TimeRange(600, 840),),
        5: (TimeRange(600, 840),),
        6: (),
    }


def test_a_range_may_wrap_over_the_weekend() -> None:
    assert sorted(parse_week("Fri-Mon 10-11")) == [0, 4, 5, 6]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("Mon-Fri 9-12\nFri 14-18", "week_day_twice", 2),
        ("Mon, Mon 9-12", "week_day_twice", 1),
        ("Mon 9-12\nFunday 9-12", "week_day_unknown", 2),
        ("Mon", "week_line_unreadable", 1),
        ("9-12 Mon", "week_line_unreadable", 1),
        ("Tue 14-12", "hours_backwards", 1),
        ("Mon 9-12\nTue 9-12, 11-13", "hours_overlap", 2),
        ("Wed 9 to noon", "hours_range_unreadable", 1),
    ],
)
def test_a_bad_line_is_refused_naming_its_line(text: str, code: str, line: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_week(text)
    assert caught.value.code == code and caught.value.values["line"] == line
    assert reason(caught.value)  # worded at the edge


def test_empty_and_overlong_weeks_are_refused() -> None:
    for text, code in (("  \n ", "week_empty"), ("Mon 9-10\n" * 15, "week_too_many_lines")):
        with pytest.raises(InvalidInput) as caught:
            parse_week(text)
        assert caught.value.code == code and reason(caught.value)


async def test_setting_a_week_changes_only_the_days_named() -> None:
    uow = BookingFakeUnitOfWork()
    seed_coach(uow, 5)
    await set_day_hours(uow, 5, 6, "10-11")
    await set_week_hours(uow, 5, parse_week("Mon-Tue 9-12\nSat off"))
    _, availability = await get_availability(uow, 5)
    assert availability.weekly == {0: (MORNING,), 1: (MORNING,), 5: (), 6: (TimeRange(600, 660),)}


async def test_a_forged_week_is_checked_again_when_saved() -> None:
    uow = BookingFakeUnitOfWork()
    seed_coach(uow, 5)
    with pytest.raises(InvalidInput):
        await set_week_hours(uow, 5, {0: (TimeRange(600, 540),)})
    with pytest.raises(InvalidInput):
        await set_week_hours(uow, 5, {9: (MORNING,)})
