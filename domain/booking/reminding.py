"""After a booking change: the session's reminders and its package's expiry reminders follow."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.booking.model import SessionBooking
from domain.booking.uow import BookingUnitOfWork
from domain.reminders.planning import SessionFacts
from domain.reminders.use_cases import (
    ReminderOffsets,
    replan_package_reminders,
    replan_session_reminders,
)


async def replan_after(
    uow: BookingUnitOfWork,
    offsets: ReminderOffsets | None,
    booking: SessionBooking,
    client_id: int | None,
    now: datetime,
) -> None:
    """Inside the booking's transaction, after the change: client and coach get reminders
    for an active session (none once it is cancelled or a no-show), and the package's expiry
    reminders match its sessions left. The coach is reminded of a group meeting once, through
    one of its seats. Nothing when `offsets` is None."""
    if offsets is None or booking.id is None:
        return
    facts = _facts(booking, client_id)
    group = [facts]
    if booking.occurrence_id is not None:
        group += [
            _facts(seat.booking, seat.client_id)
            for seat in await uow.bookings.on_occurrence(booking.occurrence_id)
            if seat.booking.id != booking.id
        ]
        group = _coach_reminded_once(group)
    await replan_session_reminders(uow, group, now, offsets.session)
    await replan_package_reminders(uow, booking.sold_package_id, now, offsets.expiry)


def _facts(booking: SessionBooking, client_id: int | None) -> SessionFacts:
    assert booking.id is not None
    return SessionFacts(
        session_id=booking.id,
        sold_package_id=booking.sold_package_id,
        client_id=client_id,
        coach_id=booking.coach_id,
        title=booking.title,
        starts_at=booking.starts_at,
        active=booking.is_active,
    )


def _coach_reminded_once(seats: list[SessionFacts]) -> list[SessionFacts]:
    """The coach is reminded of a group meeting through its active seat with the lowest id."""
    first = min((s.session_id for s in seats if s.active), default=None)
    return [replace(s, remind_coach=s.session_id == first) for s in seats]
