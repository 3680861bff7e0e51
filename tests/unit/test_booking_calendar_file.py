"""The .ics file of a session: RFC 5545 that icalendar reads back, UTC times, a UID stable
across moves and cancellation, a sequence that grows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from domain.booking.model import SessionBooking
from domain.catalog.model import ItemKind
from persistence.calendars.ics import booking_ics, ics_filename

BOOKED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
SESSION = SessionBooking(
    id=42, sold_package_id=1, entitlement_id=11, coach_id=7, kind=ItemKind.SERVICE, ref_id=1,
    title="Intro call", starts_at=START, ends_at=START + timedelta(hours=1), booked_at=BOOKED,
)  # fmt: skip


def _event(data: bytes) -> tuple[Calendar, dict[str, object]]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_a_booked_session_is_one_confirmed_event_in_utc() -> None:
    calendar, event = _event(booking_ics(SESSION, "coachbot", BOOKED, "With Anna"))
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    assert event["UID"] == "session-42@coachbot.t.me"
    assert event["DTSTART"].dt == START and event["DTEND"].dt == START + timedelta(hours=1)
    assert event["DTSTART"].to_ical() == b"20261201T080000Z"
    assert event["SUMMARY"] == "Intro call" and event["DESCRIPTION"] == "With Anna"
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    assert ics_filename(SESSION) == "session-42.ics"


def test_a_moved_and_then_cancelled_session_keeps_its_uid_with_a_higher_sequence() -> None:
    moved = replace(
        SESSION, starts_at=START + timedelta(hours=2), ends_at=START + timedelta(hours=3)
    )
    _, first = _event(booking_ics(SESSION, "coachbot", BOOKED))
    _, second = _event(booking_ics(moved, "coachbot", BOOKED + timedelta(hours=1)))
    calendar, third = _event(
        booking_ics(moved, "coachbot", BOOKED + timedelta(hours=2), cancelled=True)
    )
    assert first["UID"] == second["UID"] == third["UID"]
    assert first["SEQUENCE"] < second["SEQUENCE"] < third["SEQUENCE"]
    assert second["DTSTART"].dt == START + timedelta(hours=2)
    assert calendar["METHOD"] == "CANCEL" and third["STATUS"] == "CANCELLED"
