"""A whole week of working hours typed in one message, one line per day or range of days:

    Mon-Fri 09:00-12:00, 14:00-18:00
    Sat 10:00-14:00
    Sun off

Days are English names or their first three letters (`Mon`, `monday`), a range wraps
over the weekend (`Fri-Mon`), several may be listed (`Mon, Wed 9-12`); the hours are what
one day's answer takes (`parse_day_hours`). Days not named keep their hours. A day named
twice, an unknown day or unreadable hours are refused with the line's number.
"""

from __future__ import annotations

import re

from domain.booking.availability import TimeRange
from domain.booking.availability_text import parse_day_hours
from domain.errors import InvalidInput

Week = dict[int, tuple[TimeRange, ...]]

LINES_MAX = 14
_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"[a-z]{3,9}\.?"
_ONE = rf"{_DAY}(?:\s*(?:-|–|—|\bto\b)\s*{_DAY})?"  # a day or a range of days
_DAYS = re.compile(rf"(?P<days>{_ONE}(?:\s*[,&/]\s*{_ONE})*)\s*:?\s+(?P<hours>.+)", re.IGNORECASE)
_DAY_RANGE = re.compile(rf"(?P<a>{_DAY})\s*(?:-|–|—|\bto\b)\s*(?P<b>{_DAY})", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*[,&/]\s*")


def parse_week(text: str) -> Week:
    """The weekdays named in `text` (0 = Monday) with their working ranges ("off": none)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        raise InvalidInput("week", "week_empty")
    if len(lines) > LINES_MAX:
        raise InvalidInput("week", "week_too_many_lines", limit=LINES_MAX)
    week: Week = {}
    for number, line in enumerate(lines, start=1):
        days, ranges = _line(line, number)
        for day in days:
            if day in week:
                raise InvalidInput("week", "week_day_twice", line=number, day=_label(day))
            week[day] = ranges
    return dict(sorted(week.items()))


def _line(line: str, number: int) -> tuple[list[int], tuple[TimeRange, ...]]:
    match = _DAYS.fullmatch(line)
    if match is None:
        raise InvalidInput("week", "week_line_unreadable", line=number, value=line[:30])
    days: list[int] = []
    for part in _LIST_SPLIT.split(match["days"]):
        for day in _days(part, number):
            if day in days:
                raise InvalidInput("week", "week_day_twice", line=number, day=_label(day))
            days.append(day)
    try:
        ranges = parse_day_hours(match["hours"])
    except InvalidInput as exc:
        raise InvalidInput("week", exc.code, line=number, **exc.values) from exc
    return days, ranges


def _days(part: str, number: int) -> list[int]:
    pair = _DAY_RANGE.fullmatch(part)
    if pair is None:
        return [_weekday(part, number)]
    first, last = _weekday(pair["a"], number), _weekday(pair["b"], number)
    return [(first + step) % 7 for step in range((last - first) % 7 + 1)]


def _weekday(name: str, number: int) -> int:
    day = _weekday_or_none(name.lower().rstrip("."))
    if day is None:
        raise InvalidInput("week", "week_day_unknown", line=number, value=name[:12])
    return day


def _weekday_or_none(name: str) -> int | None:
    if name in _FULL:
        return _FULL.index(name)
    if name in _NAMES:
        return _NAMES.index(name)
    return None


def _label(day: int) -> str:
    """The day as the parser reads it (`Mon`), for the refusal to name."""
    return _NAMES[day].capitalize()
