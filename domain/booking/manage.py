"""After booking: cancelling (client before the window, or inside it as a late cancel when
the coach's policy allows; coach any time), no-shows and rescheduling (rules 9–10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.booking.access import Access, client_side, holding
from domain.booking.availability import CancelPolicy
from domain.booking.errors import (
    BookingNotActive,
    CannotReschedule,
    NotStartedYet,
    SlotTaken,
    TooLateToCancel,
)
from domain.booking.model import BookingStatus, SessionBooking
from domain.booking.redeem import free_times, service_of
from domain.booking.reminding import replan_after
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import DEFAULT_HOLD
from domain.booking.waitlist_offers import offer_free_seats
from domain.catalog.model import ItemKind, Service
from domain.errors import NotFound
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.model import SoldPackage


@dataclass(frozen=True)
class Cancelled:
    """The cancelled session and whether its unit went back to the package (`late`: a
    client cancelled inside the window under the late-cancel policy; the unit stays used)."""

    booking: SessionBooking
    unit_returned: bool
    late: bool = False


async def cancel(
    uow: BookingUnitOfWork,
    access: Access,
    booking_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
    hold: timedelta = DEFAULT_HOLD,
) -> Cancelled:
    """The holder cancels a session: the coach any time; a client before the cancellation
    window, or inside it when the coach's policy is late cancel (the unit stays used).
    Otherwise the unit returns unless the package has expired. A freed seat goes to the
    date's waitlist first (held for `hold`). Inside the caller's open unit of work."""
    package = await holding(uow, access, lock=True)
    booking = await _active(uow, package, booking_id)
    late = client_side(access, package) and await _late_cancel(uow, booking, now)
    return await _cancel(uow, package, booking, now, (reminders, hold), late)


async def no_show(
    uow: BookingUnitOfWork,
    coach_id: int,
    booking_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> SessionBooking:
    """The coach marks a started session as a no-show; the unit stays used. Inside the
    caller's open unit of work."""
    booking = await _coachs(uow, coach_id, booking_id)
    await uow.bookings.lock_coach(coach_id)
    if now < booking.starts_at:
        raise NotStartedYet()
    closed = booking.changed(status=BookingStatus.NO_SHOW, cancelled_at=now)
    if not await uow.bookings.close(closed):
        raise BookingNotActive()
    await replan_after(uow, reminders, closed, None, now)
    return closed


async def reschedule(
    uow: BookingUnitOfWork,
    access: Access,
    booking_id: int,
    starts_at: datetime,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> SessionBooking:
    """The holder moves a 1:1 session to another free slot (a client before the window);
    the old time is given up only if the new one is taken: same booking. Inside the
    caller's open unit of work."""
    package = await holding(uow, access, lock=True)
    moved = await _reschedule(uow, access, package, booking_id, starts_at, now)
    await replan_after(uow, reminders, moved, package.client_id, now)
    return moved


async def move_options_in(
    uow: BookingUnitOfWork, access: Access, booking_id: int, now: datetime
) -> tuple[SessionBooking, list[datetime]]:
    """The free start times a 1:1 session could move to (its own time counts as free, so a
    nearby time that overlaps it is offered too), inside the caller's open unit of work."""
    package = await holding(uow, access)
    booking, service = await _movable(uow, access, package, booking_id, now)
    free = await free_times(uow, package, service, now, excluding=booking.id)
    return booking, [start for start in free if start != booking.starts_at]


async def _reschedule(
    uow: BookingUnitOfWork,
    access: Access,
    package: SoldPackage,
    booking_id: int,
    starts_at: datetime,
    now: datetime,
) -> SessionBooking:
    await uow.bookings.lock_coach(package.coach_id)
    booking, service = await _movable(uow, access, package, booking_id, now)
    if starts_at not in await free_times(uow, package, service, now, excluding=booking.id):
        raise SlotTaken()
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    if not await uow.bookings.move(booking.id or 0, starts_at, ends_at):
        raise SlotTaken()
    return booking.changed(starts_at=starts_at, ends_at=ends_at)


async def _movable(
    uow: BookingUnitOfWork,
    access: Access,
    package: SoldPackage,
    booking_id: int,
    now: datetime,
) -> tuple[SessionBooking, Service]:
    """An active 1:1 session the holder may move now (a client only before the window)."""
    booking = await _active(uow, package, booking_id)
    if booking.kind is not ItemKind.SERVICE:
        raise CannotReschedule()
    if client_side(access, package):
        await _before_window(uow, booking, now)
    entitlement = package.item(booking.entitlement_id)
    if entitlement is None:
        raise NotFound("entitlement")
    return booking, await service_of(uow, package, entitlement)


async def _active(uow: BookingUnitOfWork, package: SoldPackage, booking_id: int) -> SessionBooking:
    booking = await uow.bookings.get(booking_id)
    if booking is None or booking.sold_package_id != package.stored_id:
        raise NotFound("session")
    if not booking.is_active:
        raise BookingNotActive()
    return booking


async def _coachs(uow: BookingUnitOfWork, coach_id: int, booking_id: int) -> SessionBooking:
    booking = await uow.bookings.get(booking_id)
    if booking is None or booking.coach_id != coach_id:
        raise NotFound("session")
    if not booking.is_active:
        raise BookingNotActive()
    return booking


async def _before_window(uow: BookingUnitOfWork, booking: SessionBooking, now: datetime) -> None:
    settings = (await uow.availability.get(booking.coach_id)).settings
    if settings.inside_window(booking.starts_at, now):
        raise TooLateToCancel(int(settings.cancel_window.total_seconds() // 3600))


async def _late_cancel(uow: BookingUnitOfWork, booking: SessionBooking, now: datetime) -> bool:
    """Whether a client's cancel now is late (allowed, unit burned); TooLateToCancel when
    the window has begun and the coach's policy keeps it closed."""
    settings = (await uow.availability.get(booking.coach_id)).settings
    if not settings.inside_window(booking.starts_at, now):
        return False
    if settings.cancel_policy is CancelPolicy.LATE:
        return True
    raise TooLateToCancel(int(settings.cancel_window.total_seconds() // 3600))


async def _cancel(
    uow: BookingUnitOfWork,
    package: SoldPackage,
    booking: SessionBooking,
    now: datetime,
    follow: tuple[ReminderOffsets | None, timedelta],
    late: bool = False,
) -> Cancelled:
    reminders, hold = follow
    await uow.bookings.lock_coach(booking.coach_id)
    closed = booking.changed(status=BookingStatus.CANCELLED, cancelled_at=now)
    if not await uow.bookings.close(closed):
        raise BookingNotActive()
    if booking.occurrence_id is not None:
        await uow.bookings.release_seat(booking.occurrence_id)
        await offer_free_seats(uow, booking.occurrence_id, now, hold)
    returned = not late and not package.has_expired(now)
    if returned:
        await uow.bookings.return_unit(booking.entitlement_id)
    await replan_after(uow, reminders, closed, package.client_id, now)
    return Cancelled(closed, returned, late)
