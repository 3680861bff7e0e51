"""Expanded calendar events to busy time: what blocks, in UTC, merged. Pure.

All-day events block their local days in the coach's zone; floating times are read in the
coach's zone too (RFC 5545: "the same hour wherever the attendee is"). Transparent (free)
and cancelled events, and the bot's own booking events written back to the coach's
calendar, block nothing: the bookings themselves already do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from domain.booking.slots import Busy
from domain.calendars.model import Occurrence


def busy_from(
    occurrences: Iterable[Occurrence],
    zone: ZoneInfo,
    window: tuple[datetime, datetime],
    own: Callable[[str], bool] = lambda uid: False,
) -> list[Busy]:
    """The busy intervals the occurrences give inside `window` (UTC), sorted and merged."""
    first, last = window
    found: list[Busy] = []
    for item in occurrences:
        if item.transparent or item.cancelled or own(item.uid):
            continue
        start, end = max(instant(item.start, zone), first), min(instant(item.end, zone), last)
        if start < end:
            found.append(Busy(start, end))
    return merged(found)


def instant(value: date | datetime, zone: ZoneInfo) -> datetime:
    """An event bound in UTC: a date is its local midnight, a naive time is local."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def merged(busy: Iterable[Busy]) -> list[Busy]:
    """Sorted, with overlapping or touching intervals joined."""
    result: list[Busy] = []
    for item in sorted(busy):
        if result and result[-1].end >= item.start:
            result[-1] = Busy(result[-1].start, max(result[-1].end, item.end))
        else:
            result.append(item)
    return result


def is_booking_uid(bot_username: str) -> Callable[[str], bool]:
    """Whether a UID is one of this bot's own events: a session (`session_uid`) or a group
    date of the coach's feed (`occurrence_uid`); both already block time themselves."""
    suffix = f"@{bot_username}.t.me".lower()
    return lambda uid: (
        uid.lower().startswith(("session-", "occurrence-")) and uid.lower().endswith(suffix)
    )
