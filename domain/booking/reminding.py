"""After a booking change: the session's reminders and its package's expiry reminders follow."""

from __future__ import annotations

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
    reminders match its sessions left. Nothing when `offsets` is None."""
    if offsets is None or booking.id is None:
        return
    facts = SessionFacts(
        session_id=booking.id,
        sold_package_id=booking.sold_package_id,
        client_id=client_id,
        coach_id=booking.coach_id,
        title=booking.title,
        starts_at=booking.starts_at,
        active=booking.is_active,
    )
    await replan_session_reminders(uow, facts, now, offsets.session)
    await replan_package_reminders(uow, booking.sold_package_id, now, offsets.expiry)
