"""Free start times for a 1:1 session: availability minus days off, busy time (with the
buffer), notice, horizon and the package's expiry. Pure; UTC in, UTC out.

Working time on a local day is the set of instants whose wall-clock reading falls in one of
that weekday's ranges, so a range keeps its wall-clock meaning on 23- and 25-hour days.
Candidates step from the start of each working stretch; a session never straddles a break.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import Availability, TimeRange
from domain.booking.wallclock import Piece, day_bounds, pieces


@dataclass(frozen=True, order=True)
class Busy:
    """Time the coach is taken, [start, end) in UTC: a booked session or a group class."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class SlotQuery:
    """What to find slots for: a session length, at `now`, for a package valid until."""

    duration: timedelta
    now: datetime
    expires_at: datetime | None = None


def free_slots(
    availability: Availability, zone: str, busy: Sequence[Busy], query: SlotQuery
) -> list[datetime]:
    """Every free start time (aware UTC, ascending) for a session of `query.duration`."""
    settings = availability.settings
    earliest = query.now + settings.notice
    latest = query.now + timedelta(days=settings.horizon_days)
    if query.expires_at is not None:
        latest = min(latest, query.expires_at - timedelta(microseconds=1))
    step = timedelta(minutes=settings.step_minutes)
    blocked = _blocked(busy, timedelta(minutes=settings.buffer_minutes))
    found: list[datetime] = []
    for start, end in working_stretches(availability, ZoneInfo(zone), earliest, latest):
        candidate = start
        while candidate + query.duration <= end and candidate <= latest:
            if candidate >= earliest and not _overlaps(blocked, candidate, query.duration):
                found.append(candidate)
            candidate += step
    return found


def working_stretches(
    availability: Availability, zone: ZoneInfo, first: datetime, last: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """Working time as UTC [start, end) stretches for the local days around first..last;
    touching stretches (a range across a DST change) are joined."""
    pending: tuple[datetime, datetime] | None = None
    for day in _days(first.astimezone(zone).date(), last.astimezone(zone).date()):
        if availability.is_day_off(day):
            continue
        for start, end in _day_stretches(day, availability.ranges_on(day.weekday()), zone):
            if pending is not None and pending[1] == start:
                pending = (pending[0], end)
                continue
            if pending is not None:
                yield pending
            pending = (start, end)
    if pending is not None:
        yield pending


def _days(first: date, last: date) -> Iterator[date]:
    day = first - timedelta(days=1)
    while day <= last:
        yield day
        day += timedelta(days=1)


def _day_stretches(
    day: date, ranges: Sequence[TimeRange], zone: ZoneInfo
) -> list[tuple[datetime, datetime]]:
    if not ranges:
        return []
    midnight = datetime.combine(day, datetime.min.time())
    day_pieces = pieces(*day_bounds(day, zone), zone)
    found: list[tuple[datetime, datetime]] = []
    for item in ranges:
        opens = midnight + timedelta(minutes=item.start)
        closes = midnight + timedelta(minutes=item.end)
        for piece in day_pieces:
            found += _clip(piece, opens, closes)
    return _joined(sorted(found))


def _clip(piece: Piece, opens: datetime, closes: datetime) -> list[tuple[datetime, datetime]]:
    """The part of `piece` whose wall time lies in [opens, closes), in UTC."""
    reading_start = (piece.start + piece.offset).replace(tzinfo=None)
    reading_end = (piece.end + piece.offset).replace(tzinfo=None)
    lo, hi = max(reading_start, opens), min(reading_end, closes)
    if lo >= hi:
        return []
    return [(piece.start + (lo - reading_start), piece.start + (hi - reading_start))]


def _joined(stretches: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    joined: list[tuple[datetime, datetime]] = []
    for start, end in stretches:
        if joined and joined[-1][1] >= start:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _blocked(busy: Sequence[Busy], buffer: timedelta) -> list[Busy]:
    """Busy time widened by the buffer on both sides, merged, sorted."""
    widened = sorted(Busy(b.start - buffer, b.end + buffer) for b in busy)
    merged: list[Busy] = []
    for item in widened:
        if merged and merged[-1].end >= item.start:
            merged[-1] = Busy(merged[-1].start, max(merged[-1].end, item.end))
        else:
            merged.append(item)
    return merged


def _overlaps(blocked: list[Busy], start: datetime, duration: timedelta) -> bool:
    end = start + duration
    index = bisect.bisect_right(blocked, start, key=lambda b: b.end)
    return index < len(blocked) and blocked[index].start < end
