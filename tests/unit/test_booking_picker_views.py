"""The picker's buttons: days in rows of three with paging, times in rows of four, and the
repeated hour of a fall-back night told apart by its zone abbreviation."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardButton

from bot.booking.picker_views import days_keyboard, times_keyboard
from domain.booking.picker import times_on, week_page
from domain.booking.slots import SlotQuery, free_slots
from tests.unit.booking_support import HOUR, every_day, local

BERLIN = "Europe/Berlin"
BACK = InlineKeyboardButton("◀ Back", callback_data="back")


def _labels(rows: tuple[tuple[InlineKeyboardButton, ...], ...]) -> list[list[str]]:
    return [[b.text for b in row] for row in rows]


def test_a_fall_back_night_labels_the_repeated_hour_with_its_zone() -> None:
    availability = every_day("01:00-04:00", notice=timedelta(0), step_minutes=60)
    now = local(BERLIN, 2027, 10, 30, 12, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now))
    times = times_on(slots, BERLIN, date(2027, 10, 31))
    markup = times_keyboard(times, lambda t: f"t:{t:%H%M%z}", BACK)
    assert _labels(markup.inline_keyboard) == [
        ["01:00", "02:00 CEST", "02:00 CET", "03:00"],
        ["◀ Back"],
    ]


def test_days_come_in_rows_of_three_with_paging() -> None:
    availability = every_day("09:00-10:00", notice=timedelta(0))
    now = local(BERLIN, 2026, 11, 30, 0, 0)  # a Monday
    page = week_page(free_slots(availability, BERLIN, [], SlotQuery(HOUR, now)), BERLIN, now, 1)
    markup = days_keyboard(page, lambda d: f"d:{d:%Y%m%d}", lambda n: f"w:{n}", BACK)
    labels = _labels(markup.inline_keyboard)
    assert labels[0] == ["Mon 07 Dec", "Tue 08 Dec", "Wed 09 Dec"]
    assert labels[2] == ["Sun 13 Dec"] and labels[3] == ["◀", "▶"] and labels[4] == ["◀ Back"]
