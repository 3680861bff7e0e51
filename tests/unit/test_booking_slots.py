"""Free slots: working hours, breaks, notice, horizon, expiry, days off, buffers, DST."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import Availability, DaysOff
from domain.booking.slots import Busy, SlotQuery, free_slots
from tests.unit.booking_support import HOUR, every_day, hours, local, readings, utc

BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"


def _on(day: date, slots: list, zone: str) -> list[str]:  # type: ignore[type-arg]
    return [r[11:] for r in readings(slots, zone) if r.startswith(day.isoformat())]


def test_slots_fill_each_working_range_and_never_cross_the_break() -> None:
    availability = Availability(1, {0: (hours("09:00-12:00"), hours("14:00-16:00"))})
    now = local(BERLIN, 2026, 11, 27, 8, 0)  # Friday; Monday 30 Nov is 3 days ahead
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now))
    assert _on(date(2026, 11, 30), slots, BERLIN) == [
        "09:00+01:00", "09:30+01:00", "10:00+01:00", "10:30+01:00", "11:00+01:00",
        "14:00+01:00", "14:30+01:00", "15:00+01:00",
    ]  # fmt: skip


def test_minimum_notice_removes_the_next_hours() -> None:
    availability = every_day("09:00-12:00")
    now = local(BERLIN, 2026, 11, 29, 21, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now))
    assert slots[0] == local(BERLIN, 2026, 11, 30, 9, 0)  # exactly 12 h ahead is allowed
    later = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now + timedelta(minutes=1)))
    assert later[0] == local(BERLIN, 2026, 11, 30, 9, 30)


def test_horizon_is_the_last_possible_start() -> None:
    availability = every_day("09:00-10:00", horizon_days=3, notice=timedelta(0))
    now = local(BERLIN, 2026, 11, 30, 9, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now))
    assert slots[0] == now and slots[-1] == now + timedelta(days=3)
    assert len(slots) == 4


def test_a_session_must_start_before_the_package_expires() -> None:
    availability = every_day("09:00-12:00", notice=timedelta(0))
    now = local(BERLIN, 2026, 11, 30, 7, 0)
    expires = local(BERLIN, 2026, 11, 30, 10, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now, expires_at=expires))
    assert readings(slots, BERLIN) == ["2026-11-30 09:00+01:00", "2026-11-30 09:30+01:00"]


def test_days_off_are_whole_local_days_inclusive() -> None:
    availability = every_day("09:00-10:00", notice=timedelta(0), horizon_days=5)
    availability.days_off = (DaysOff(date(2026, 12, 1), date(2026, 12, 2)),)
    now = local(BERLIN, 2026, 11, 30, 0, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(HOUR, now))
    days = {s.astimezone(ZoneInfo(BERLIN)).date() for s in slots}
    assert date(2026, 12, 1) not in days and date(2026, 12, 2) not in days
    assert {date(2026, 11, 30), date(2026, 12, 3)} <= days


def test_bookings_and_the_buffer_around_them_are_not_offered() -> None:
    availability = every_day("09:00-13:00", notice=timedelta(0), buffer_minutes=30)
    now = local(BERLIN, 2026, 11, 30, 0, 0)
    busy = [Busy(local(BERLIN, 2026, 11, 30, 10, 30), local(BERLIN, 2026, 11, 30, 11, 30))]
    slots = free_slots(availability, BERLIN, busy, SlotQuery(HOUR, now))
    # 09:30 would end at 10:30, leaving no buffer; 12:00 starts exactly after the buffer.
    assert _on(date(2026, 11, 30), slots, BERLIN) == ["09:00+01:00", "12:00+01:00"]


def test_step_sets_the_spacing_of_start_times() -> None:
    availability = every_day("09:00-10:00", notice=timedelta(0), step_minutes=15)
    now = local(BERLIN, 2026, 11, 30, 0, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(timedelta(minutes=30), now))
    assert _on(date(2026, 11, 30), slots, BERLIN) == [
        "09:00+01:00", "09:15+01:00", "09:30+01:00",
    ]  # fmt: skip


def test_no_working_hours_means_no_slots() -> None:
    now = utc(2026, 11, 30, 0, 0)
    assert free_slots(Availability(1), BERLIN, [], SlotQuery(HOUR, now)) == []


def _night_and_morning(zone: str, day: date) -> list[str]:
    availability = every_day("00:00-06:00", "09:00-11:00", notice=timedelta(0), step_minutes=60)
    now = local(zone, day.year, day.month, day.day - 1, 12, 0)
    return _on(day, free_slots(availability, zone, [], SlotQuery(HOUR, now)), zone)


def test_berlin_spring_forward_day_skips_the_missing_hour() -> None:
    assert _night_and_morning(BERLIN, date(2027, 3, 28)) == [
        "00:00+01:00", "01:00+01:00", "03:00+02:00", "04:00+02:00", "05:00+02:00",
        "09:00+02:00", "10:00+02:00",
    ]  # fmt: skip


def test_berlin_fall_back_day_offers_the_repeated_hour_twice() -> None:
    assert _night_and_morning(BERLIN, date(2027, 10, 31)) == [
        "00:00+02:00", "01:00+02:00", "02:00+02:00", "02:00+01:00", "03:00+01:00",
        "04:00+01:00", "05:00+01:00", "09:00+01:00", "10:00+01:00",
    ]  # fmt: skip


def test_new_york_spring_forward_day_keeps_wall_clock_hours() -> None:
    assert _night_and_morning(NEW_YORK, date(2027, 3, 14)) == [
        "00:00-05:00", "01:00-05:00", "03:00-04:00", "04:00-04:00", "05:00-04:00",
        "09:00-04:00", "10:00-04:00",
    ]  # fmt: skip


def test_new_york_fall_back_day_offers_the_repeated_hour_twice() -> None:
    assert _night_and_morning(NEW_YORK, date(2027, 11, 7)) == [
        "00:00-04:00", "01:00-04:00", "01:00-05:00", "02:00-05:00", "03:00-05:00",
        "04:00-05:00", "05:00-05:00", "09:00-05:00", "10:00-05:00",
    ]  # fmt: skip


def test_a_session_may_run_across_the_dst_change_for_its_real_length() -> None:
    availability = every_day("01:00-04:00", notice=timedelta(0), step_minutes=30)
    now = local(BERLIN, 2027, 3, 27, 12, 0)
    slots = free_slots(availability, BERLIN, [], SlotQuery(2 * HOUR, now))
    # 01:00–04:00 on the short day is two real hours: only 01:00 fits a 2-hour session.
    assert _on(date(2027, 3, 28), slots, BERLIN) == ["01:00+01:00"]


def test_same_wall_clock_hours_before_and_after_the_change() -> None:
    availability = every_day("09:00-10:00", notice=timedelta(0))
    now = local(NEW_YORK, 2027, 3, 13, 0, 0)
    slots = free_slots(availability, NEW_YORK, [], SlotQuery(HOUR, now))
    assert slots[:2] == [utc(2027, 3, 13, 14, 0), utc(2027, 3, 14, 13, 0)]
