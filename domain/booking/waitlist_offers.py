"""Waitlist use cases: join a full date's line, leave it, take or decline a seat offer, and
pass a freed seat on to the next in line (see `domain.booking.waitlist`).

Every write takes the locks in booking's order (the sold package shared, then the coach),
so a cancellation, a take, a lapse and a sweep of the same coach run one after the other;
the conditional state changes are the guarantee besides."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.booking.access import ByHolder, holding
from domain.booking.errors import (
    AlreadyBooked,
    AlreadyWaiting,
    BookingRefused,
    DateNotFull,
    OccurrenceUnavailable,
    OfferLapsed,
)
from domain.booking.model import SessionBooking
from domain.booking.redeem import book_held_seat, bookable_entitlement
from domain.booking.reminding import replan_after
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import (
    DEFAULT_HOLD,
    InLine,
    WaitDate,
    WaitlistEntry,
    WaitState,
    hold_end,
    may_offer,
    positions,
)
from domain.catalog.model import ItemKind, Occurrence
from domain.errors import NotFound
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.model import SoldPackage


async def join_line(
    uow: BookingUnitOfWork,
    user_id: int,
    sold_id: int,
    entitlement_id: int,
    occurrence_id: int,
    now: datetime,
) -> InLine:
    """A holder with a unit left joins the line of a full date; their place in it. Inside
    the caller's open unit of work."""
    package = await holding(uow, ByHolder(user_id, sold_id), lock=True)
    entitlement = bookable_entitlement(package, entitlement_id, now, ItemKind.SERIES)
    await uow.bookings.lock_coach(package.coach_id)
    date = await _open_date(uow, package, entitlement.ref_id, occurrence_id, now)
    if not date.full:
        raise DateNotFull()
    booked = await uow.bookings.upcoming_for_package(package.stored_id, now)
    if any(b.occurrence_id == occurrence_id for b in booked):
        raise AlreadyBooked()
    entry = WaitlistEntry(
        None, occurrence_id, package.coach_id, sold_id, entitlement_id, user_id, now
    )
    stored = await uow.waitlist.add(entry)
    if stored is None:
        raise AlreadyWaiting()
    place = positions(await uow.waitlist.line(occurrence_id))[stored.stored_id]
    return InLine(stored, date.title, date.starts_at, place)


async def take_offer(
    uow: BookingUnitOfWork,
    user_id: int,
    entry_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> SessionBooking:
    """The person offered a seat takes it while it is held: one unit, booked like any seat.
    Inside the caller's open unit of work."""
    package, entry = await _own_entry(uow, user_id, entry_id)
    if entry.state is not WaitState.OFFERED or (entry.hold_until or now) <= now:
        raise OfferLapsed()
    date = await uow.waitlist.date(entry.occurrence_id)
    if date is None or date.starts_at <= now:
        raise OfferLapsed()
    if not await uow.waitlist.close(entry_id, WaitState.OFFERED, WaitState.TAKEN, now):
        raise OfferLapsed()
    occurrence = Occurrence(date.occurrence_id, date.series_id, date.starts_at)
    booking = await book_held_seat(uow, package, entry.entitlement_id, occurrence, now)
    await replan_after(uow, reminders, booking, package.client_id, now)
    return booking


async def leave_line(
    uow: BookingUnitOfWork,
    user_id: int,
    entry_id: int,
    now: datetime,
    hold: timedelta = DEFAULT_HOLD,
) -> WaitlistEntry:
    """The holder leaves the line, or declines the seat offered (it goes to the next).
    Inside the caller's open unit of work."""
    _, entry = await _own_entry(uow, user_id, entry_id)
    if entry.state is WaitState.WAITING:
        closed = await uow.waitlist.close(entry_id, WaitState.WAITING, WaitState.LEFT, now)
    elif entry.state is WaitState.OFFERED:
        closed = await _give_back(uow, entry, WaitState.DECLINED, now, hold)
    else:
        closed = False
    if not closed:
        raise OfferLapsed()
    return entry


async def lapse_offer(
    uow: BookingUnitOfWork, entry: WaitlistEntry, now: datetime, hold: timedelta
) -> bool:
    """An offer whose hold ran out lapses and its seat goes to the next in line; False when
    it was taken or declined first."""
    async with uow:
        await uow.bookings.lock_coach(entry.coach_id)
        if not await _give_back(uow, entry, WaitState.LAPSED, now, hold):
            return False
        await uow.commit()
        return True


async def offer_free_seats(
    uow: BookingUnitOfWork, occurrence_id: int, now: datetime, hold: timedelta
) -> list[WaitlistEntry]:
    """Inside the caller's transaction, under the coach's lock: each free seat of the date
    is held for the next in line whose package can pay for it; none inside the notice."""
    date = await uow.waitlist.date(occurrence_id)
    if date is None:
        return []
    notice = (await uow.availability.get(date.coach_id)).settings.notice
    if not may_offer(date.starts_at, now, notice):
        return []
    offered = []
    for entry in await uow.waitlist.line(occurrence_id):
        if entry.state is not WaitState.WAITING or not await _can_pay(uow, entry, date, now):
            continue
        if not await uow.bookings.take_seat(occurrence_id):
            break  # no seat left
        until = hold_end(now, hold, date.starts_at)
        if not await uow.waitlist.offer(entry.stored_id, until, now):
            await uow.bookings.release_seat(occurrence_id)
            continue
        offered.append(entry)
    return offered


async def _give_back(
    uow: BookingUnitOfWork, entry: WaitlistEntry, state: WaitState, now: datetime,
    hold: timedelta,
) -> bool:  # fmt: skip
    if not await uow.waitlist.close(entry.stored_id, WaitState.OFFERED, state, now):
        return False
    await uow.bookings.release_seat(entry.occurrence_id)
    await offer_free_seats(uow, entry.occurrence_id, now, hold)
    return True


async def _own_entry(
    uow: BookingUnitOfWork, user_id: int, entry_id: int
) -> tuple[SoldPackage, WaitlistEntry]:
    """The entry, if the person holds its package; read again under the coach's lock."""
    entry = await uow.waitlist.get(entry_id)
    if entry is None:
        raise NotFound("waitlist")
    package = await holding(uow, ByHolder(user_id, entry.sold_package_id), lock=True)
    await uow.bookings.lock_coach(package.coach_id)
    fresh = await uow.waitlist.get(entry_id)
    if fresh is None:
        raise NotFound("waitlist")
    return package, fresh


async def _open_date(
    uow: BookingUnitOfWork, package: SoldPackage, series_id: int, occurrence_id: int,
    now: datetime,
) -> WaitDate:  # fmt: skip
    date = await uow.waitlist.date(occurrence_id)
    if date is None or date.series_id != series_id or date.starts_at <= now:
        raise OccurrenceUnavailable()
    if package.has_expired(date.starts_at):
        raise OccurrenceUnavailable()
    return date


async def _can_pay(
    uow: BookingUnitOfWork, entry: WaitlistEntry, date: WaitDate, now: datetime
) -> bool:
    """Whether the entry's package can still take this seat (held, active, a unit left)."""
    try:
        package = await holding(uow, ByHolder(entry.user_id, entry.sold_package_id))
        bookable_entitlement(package, entry.entitlement_id, now, ItemKind.SERIES)
    except (NotFound, BookingRefused):  # revoked, expired, used up: the next one
        return False
    return not package.has_expired(date.starts_at)


async def package_lines(uow: BookingUnitOfWork, sold_id: int) -> list[InLine]:
    """The package's open places in lines (inside the caller's unit of work)."""
    places = []
    for entry in await uow.waitlist.of_package(sold_id):
        date = await uow.waitlist.date(entry.occurrence_id)
        if date is None:
            continue
        place = positions(await uow.waitlist.line(entry.occurrence_id))
        places.append(InLine(entry, date.title, date.starts_at, place[entry.stored_id]))
    return places


async def date_line(uow: BookingUnitOfWork, coach_id: int, occurrence_id: int) -> list[InLine]:
    """The coach sees who waits for one of their dates, in line order, with names."""
    async with uow:
        return await line_of_date(uow, coach_id, occurrence_id)


async def line_of_date(uow: BookingUnitOfWork, coach_id: int, occurrence_id: int) -> list[InLine]:
    """`date_line` inside the caller's open unit of work."""
    date = await uow.waitlist.date(occurrence_id)
    if date is None or date.coach_id != coach_id:
        return []
    line = await uow.waitlist.line(occurrence_id)
    names = await uow.waitlist.names(sorted({e.user_id for e in line}))
    place = positions(line)
    return [
        InLine(e, date.title, date.starts_at, place[e.stored_id], names.get(e.user_id))
        for e in line
    ]
