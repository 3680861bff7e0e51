"""A session as one iCalendar event (RFC 5545 via icalendar): the `.ics` file sent with a
booked, moved or cancelled session, and the event written to the coach's CalDAV calendar.

Times are UTC. The UID is derived from the booking id alone, so a calendar that imported the
first file updates the same event when a moved or cancelled one arrives; SEQUENCE grows with
each change (minutes since the booking was made) so the newer file wins.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event

from domain.booking.feeds import session_uid
from domain.booking.model import SessionBooking

PRODID = "-//packages-bot//session bookings//EN"


def booking_ics(
    booking: SessionBooking,
    bot_username: str,
    now: datetime,
    description: str = "",
    cancelled: bool = False,
) -> bytes:
    """One VEVENT for the session; METHOD:CANCEL and STATUS:CANCELLED when it is off."""
    event = _event(
        booking, session_uid(booking.id or 0, bot_username), now, description, cancelled
    )
    return _file("CANCEL" if cancelled else "PUBLISH", event)


def session_event(booking: SessionBooking, uid: str, now: datetime) -> bytes:
    """The session's VEVENT under `uid`, for a CalDAV calendar, which takes no METHOD
    (RFC 4791, 4.1)."""
    return _file(None, _event(booking, uid, now))


def bookings_ics(bookings: list[SessionBooking], bot_username: str, now: datetime) -> bytes:
    """One file with a VEVENT per booked session (each under its own UID, so a later file
    for one of them changes only that one)."""
    return _file(
        "PUBLISH", *(_event(b, session_uid(b.id or 0, bot_username), now) for b in bookings)
    )


def _file(method: str | None, *events: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event(
    booking: SessionBooking, uid: str, now: datetime, description: str = "",
    cancelled: bool = False,
) -> Event:  # fmt: skip
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", booking.starts_at.astimezone(UTC))
    event.add("dtend", booking.ends_at.astimezone(UTC))
    event.add("summary", booking.title)
    event.add("sequence", max(int((now - booking.booked_at).total_seconds() // 60), 0))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if description:
        event.add("description", description)
    return event


def ics_filename(booking: SessionBooking) -> str:
    return f"session-{booking.id}.ics"
