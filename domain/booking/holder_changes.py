"""A holder's change from a package's view (book, cancel, move): one transaction that also
reads whom to tell, so the handler shows it and tells them without a second read."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.booking.access import ByHolder
from domain.booking.holder import PackageScreen, screen_in, zone_in
from domain.booking.manage import Cancelled, cancel, reschedule
from domain.booking.model import Choice, SessionBooking
from domain.booking.redeem import redeem
from domain.booking.telling import Told, telling
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import DEFAULT_HOLD, InLine, WaitlistEntry
from domain.booking.waitlist_offers import join_line, leave_line, take_offer
from domain.booking.weekly import book_weeks
from domain.reminders.use_cases import ReminderOffsets


async def book_session(
    uow: BookingUnitOfWork,
    access: ByHolder,
    choice: Choice,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Told[SessionBooking]:
    """The holder books a session (see `redeem`) and learns whom it is told to."""
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
    """The holder cancels a session (see `cancel`) and learns whom it is told to."""
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
    """The holder moves a 1:1 session (see `reschedule`) and learns whom it is told
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


async def take_offered_seat(
    uow: BookingUnitOfWork,
    user_id: int,
    entry_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Told[SessionBooking]:
    """The person offered a seat takes it (see `take_offer`) and learns whom it is
    told to."""
    async with uow:
        booking = await take_offer(uow, user_id, entry_id, now, reminders)
        return await telling(uow, booking, booking, user_id)


async def let_offered_seat_go(
    uow: BookingUnitOfWork,
    user_id: int,
    entry_id: int,
    now: datetime,
    hold: timedelta = DEFAULT_HOLD,
) -> WaitlistEntry:
    """The person offered a seat lets it go from the offer message (see `leave_line`): it
    goes to the next in line, held for `hold`."""
    async with uow:
        entry = await leave_line(uow, user_id, entry_id, now, hold)
        await uow.commit()
    return entry


async def join_line_seen(
    uow: BookingUnitOfWork, access: ByHolder, entitlement_id: int, occurrence_id: int,
    now: datetime,
) -> tuple[InLine, str]:  # fmt: skip
    """The holder joins a full date's line (see `join_line`): their place, and the zone
    they read its time in."""
    user, sold = access.user_id, access.sold_package_id
    async with uow:
        place = await join_line(uow, user, sold, entitlement_id, occurrence_id, now)
        zone = await zone_in(uow, user, sold)
        await uow.commit()
    return place, zone


async def leave_line_seen(
    uow: BookingUnitOfWork, access: ByHolder, entry_id: int, now: datetime,
    hold: timedelta = DEFAULT_HOLD,
) -> tuple[WaitlistEntry, PackageScreen]:  # fmt: skip
    """The holder leaves a line or lets the seat offered go (see `leave_line`), and
    sees the package as it is then."""
    async with uow:
        entry = await leave_line(uow, access.user_id, entry_id, now, hold)
        screen = await screen_in(uow, access.user_id, access.sold_package_id, now)
        await uow.commit()
    return entry, screen
