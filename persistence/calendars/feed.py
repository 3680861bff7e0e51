"""An iCalendar feed to the domain's occurrences over a window: recurring events expanded
(RRULE, RDATE, EXDATE, moved occurrences by RECURRENCE-ID) by recurring-ical-events, Google's
X-WR-TIMEZONE feeds made standard first by x-wr-timezone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import recurring_ical_events  # type: ignore[import-untyped]
import x_wr_timezone  # type: ignore[import-untyped]
from icalendar import Calendar

from domain.calendars.model import CalendarUnreadable, Occurrence, ReadError


def occurrences(body: bytes, start: datetime, end: datetime) -> list[Occurrence]:
    """Every event instance overlapping [start, end) in the feed (one or more VCALENDARs)."""
    try:
        calendars = Calendar.from_ical(body, multiple=True)
    except ValueError as exc:
        raise CalendarUnreadable(ReadError.NOT_A_CALENDAR, str(exc)) from None
    found: list[Occurrence] = []
    for calendar in calendars:
        found += events_between(calendar, start, end)
    return found


def events_between(calendar: Calendar, start: datetime, end: datetime) -> list[Occurrence]:
    if calendar.name != "VCALENDAR":
        raise CalendarUnreadable(ReadError.NOT_A_CALENDAR)
    try:
        standard = x_wr_timezone.to_standard(calendar)
        return list(_occurrences(recurring_ical_events.of(standard).between(start, end)))
    except (ValueError, TypeError, KeyError) as exc:
        raise CalendarUnreadable(ReadError.NOT_A_CALENDAR, str(exc)) from None


def _occurrences(events: Any) -> Iterator[Occurrence]:
    for event in events:
        begins = _value(event.get("DTSTART"))
        if begins is None:
            continue
        ends = _value(event.get("DTEND")) or _ends_by_duration(event, begins)
        yield Occurrence(
            start=begins,
            end=ends,
            transparent=str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT",
            cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
            uid=str(event.get("UID", "")),
        )


def _value(prop: Any) -> date | datetime | None:
    value: object = getattr(prop, "dt", None)
    return value if isinstance(value, date | datetime) else None


def _ends_by_duration(event: Any, begins: date | datetime) -> date | datetime:
    duration = _duration(event.get("DURATION"))
    if isinstance(duration, timedelta):
        return begins + duration
    if not isinstance(begins, datetime):  # an all-day event lasts its day
        return begins + timedelta(days=1)
    return begins  # an instant: blocks nothing (RFC 5545, 3.6.1)


def _duration(prop: Any) -> object:
    return getattr(prop, "dt", None)
