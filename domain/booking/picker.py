"""Free slots grouped for the picker, in the viewer's zone: a week of days, a day of times.

Weeks start on Monday of the viewer's local calendar; week 0 is the one holding `now`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import HORIZON_DAYS_MAX

# The last week any slot can fall in: the horizon's last day, counted from a Sunday.
MAX_WEEK = (6 + HORIZON_DAYS_MAX) // 7


@dataclass(frozen=True)
class DayChoice:
    """A local day that has free slots, and how many."""

    day: date
    slots: int


@dataclass(frozen=True)
class WeekPage:
    """The days with free slots in one local week, and whether other weeks have any."""

    week: int
    monday: date
    days: tuple[DayChoice, ...]
    has_previous: bool
    has_next: bool


def week_page(slots: Sequence[datetime], zone: str, now: datetime, week: int) -> WeekPage:
    """Week `week` (0 = this week, at most MAX_WEEK) of the days holding slots, seen from
    `zone`."""
    week = min(max(week, 0), MAX_WEEK)
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week)
    sunday = monday + timedelta(days=6)
    counts: dict[date, int] = {}
    later = False
    for slot in slots:
        day = slot.astimezone(tz).date()
        if monday <= day <= sunday:
            counts[day] = counts.get(day, 0) + 1
        later = later or day > sunday
    days = tuple(DayChoice(day, n) for day, n in sorted(counts.items()))
    return WeekPage(week, monday, days, has_previous=week > 0, has_next=later and week < MAX_WEEK)


def first_week_with_slots(slots: Sequence[datetime], zone: str, now: datetime) -> int:
    """The week index of the earliest slot (0 when there is none)."""
    if not slots:
        return 0
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    first = min(slots).astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    return min(max((first - this_monday).days // 7, 0), MAX_WEEK)


def times_on(slots: Sequence[datetime], zone: str, day: date) -> list[datetime]:
    """The slots starting on local `day` in `zone`, as local aware times, ascending."""
    tz = ZoneInfo(zone)
    local = (slot.astimezone(tz) for slot in sorted(slots))
    return [moment for moment in local if moment.date() == day]


def month_days(slots: Sequence[datetime], zone: str, year: int, month: int) -> list[DayChoice]:
    """The local days of one month (in `zone`) holding slots, with how many, in order."""
    tz = ZoneInfo(zone)
    counts: dict[date, int] = {}
    for slot in slots:
        day = slot.astimezone(tz).date()
        if (day.year, day.month) == (year, month):
            counts[day] = counts.get(day, 0) + 1
    return [DayChoice(day, n) for day, n in sorted(counts.items())]
