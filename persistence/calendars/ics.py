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
    uid = session_uid(booking.id or 0, bot_username)
    return session_event(booking, uid, now, description, cancelled, stored=False)


def session_event(
    booking: SessionBooking,
    uid: str,
    now: datetime,
    description: str = "",
    cancelled: bool = False,
    stored: bool = True,
) -> bytes:
    """The session's VEVENT under `uid`. `stored`: for a CalDAV calendar, which takes no
    METHOD (RFC 4791, 4.1)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if not stored:
        calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
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
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def ics_filename(booking: SessionBooking) -> str:
    return f"session-{booking.id}.ics"
