"""A source's state after each read: the coach is told once when it starts failing and once
when it recovers; /calendar shows it in plain words; failed writes wait longer each time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.calendars.views import menu_text
from domain.calendars.model import CalendarSource, ReadError, SourceKind
from domain.calendars.sync import Notice, after_failure, after_read
from domain.calendars.writes import retry_delay

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def a_source() -> CalendarSource:
    return CalendarSource(1, 10, SourceKind.ICS, "calendar.google.com", "sealed", NOW)


def test_failing_is_told_once_and_recovering_once() -> None:
    source, notice = after_read(a_source(), NOW, 4, ('"v1"', None))
    assert notice is None and source.busy_count == 4 and source.etag == '"v1"'
    notices = []
    for _ in range(3):
        source, notice = after_failure(source, ReadError.TIMEOUT)
        notices.append(notice)
    assert notices == [Notice.FAILING, None, None]
    assert source.busy_count == 4  # the last good busy times stay
    source, notice = after_read(source, NOW + timedelta(minutes=30), None)
    assert notice is Notice.RECOVERED and source.last_error is None
    assert source.busy_count == 4  # not modified: the same busy times
    assert after_read(source, NOW, 2)[1] is None


def test_the_menu_shows_last_read_busy_count_and_the_last_error_in_words() -> None:
    source, _ = after_read(a_source(), NOW, 1)
    source, _ = after_failure(source, ReadError.HTTP_STATUS)
    text = menu_text([source], "Europe/Berlin", 10)
    assert "1. <b>calendar.google.com</b> (calendar address)" in text
    assert "last read Wed 2 Dec 10:30 · 1 busy time" in text
    assert "⚠️ last try failed: the server answered with an error" in text
    assert "every 10 minutes" in text
    assert "No calendar connected yet." in menu_text([], "UTC", 10)


def test_a_failed_write_waits_longer_each_time_up_to_an_hour() -> None:
    waits = [retry_delay(n) for n in range(9)]
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert waits[-1] == timedelta(minutes=60)
