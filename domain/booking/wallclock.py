"""Local wall-clock time ↔ UTC instants, exact across DST changes (stdlib zoneinfo only).

A local day is the set of instants whose wall-clock date is that day; it lasts 23, 24 or
25 hours. Within a day the UTC offset is constant on a few pieces, split at transitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_MINUTE = timedelta(minutes=1)
WEEKS_AHEAD_MAX = 52  # how far ahead a coach's /schedule pages


@dataclass(frozen=True)
class Piece:
    """[start, end) in UTC during which the zone's offset is `offset`."""

    start: datetime
    end: datetime
    offset: timedelta


def wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The naive wall-clock reading of `moment` in `zone`."""
    return moment.astimezone(zone).replace(tzinfo=None)


def first_instant(reading: datetime, zone: ZoneInfo) -> datetime:
    """The first instant at which the clock reads `reading` or later (naive wall time in).

    A repeated reading gives its first occurrence; one skipped by a DST gap gives the
    moment the clock jumps over it.
    """
    early, late = sorted(
        reading.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)
    )
    if wall(early, zone) >= reading:
        return early
    while late - early > _MINUTE:  # only inside a gap: wall(early) < reading <= wall(late)
        middle = early + (late - early) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= early:
            middle = early + _MINUTE
        if wall(middle, zone) >= reading:
            late = middle
        else:
            early = middle
    return late


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where local `day` begins and the next day begins."""
    start = first_instant(datetime.combine(day, time()), zone)
    end = first_instant(datetime.combine(day + timedelta(days=1), time()), zone)
    return start, end


def pieces(start: datetime, end: datetime, zone: ZoneInfo) -> list[Piece]:
    """Split [start, end) at the zone's offset changes (transitions fall on whole minutes)."""
    found: list[Piece] = []
    while start < end:
        offset = _offset(start, zone)
        cut = end
        if _offset(end - _MINUTE, zone) != offset:
            cut = _next_change(start, end - _MINUTE, offset, zone)
        found.append(Piece(start, cut, offset))
        start = cut
    return found


def _offset(moment: datetime, zone: ZoneInfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def _next_change(lo: datetime, hi: datetime, offset: timedelta, zone: ZoneInfo) -> datetime:
    """The first minute in (lo, hi] with another offset; `hi` is known to have one."""
    while hi - lo > _MINUTE:
        middle = (lo + (hi - lo) / 2).replace(second=0, microsecond=0)
        if middle <= lo:
            middle = lo + _MINUTE
        if _offset(middle, zone) == offset:
            lo = middle
        else:
            hi = middle
    return hi


def week_of(moment: datetime, zone: str, now: datetime) -> int:
    """Which `/schedule` week (0 = the current local week) `moment` falls in, seen in `zone`."""
    tz = ZoneInfo(zone)
    today, day = now.astimezone(tz).date(), moment.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    monday = day - timedelta(days=day.weekday())
    return min(max((monday - this_monday).days // 7, 0), WEEKS_AHEAD_MAX)
