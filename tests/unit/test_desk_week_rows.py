"""The desk week's grid rows: a session's start and end as minutes since the midnight of its
start in the coach's zone, so the page places blocks without knowing about zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from web.desk_week import _placed, _span


def test_a_session_is_placed_by_the_coachs_clock() -> None:
    start = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    span = _span(start, start.replace(hour=9, minute=30), "Europe/Berlin")
    assert span == {"start": "09:00", "end": "10:30", "start_minute": 540, "end_minute": 630}


def test_a_session_past_midnight_ends_after_1440() -> None:
    start = datetime(2026, 11, 27, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    span = _span(start, start.replace(day=28, hour=0, minute=0), "Europe/Berlin")
    assert (span["end"], span["start_minute"], span["end_minute"]) == ("01:00", 1410, 1500)


def _days(start: datetime, minutes: int, zone: str) -> list[tuple[str, bool, int, int]]:
    item = {"id": 1, **_span(start, start + timedelta(minutes=minutes), zone)}
    return [
        (day.isoformat(), continued, placed["start_minute"], placed["end_minute"])
        for day, continued, placed in _placed(item, start.astimezone(ZoneInfo(zone)).date())
    ]


def test_a_session_past_midnight_goes_on_at_the_top_of_the_next_day() -> None:
    start = datetime(2026, 11, 28, 22, 30, tzinfo=UTC)  # Sat 23:30 in Berlin
    assert _days(start, 60, "Europe/Berlin") == [
        ("2026-11-28", False, 1410, 1470),
        ("2026-11-29", True, 0, 30),
    ]
    assert _days(start, 30, "Europe/Berlin") == [("2026-11-28", False, 1410, 1440)]  # 24:00


def test_on_a_day_the_clocks_change_the_next_day_counts_the_clocks_minutes() -> None:
    spring = datetime(2027, 3, 27, 22, 30, tzinfo=UTC)  # Sat 23:30 CET; 02:00 becomes 03:00
    assert _days(spring, 240, "Europe/Berlin") == [
        ("2027-03-27", False, 1410, 1710),
        ("2027-03-28", True, 0, 270),  # to 04:30 CEST, as the grid's hours say it
    ]
    autumn = datetime(2026, 10, 24, 21, 30, tzinfo=UTC)  # Sat 23:30 CEST; 03:00 becomes 02:00
    assert _days(autumn, 240, "Europe/Berlin") == [
        ("2026-10-24", False, 1410, 1590),
        ("2026-10-25", True, 0, 150),  # to 02:30 CET
    ]
    chile = datetime(2026, 9, 6, 3, 30, tzinfo=UTC)  # Sat 23:30; that midnight is 01:00
    assert _days(chile, 60, "America/Santiago") == [
        ("2026-09-05", False, 1410, 1530),
        ("2026-09-06", True, 0, 90),
    ]
