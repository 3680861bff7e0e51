"""What a coach types for availability: a day's hours, days off, one setting.

Shapes (case-insensitive, spaces ignored):
- hours: "09:00-12:00, 14:00-18:00", "9-12 and 14:30-18", "off" (no work that day);
  an end of 24:00 means midnight.
- days off: "24.12.2026", "2026-12-24", "24.12.2026 - 2.1.2027", "2026-12-24 to 2027-01-02".
- settings: a whole number with an optional unit d/h/m ("12h", "90m", "2d"); a plain number
  is in the setting's own unit (hours for notice and cancellation window, days for horizon,
  minutes for buffer and step).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum

from domain.booking.availability import (
    BookingSettings,
    DaysOff,
    TimeRange,
    validate_day_ranges,
    validate_settings,
)
from domain.errors import InvalidInput

_FLAGS = re.ASCII | re.IGNORECASE
_CLOCK = r"(?P<{0}h>[0-9]{{1,2}})(?:[:.](?P<{0}m>[0-9]{{2}}))?"
_RANGE = re.compile(_CLOCK.format("a") + r"\s*(?:-|–|—|to)\s*" + _CLOCK.format("b"), _FLAGS)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b)\s*", _FLAGS)
_OFF = {"off", "none", "closed", "-", "no"}
_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{1,2})-(?P<d>[0-9]{1,2})", re.ASCII)
_DOTTED_DATE = re.compile(r"(?P<d>[0-9]{1,2})\.(?P<mo>[0-9]{1,2})\.(?P<y>[0-9]{4})", re.ASCII)
_DATE_RANGE = re.compile(r"(?P<a>\S+)\s*(?:\s-\s|–|—|\bto\b|\.\.)\s*(?P<b>\S+)", _FLAGS)
_AMOUNT = re.compile(r"(?P<n>[0-9]{1,6})\s*(?P<unit>[dhm]?)", _FLAGS)
_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}


class Setting(StrEnum):
    NOTICE = "notice"
    HORIZON = "horizon"
    BUFFER = "buffer"
    STEP = "step"
    CANCEL_WINDOW = "cancel"


_NATURAL_UNIT = {
    Setting.NOTICE: "h",
    Setting.HORIZON: "d",
    Setting.BUFFER: "m",
    Setting.STEP: "m",
    Setting.CANCEL_WINDOW: "h",
}


def parse_day_hours(text: str) -> tuple[TimeRange, ...]:
    """One weekday's working ranges, sorted; "off" means none."""
    clean = text.strip()
    if clean.lower() in _OFF:
        return ()
    parts = [part for part in _SPLIT.split(clean) if part]
    if not parts:
        raise InvalidInput("hours", "hours_unreadable")
    return validate_day_ranges([_range(part) for part in parts])


def parse_days_off(text: str) -> DaysOff:
    """One date or a first–last range of dates."""
    clean = text.strip()
    pair = _DATE_RANGE.fullmatch(clean)
    if pair is not None:
        return DaysOff(_date(pair["a"]), _date(pair["b"]))
    day = _date(clean)
    return DaysOff(day, day)


def change_setting(settings: BookingSettings, setting: Setting, text: str) -> BookingSettings:
    """`settings` with one setting changed from typed text, checked against its bounds."""
    amount = _amount(text, _NATURAL_UNIT[setting], setting)
    minutes = int(amount.total_seconds() // 60)
    changed = {
        Setting.NOTICE: lambda: replace(settings, notice=amount),
        Setting.HORIZON: lambda: replace(settings, horizon_days=_whole_days(amount, setting)),
        Setting.BUFFER: lambda: replace(settings, buffer_minutes=minutes),
        Setting.STEP: lambda: replace(settings, step_minutes=minutes),
        Setting.CANCEL_WINDOW: lambda: replace(settings, cancel_window=amount),
    }[setting]()
    return validate_settings(changed)


def _range(text: str) -> TimeRange:
    match = _RANGE.fullmatch(text)
    if match is None:
        raise InvalidInput("hours", "hours_range_unreadable", value=text[:20])
    return TimeRange(_minute_of_day(match, "a"), _minute_of_day(match, "b"))


def _minute_of_day(match: re.Match[str], side: str) -> int:
    hour, minute = int(match[f"{side}h"]), int(match[f"{side}m"] or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise InvalidInput("hours", "time_of_day_invalid", hour=hour, minute=minute)
    return hour * 60 + minute


def _date(text: str) -> date:
    match = _ISO_DATE.fullmatch(text) or _DOTTED_DATE.fullmatch(text)
    if match is None:
        raise InvalidInput("days_off", "days_off_unreadable")
    try:
        return date(int(match["y"]), int(match["mo"]), int(match["d"]))
    except ValueError as exc:
        raise InvalidInput("days_off", "date_not_real", value=text[:12]) from exc


def _amount(text: str, natural: str, setting: Setting) -> timedelta:
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(setting.value, "setting_unreadable")
    return int(match["n"]) * _UNITS[(match["unit"] or natural).lower()]


def _whole_days(amount: timedelta, setting: Setting) -> int:
    if amount % timedelta(days=1):
        raise InvalidInput(setting.value, "horizon_not_whole_days")
    return amount.days
