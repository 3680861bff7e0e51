"""A coach's availability: weekly working hours, days off and the booking settings.

Working hours are wall-clock ranges in the coach's zone, several a day (Mon 09:00–12:00 and
14:00–18:00). Days off are whole local dates, first..last inclusive. Every bound lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidInput
from domain.parsing import MAX_AHEAD

MINUTES_PER_DAY = 24 * 60
RANGES_PER_DAY_MAX = 6
RANGE_MIN_MINUTES = 15
DAYS_OFF_MAX = 50
DAYS_OFF_SPAN_MAX = 366

NOTICE_MAX = timedelta(days=30)
HORIZON_DAYS_MIN, HORIZON_DAYS_MAX = 1, 365
BUFFER_MAX_MINUTES = 240
STEP_MIN_MINUTES, STEP_MAX_MINUTES = 5, 240
CANCEL_WINDOW_MAX = timedelta(days=30)


@dataclass(frozen=True, order=True)
class TimeRange:
    """Minutes after local midnight, start inclusive, end exclusive (end may be 1440)."""

    start: int
    end: int

    def label(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"


@dataclass(frozen=True, order=True)
class DaysOff:
    """Local dates the coach does not work, first..last inclusive (one day: first == last)."""

    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


class CancelPolicy(StrEnum):
    """What a client may do inside the cancellation window."""

    BLOCK = "block"  # nothing: only the coach can cancel now
    LATE = "late"  # cancel, and the session counts as used ("late cancel")


@dataclass(frozen=True)
class BookingSettings:
    """Minimum notice, horizon, buffer between sessions, slot step, cancellation window
    and what a client may do inside it."""

    notice: timedelta = timedelta(hours=12)
    horizon_days: int = 60
    buffer_minutes: int = 0
    step_minutes: int = 30
    cancel_window: timedelta = timedelta(hours=24)
    cancel_policy: CancelPolicy = CancelPolicy.BLOCK

    def inside_window(self, starts_at: datetime, now: datetime) -> bool:
        """Whether the cancellation window of a session starting at `starts_at` has begun."""
        return now > starts_at - self.cancel_window


@dataclass
class Availability:
    """`weekly[0]` is Monday's working ranges, sorted and non-overlapping."""

    coach_id: int
    weekly: dict[int, tuple[TimeRange, ...]] = field(default_factory=dict)
    days_off: tuple[DaysOff, ...] = ()
    settings: BookingSettings = field(default_factory=BookingSettings)

    def ranges_on(self, weekday: int) -> tuple[TimeRange, ...]:
        return self.weekly.get(weekday, ())

    def is_day_off(self, day: date) -> bool:
        return any(off.covers(day) for off in self.days_off)

    def works_at_all(self) -> bool:
        return any(self.weekly.values())


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def validate_day_ranges(ranges: list[TimeRange]) -> tuple[TimeRange, ...]:
    """Sorted ranges of one weekday; each 15 min or more, none overlapping, at most 6."""
    ordered = sorted(ranges)
    if len(ordered) > RANGES_PER_DAY_MAX:
        raise InvalidInput("hours", "hours_too_many_ranges", limit=RANGES_PER_DAY_MAX)
    for item in ordered:
        if not 0 <= item.start < item.end <= MINUTES_PER_DAY:
            raise InvalidInput("hours", "hours_backwards", range=item.label())
        if item.end - item.start < RANGE_MIN_MINUTES:
            raise InvalidInput("hours", "hours_too_short", range=item.label())
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise InvalidInput(
                "hours", "hours_overlap", first=before.label(), second=after.label()
            )
    return tuple(ordered)


def validate_weekday(weekday: int) -> int:
    if not 0 <= weekday <= 6:
        raise InvalidInput("weekday", "weekday_unknown")
    return weekday


def add_days_off(availability: Availability, off: DaysOff, today: date) -> Availability:
    """Add a days-off range: not reversed, not over, not past the reach of any typed date
    (5 years), at most a year long, at most 50 kept.

    Ranges already over are dropped on the way, so the list never fills with history.
    """
    if off.last < off.first:
        raise InvalidInput("days_off", "days_off_reversed")
    if off.last < today:
        raise InvalidInput("days_off", "days_off_over")
    latest = today + MAX_AHEAD
    if off.last > latest:
        raise InvalidInput("days_off", "days_off_too_far", latest=latest)
    if (off.last - off.first).days + 1 > DAYS_OFF_SPAN_MAX:
        raise InvalidInput("days_off", "days_off_too_long", limit=DAYS_OFF_SPAN_MAX)
    current = [d for d in availability.days_off if d.last >= today and d != off]
    if len(current) >= DAYS_OFF_MAX:
        raise InvalidInput("days_off", "days_off_too_many", limit=DAYS_OFF_MAX)
    return replace(availability, days_off=tuple(sorted([*current, off])))


def validate_settings(settings: BookingSettings) -> BookingSettings:
    """Every setting within its bounds, or InvalidInput naming the setting."""
    if not timedelta(0) <= settings.notice <= NOTICE_MAX:
        raise InvalidInput("notice", "notice_out_of_range")
    if not HORIZON_DAYS_MIN <= settings.horizon_days <= HORIZON_DAYS_MAX:
        raise InvalidInput("horizon", "horizon_out_of_range")
    if not 0 <= settings.buffer_minutes <= BUFFER_MAX_MINUTES:
        raise InvalidInput("buffer", "buffer_out_of_range")
    if not STEP_MIN_MINUTES <= settings.step_minutes <= STEP_MAX_MINUTES:
        raise InvalidInput("step", "step_out_of_range")
    if settings.step_minutes % 5:
        raise InvalidInput("step", "step_not_multiple_of_5")
    if not timedelta(0) <= settings.cancel_window <= CANCEL_WINDOW_MAX:
        raise InvalidInput("cancel_window", "cancel_window_out_of_range")
    return settings
