"""The picker groups free slots by the viewer's local days and weeks (client far away)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.booking.availability import Availability
from domain.booking.picker import (
    MAX_WEEK,
    first_week_with_slots,
    month_days,
    times_on,
    week_page,
)
from domain.booking.slots import SlotQuery, free_slots
from tests.unit.booking_support import HOUR, hours, local

BERLIN, AUCKLAND = "Europe/Berlin", "Pacific/Auckland"


def _evening_coach() -> Availability:
    """Works Sunday and Monday evenings in Berlin."""
    return Availability(1, {6: (hours("20:00-22:00"),), 0: (hours("20:00-22:00"),)})


def test_client_in_auckland_sees_the_coachs_evening_as_next_morning() -> None:
    now = local(BERLIN, 2026, 11, 26, 9, 0)  # Thursday
    slots = free_slots(_evening_coach(), BERLIN, [], SlotQuery(HOUR, now))
    monday_evening = [t.strftime("%H:%M") for t in times_on(slots, BERLIN, date(2026, 11, 30))]
    tuesday_morning = [t.strftime("%H:%M") for t in times_on(slots, AUCKLAND, date(2026, 12, 1))]
    assert monday_evening == ["20:00", "20:30", "21:00"]
    assert tuesday_morning == ["08:00", "08:30", "09:00"]  # Berlin +1, Auckland +13


def test_a_coachs_sunday_falls_into_the_clients_next_week() -> None:
    now = local(BERLIN, 2026, 11, 26, 9, 0)
    slots = free_slots(_evening_coach(), BERLIN, [], SlotQuery(HOUR, now))
    in_berlin = week_page(slots, BERLIN, now, 0)
    in_auckland = week_page(slots, AUCKLAND, now, 0)
    assert [d.day for d in in_berlin.days] == [date(2026, 11, 29)]  # Sunday, this week
    assert in_auckland.days == ()  # Monday morning in Auckland: next week
    next_week = week_page(slots, AUCKLAND, now, 1)
    assert [d.day for d in next_week.days][:2] == [date(2026, 11, 30), date(2026, 12, 1)]
    assert next_week.has_previous and next_week.has_next


def test_times_follow_the_clients_own_dst_change() -> None:
    """Auckland leaves summer time on 4 April 2027; Berlin has already started it."""
    coach = Availability(1, dict.fromkeys(range(7), (hours("20:00-21:00"),)))
    now = local(BERLIN, 2027, 3, 20, 9, 0)
    slots = free_slots(coach, BERLIN, [], SlotQuery(HOUR, now))

    def first_in_auckland(day: date) -> str:
        return times_on(slots, AUCKLAND, day)[0].strftime("%H:%M%z")

    assert first_in_auckland(date(2027, 3, 27)) == "08:00+1300"  # Berlin +1, Auckland +13
    assert first_in_auckland(date(2027, 3, 29)) == "07:00+1300"  # Berlin +2 from 28 March
    assert first_in_auckland(date(2027, 4, 5)) == "06:00+1200"  # Auckland +12 from 4 April


def test_the_first_week_with_slots_is_found_and_pages_stop_there() -> None:
    coach = Availability(1, {2: (hours("10:00-11:00"),)}, days_off=())
    now = local(BERLIN, 2026, 11, 26, 9, 0)
    slots = [
        s
        for s in free_slots(coach, BERLIN, [], SlotQuery(HOUR, now))
        if s > now + timedelta(days=20)
    ]
    week = first_week_with_slots(slots, BERLIN, now)
    page = week_page(slots, BERLIN, now, week)
    assert week == 3 and [d.day for d in page.days] == [date(2026, 12, 16)]
    assert page.days[0].slots == 1 and page.has_previous and page.has_next
    assert first_week_with_slots([], BERLIN, now) == 0


def test_a_week_past_the_horizon_is_the_last_week_and_offers_no_next() -> None:
    now = local(BERLIN, 2026, 11, 26, 9, 0)
    slots = [now + timedelta(days=400)]
    page = week_page(slots, BERLIN, now, 600_000)  # a forged press; timedelta would overflow
    assert page.week == MAX_WEEK and not page.has_next
    assert first_week_with_slots(slots, BERLIN, now) == MAX_WEEK


def test_a_months_days_are_counted_in_the_viewers_zone() -> None:
    # 23:30 UTC on 30 Nov is already 1 Dec in Berlin; 1 Jan is another month
    slots = [
        datetime(2026, 11, 30, 23, 30, tzinfo=UTC),
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
        datetime(2026, 12, 15, 9, 0, tzinfo=UTC),
    ]
    days = month_days(slots, "Europe/Berlin", 2026, 12)
    assert [(d.day.isoformat(), d.slots) for d in days] == [("2026-12-01", 2), ("2026-12-15", 1)]
    assert [d.day.day for d in month_days(slots, "UTC", 2026, 12)] == [1, 15, 31]
