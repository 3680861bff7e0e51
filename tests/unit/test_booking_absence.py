"""Time away as arithmetic: its days and span in the coach's zone, and extensions on the
wall clock across daylight-saving changes (which packages it touches: declare_absence, in
the integration tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.booking.absence import (
    absence_days,
    absence_span,
    extended_by_days,
    resumed_expiry,
)
from domain.booking.availability import DaysOff

BERLIN = "Europe/Berlin"
AWAY = DaysOff(date(2026, 10, 20), date(2026, 10, 29))  # Berlin leaves summer time on the 25th


def test_an_absence_counts_both_ends() -> None:
    assert absence_days(AWAY) == 10
    assert absence_days(DaysOff(date(2026, 12, 24), date(2026, 12, 24))) == 1


def test_its_span_runs_from_local_midnight_to_the_midnight_after_across_dst() -> None:
    start, end = absence_span(AWAY, BERLIN)
    assert start == datetime(2026, 10, 19, 22, 0, tzinfo=UTC)  # 00:00 CEST
    assert end == datetime(2026, 10, 29, 23, 0, tzinfo=UTC)  # 00:00 CET, an hour later in UTC
    assert end - start == timedelta(days=10, hours=1)  # the day the clocks go back is 25 h


def test_an_extension_keeps_the_wall_clock_time_across_the_change() -> None:
    expires = datetime(2026, 10, 22, 10, 0, tzinfo=UTC)  # 12:00 in Berlin, summer time
    later = extended_by_days(expires, absence_days(AWAY), BERLIN)
    assert later == datetime(2026, 11, 1, 11, 0, tzinfo=UTC)  # 12:00 in Berlin, winter time
    spring = datetime(2027, 3, 27, 23, 30, tzinfo=UTC)  # 00:30 CET on 28 March
    assert extended_by_days(spring, 1, BERLIN) == datetime(2027, 3, 28, 22, 30, tzinfo=UTC)
    assert extended_by_days(expires, 3, "UTC") == expires + timedelta(days=3)


def test_a_reading_skipped_by_the_spring_gap_lands_when_the_clock_jumps() -> None:
    before_gap = datetime(2027, 3, 27, 1, 30, tzinfo=UTC)  # 02:30 CET on 27 March
    # 02:30 on 28 March does not exist in Berlin: the clock jumps from 02:00 to 03:00.
    assert extended_by_days(before_gap, 1, BERLIN) == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)


def test_resuming_adds_exactly_the_paused_time() -> None:
    expires = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    paused = datetime(2026, 10, 20, 8, 0, tzinfo=UTC)
    now = paused + timedelta(days=3, hours=5)
    assert resumed_expiry(expires, paused, now) == expires + timedelta(days=3, hours=5)
    assert resumed_expiry(expires, now, paused) == expires  # a clock that ran backwards
