"""Feeds expanded to busy time: recurrences with exceptions and moves, all-day events in the
coach's zone, DST, free and cancelled events, Google's floating feeds, the bot's own events."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.booking.slots import Busy
from domain.calendars.busy import busy_from, is_booking_uid
from domain.calendars.model import CalendarUnreadable
from persistence.calendars.feed import occurrences
from tests.support.calendar_feeds import BERLIN_FEED, GOOGLE_FEED

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def busy(feed: bytes, zone: ZoneInfo, start: datetime, end: datetime) -> list[Busy]:
    return busy_from(occurrences(feed, start, end), zone, (start, end), is_booking_uid("testbot"))


def test_weekly_event_with_an_exception_and_a_moved_occurrence() -> None:
    found = busy(BERLIN_FEED, BERLIN, at(1, 0), at(23, 0))
    assert found == [
        Busy(at(1, 9), at(1, 10)),  # Tue 10:00 Berlin = 09:00 UTC
        Busy(at(2, 23), at(3, 23)),  # all of 3 Dec in Berlin
        # 8 Dec excluded; 15 Dec moved to Wed 16 Dec 15:00 Berlin
        Busy(at(16, 14), at(16, 15)),
        Busy(at(22, 9), at(22, 10)),
    ]


def test_free_cancelled_and_own_booking_events_block_nothing() -> None:
    found = busy(BERLIN_FEED, BERLIN, at(2, 0), at(2, 22))
    assert found == []
    everything = busy_from(
        occurrences(BERLIN_FEED, at(4, 0), at(5, 0)), BERLIN, (at(4, 0), at(5, 0))
    )
    assert everything == [Busy(at(4, 9), at(4, 10))]  # without the filter it would block


def test_an_all_day_event_blocks_the_day_in_the_coach_zone() -> None:
    tokyo = busy(BERLIN_FEED, ZoneInfo("Asia/Tokyo"), at(3, 0), at(4, 0))
    assert tokyo == [Busy(at(3, 0), at(3, 15))]  # 3 Dec 00:00 Tokyo = 2 Dec 15:00 UTC, clipped


def test_an_event_across_the_spring_dst_change_lasts_its_real_two_hours() -> None:
    start, end = at(27, 0, month=3, year=2027), at(29, 0, month=3, year=2027)
    [night] = busy(BERLIN_FEED, BERLIN, start, end)
    assert night == Busy(at(28, 0, month=3, year=2027), at(28, 2, month=3, year=2027))


def test_google_floating_times_are_read_in_the_feed_zone() -> None:
    found = busy(GOOGLE_FEED, ZoneInfo("UTC"), at(1, 0), at(10, 0))
    assert found == [
        Busy(at(4, 8), at(4, 9)),  # 09:00 in X-WR-TIMEZONE Berlin, not 09:00 UTC
        Busy(at(7, 13), at(7, 14)),  # UTC times stay the same instant
    ]


def test_busy_times_are_clipped_to_the_window_and_merged() -> None:
    found = busy(BERLIN_FEED, BERLIN, at(3, 12), at(3, 20))
    assert found == [Busy(at(3, 12), at(3, 20))]
    touching = busy_from([], BERLIN, (at(1, 0), at(2, 0)))
    assert touching == []


def test_something_that_is_no_calendar_is_refused_with_a_code() -> None:
    with pytest.raises(CalendarUnreadable) as refused:
        occurrences(b"<html>Sign in</html>", at(1, 0), at(2, 0))
    assert refused.value.error.value == "not_a_calendar"


def test_extra_dates_of_a_recurrence_block_too() -> None:
    feed = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:rdate@x\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261201T070000Z\r\n"
        b"DURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=2\r\nRDATE:20261210T070000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert busy(feed, BERLIN, at(1, 0), at(31, 0)) == [
        Busy(at(1, 7), at(1, 7, 30)),
        Busy(at(2, 7), at(2, 7, 30)),
        Busy(at(10, 7), at(10, 7, 30)),
    ]
