"""A holder's change from a package's view (book, cancel, move): one transaction that also
reads whom to tell, so the handler shows it and tells them without a second read."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.booking.access import ByHolder
from domain.booking.manage import Cancelled, cancel, reschedule
from domain.booking.model import Choice, SessionBooking
from domain.booking.redeem import redeem
from domain.booking.telling import Told, telling
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import DEFAULT_HOLD
from domain.booking.weekly import book_weeks
from domain.reminders.use_cases import ReminderOffsets


async def book_session(
    uow: BookingUnitOfWork,
    access: ByHolder,
    choice: Choice,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Told[SessionBooking]:
    """The holder books a session (see `redeem_session`) and learns whom it is told to."""
    async with uow:
        booking = await redeem(uow, access, choice, now, reminders)
        return await telling(uow, booking, booking, access.user_id)


async def cancel_own_session(
    uow: BookingUnitOfWork,
    access: ByHolder,
    booking_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
    hold: timedelta = DEFAULT_HOLD,
) -> Told[Cancelled]:
    """The holder cancels a session (see `cancel_session`) and learns whom it is told to."""
    async with uow:
        done = await cancel(uow, access, booking_id, now, reminders, hold)
        return await telling(uow, done, done.booking, access.user_id)


async def move_own_session(
    uow: BookingUnitOfWork,
    access: ByHolder,
    booking_id: int,
    starts_at: datetime,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Told[SessionBooking]:
    """The holder moves a 1:1 session (see `reschedule_session`) and learns whom it is told
    to."""
    async with uow:
        moved = await reschedule(uow, access, booking_id, starts_at, now, reminders)
        return await telling(uow, moved, moved, access.user_id)


async def book_weekly_sessions(
    uow: BookingUnitOfWork,
    access: ByHolder,
    entitlement_id: int,
    first: datetime,
    mask: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Told[list[SessionBooking]]:
    """The holder books the weeks `mask` chooses from `first` (see `chosen_weeks`) all at
    once or none, and learns whom they are told to."""
    async with uow:
        booked = await book_weeks(uow, access, entitlement_id, first, mask, now, reminders)
        return await telling(uow, booked, booked[0], access.user_id)
