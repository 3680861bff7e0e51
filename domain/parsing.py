"""Parsing what a coach types: numbers, durations, reminder offsets, dates and weekly schedules.

Accepted shapes (case-insensitive, surrounding spaces ignored):
- durations: "60", "90 min", "45m", "1h", "2 hours", "1h30", "1h 30m", "1:30", "1.5h", "1,5h";
  always whole minutes, 15..480. Minutes next to hours must be < 60 ("1h75" is refused).
- offsets: "7d,1d", "24h, 1h", "30m": a positive whole number and one unit d/h/m per part,
  at most 365 days; returned largest first without duplicates; blank text means none.
- date-times: "2026-12-01 18:00", "2026-12-01T18:00", "01.12.2026 18:00", "1.12.2026 9:00",
  read in the coach's IANA zone; must lie in the future and at most 5 years ahead. A local time
  skipped by a DST change does not exist and is refused; a repeated one means the first.
- weekly schedules: "every Tuesday 18:00 for 8 weeks", "tue at 18:00 for 1 week" (full or
  short weekday names, 1..52 weeks): the same local wall time every week, DST-correct.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.catalog.rules import validate_duration
from domain.errors import InvalidInput

MAX_AHEAD = timedelta(days=5 * 366)
MAX_OFFSET = timedelta(days=365)
MAX_WEEKS = 52

_FLAGS = re.ASCII | re.IGNORECASE
_INT = re.compile(r"[0-9]{1,9}", re.ASCII)
_CLOCK_DURATION = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})", re.ASCII)
_DURATION = re.compile(
    r"(?:(?P<h>[0-9]{1,2}(?:[.,][0-9]{1,2})?)\s*(?:h|hr|hrs|hours?))?\s*"
    r"(?:(?P<m>[0-9]{1,3})\s*(?:m|min|mins|minutes?)?)?",
    _FLAGS,
)
_OFFSET = re.compile(r"(?P<n>[0-9]{1,6})\s*(?P<unit>[dhm])", _FLAGS)
_OFFSET_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_ISO = re.compile(
    r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?:\s+|T)(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})",
    _FLAGS,
)
_DOTTED = re.compile(
    r"(?P<d>[0-9]{1,2})\.(?P<mo>[0-9]{1,2})\.(?P<y>[0-9]{4})\s+(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})",
    re.ASCII,
)
_RECURRENCE = re.compile(
    r"(?:every\s+)?(?P<day>[a-z]+)\s+(?:at\s+)?(?P<h>[0-9]{1,2})[:.](?P<mi>[0-9]{2})"
    r"\s+for\s+(?P<n>[0-9]{1,3})\s+weeks?",
    _FLAGS,
)
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}


def parse_positive_int(text: str, field: str, lo: int, hi: int) -> int:
    """A whole number lo..hi typed as plain digits, or InvalidInput(field)."""
    clean = text.strip()
    if _INT.fullmatch(clean) is None or not lo <= int(clean) <= hi:
        raise InvalidInput(field, "whole_number_out_of_range", lo=lo, hi=hi)
    return int(clean)


def parse_duration_minutes(text: str) -> int:
    """A service or series duration in minutes, 15..480."""
    minutes = _minutes(text.strip())
    if minutes is None:
        raise InvalidInput("duration", "duration_unreadable")
    return validate_duration(minutes)


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """Reminder offsets like "7d,1d": largest first, no duplicates; blank means none."""
    if not text.strip():
        return ()
    return tuple(sorted({_offset(part.strip()) for part in text.split(",")}, reverse=True))


def parse_local_datetime(text: str, tz: str, now: datetime) -> datetime:
    """A future moment typed as a local date and time in zone `tz`, as aware UTC."""
    zone = ZoneInfo(tz)
    local = _local_datetime(text.strip(), zone)
    latest = (now + MAX_AHEAD).astimezone(zone)
    # Checked on the wall clock first: a year like 0001 or 9999 has no UTC moment at all.
    if local.replace(tzinfo=None) > latest.replace(tzinfo=None):
        raise InvalidInput("start", "start_too_far", latest=latest)
    if local.date() < now.astimezone(zone).date():
        raise InvalidInput("start", "start_passed", latest=latest)
    moment = local_to_utc(local)
    if moment is None:
        raise _skipped("start", local, tz)
    if moment <= now:
        raise InvalidInput("start", "start_passed", latest=latest)
    if moment > now + MAX_AHEAD:
        raise InvalidInput("start", "start_too_far", latest=latest)
    return moment


def parse_recurrence(text: str, tz: str, now: datetime) -> list[datetime]:
    """Weekly starts ("every Tuesday 18:00 for 8 weeks") as UTC, the first one after `now`."""
    match = _RECURRENCE.fullmatch(text.strip())
    if match is None:
        raise InvalidInput("schedule", "schedule_unreadable")
    weekday = _weekday(match["day"].lower())
    clock = _clock(int(match["h"]), int(match["mi"]))
    weeks = int(match["n"])
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput("schedule", "schedule_weeks_out_of_range", limit=MAX_WEEKS)
    return _weekly(weekday, clock, weeks, ZoneInfo(tz), now)


def local_to_utc(local: datetime) -> datetime | None:
    """UTC of an aware local wall time; None when a DST gap skips it. fold=0 picks the first
    of two repeated times."""
    moment = local.replace(fold=0).astimezone(UTC)
    back = moment.astimezone(local.tzinfo)
    if (back.date(), back.time()) != (local.date(), local.time()):
        return None
    return moment


def _minutes(text: str) -> int | None:
    clock = _CLOCK_DURATION.fullmatch(text)
    if clock is not None:
        minutes = int(clock["m"])
        return int(clock["h"]) * 60 + minutes if minutes < 60 else None
    match = _DURATION.fullmatch(text)
    if match is None or (match["h"] is None and match["m"] is None):
        return None
    minutes = int(match["m"] or 0)
    if match["h"] is None:
        return minutes
    hours = Decimal(match["h"].replace(",", "."))
    if minutes and (hours != hours.to_integral_value() or minutes >= 60):
        return None
    total = hours * 60 + minutes
    return int(total) if total == total.to_integral_value() else None


def _offset(part: str) -> timedelta:
    match = _OFFSET.fullmatch(part)
    if match is None:
        raise InvalidInput("offsets", "offset_unreadable", value=part[:16])
    offset = int(match["n"]) * _OFFSET_UNITS[match["unit"].lower()]
    if not offset:
        raise InvalidInput("offsets", "offset_zero", value=part)
    if offset > MAX_OFFSET:
        raise InvalidInput("offsets", "offset_too_long", value=part)
    return offset


def _local_datetime(text: str, zone: ZoneInfo) -> datetime:
    match = _ISO.fullmatch(text) or _DOTTED.fullmatch(text)
    if match is None:
        raise InvalidInput("start", "start_unreadable")
    year, month, day, hour, minute = (int(match[key]) for key in ("y", "mo", "d", "h", "mi"))
    try:
        return datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError as exc:
        raise InvalidInput("start", "start_not_real", value=text[:32]) from exc


def _weekday(name: str) -> int:
    number = _WEEKDAYS.get(name, _WEEKDAYS.get(name.removesuffix("s")))
    if number is None:
        raise InvalidInput("schedule", "weekday_unreadable", value=name[:16])
    return number


def _clock(hour: int, minute: int) -> time:
    if hour > 23 or minute > 59:
        raise InvalidInput("schedule", "time_of_day_invalid", hour=hour, minute=minute)
    return time(hour, minute)


def _weekly(
    weekday: int, clock: time, weeks: int, zone: ZoneInfo, now: datetime
) -> list[datetime]:
    today = now.astimezone(zone)
    day = today.date() + timedelta(days=(weekday - today.weekday()) % 7)
    if day == today.date() and clock <= today.time():
        day += timedelta(weeks=1)
    starts: list[datetime] = []
    while len(starts) < weeks:
        local = datetime.combine(day, clock, tzinfo=zone)
        moment = local_to_utc(local)
        if moment is None:
            raise _skipped("schedule", local, zone.key)
        if moment > now:  # the wall-clock check above can be an hour off in a repeated hour
            starts.append(moment)
        day += timedelta(weeks=1)
    return starts


def _skipped(field: str, local: datetime, tz: str) -> InvalidInput:
    """A wall time a DST gap skips: the clocks jump forward over it."""
    return InvalidInput(field, "time_skipped_by_dst", moment=local, zone=tz)
