"""The desk week's grid rows: a session's start and end as minutes since the midnight of its
start in the coach's zone, so the page places blocks without knowing about zones."""

from __future__ import annotations

from datetime import UTC, datetime

from web.desk_week import _span


def test_a_session_is_placed_by_the_coachs_clock() -> None:
    start = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    span = _span(start, start.replace(hour=9, minute=30), "Europe/Berlin")
    assert span == {"start": "09:00", "end": "10:30", "start_minute": 540, "end_minute": 630}


def test_a_session_past_midnight_ends_after_1440() -> None:
    start = datetime(2026, 11, 27, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    span = _span(start, start.replace(day=28, hour=0, minute=0), "Europe/Berlin")
    assert (span["end"], span["start_minute"], span["end_minute"]) == ("01:00", 1410, 1500)
