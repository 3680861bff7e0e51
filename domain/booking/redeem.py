"""Redeeming: what can be booked with a sold package, and booking it (rules 6–9).

Checks before the writes give the person a precise reason; the writes themselves
(`take_unit`, `take_seat`, `add`) are the guarantee under concurrency.

Lock order, the same in every booking write so two of them never wait on each other in a
circle: the sold package row (shared, see `holding`), then the coach row, then entitlement,
occurrence and booking rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.booking.access import Access, holding
from domain.booking.errors import (
    AlreadyBooked,
    ItemNoLongerOffered,
    NothingLeftToBook,
    OccurrenceUnavailable,
    PackageExpired,
    PackagePaused,
    PackageRefunded,
    SeriesFull,
    SlotTaken,
)
from domain.booking.model import (
    Choice,
    GroupSeat,
    OneToOne,
    SessionBooking,
)
from domain.booking.reminding import replan_after
from domain.booking.slots import SlotQuery, free_slots
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.model import ItemKind, Occurrence, Series, Service
from domain.errors import NotFound
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.model import SoldItem, SoldPackage, SoldStatus


def bookable_entitlement(
    package: SoldPackage, entitlement_id: int, now: datetime, kind: ItemKind
) -> SoldItem:
    """The item to book from, or the reason it cannot be booked now."""
    entitlement = package.item(entitlement_id)
    if entitlement is None or entitlement.kind is not kind:
        raise NotFound("item")
    _still_running(package, now)
    if entitlement.removed:
        raise ItemNoLongerOffered()
    if entitlement.left <= 0:
        raise NothingLeftToBook()
    return entitlement


def _still_running(package: SoldPackage, at: datetime) -> None:
    """Refunded, paused or expired at `at`: the reason nothing can be booked."""
    status = package.status(at)
    if status is SoldStatus.REFUNDED:
        raise PackageRefunded()
    if status is SoldStatus.PAUSED:
        raise PackagePaused()
    if status is SoldStatus.EXPIRED:
        raise PackageExpired()


async def item_slots(
    uow: BookingUnitOfWork, package: SoldPackage, entitlement_id: int, now: datetime
) -> list[datetime]:
    """The free start times (UTC) for the item's service, before expiry, of a package
    already held (inside the caller's unit of work)."""
    entitlement = bookable_entitlement(package, entitlement_id, now, ItemKind.SERVICE)
    service = await service_of(uow, package, entitlement)
    return await free_times(uow, package, service, now)


async def item_occurrences(
    uow: BookingUnitOfWork, package: SoldPackage, entitlement_id: int, now: datetime
) -> tuple[Series, list[Occurrence]]:
    """The upcoming occurrences of the item's series that start before expiry (full ones
    included: the viewer is told they are full), of a package already held (inside the
    caller's unit of work)."""
    entitlement = bookable_entitlement(package, entitlement_id, now, ItemKind.SERIES)
    series = await _series(uow, package, entitlement)
    occurrences = await uow.series.occurrences(entitlement.ref_id)
    return series, [o for o in occurrences if _seat_bookable(package, o, now)]


async def redeem(
    uow: BookingUnitOfWork,
    access: Access,
    choice: Choice,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> SessionBooking:
    """The holder books one session with one unit of the package (with its reminders, when
    `reminders` is given), inside the caller's open unit of work."""
    package = await holding(uow, access, lock=True)
    if isinstance(choice, OneToOne):
        booking = await book_one_to_one(uow, package, choice, now)
    else:
        booking = await _book_seat(uow, package, choice, now)
    await replan_after(uow, reminders, booking, package.client_id, now)
    return booking


async def book_one_to_one(
    uow: BookingUnitOfWork, package: SoldPackage, choice: OneToOne, now: datetime
) -> SessionBooking:
    """One 1:1 session with one unit, inside the caller's transaction (package held)."""
    entitlement = bookable_entitlement(package, choice.entitlement_id, now, ItemKind.SERVICE)
    service = await service_of(uow, package, entitlement)
    await uow.bookings.lock_coach(package.coach_id)
    await _take_unit(uow, package, entitlement, choice.starts_at)
    if choice.starts_at not in await free_times(uow, package, service, now):
        raise SlotTaken()
    ends_at = choice.starts_at + timedelta(minutes=service.duration_minutes)
    booking = _booking(package, entitlement, choice.starts_at, ends_at, now)
    return await _store(uow, booking, SlotTaken())


async def _book_seat(
    uow: BookingUnitOfWork, package: SoldPackage, choice: GroupSeat, now: datetime
) -> SessionBooking:
    entitlement = bookable_entitlement(package, choice.entitlement_id, now, ItemKind.SERIES)
    series = await _series(uow, package, entitlement)
    occurrence = await _occurrence(uow, package, series, choice.occurrence_id, now)
    await uow.bookings.lock_coach(package.coach_id)
    await _take_unit(uow, package, entitlement, occurrence.starts_at)
    if not await uow.bookings.take_seat(choice.occurrence_id):
        await _occurrence(uow, package, series, choice.occurrence_id, now)  # gone meanwhile?
        raise SeriesFull()
    ends_at = occurrence.starts_at + timedelta(minutes=series.duration_minutes)
    booking = _booking(package, entitlement, occurrence.starts_at, ends_at, now)
    booking.occurrence_id = occurrence.id
    return await _store(uow, booking, AlreadyBooked())


async def book_held_seat(
    uow: BookingUnitOfWork,
    package: SoldPackage,
    entitlement_id: int,
    occurrence: Occurrence,
    now: datetime,
) -> SessionBooking:
    """A seat already counted in its date (a waitlist offer's hold) becomes the package's
    booking with one unit, inside the caller's transaction."""
    entitlement = bookable_entitlement(package, entitlement_id, now, ItemKind.SERIES)
    series = await _series(uow, package, entitlement)
    await _take_unit(uow, package, entitlement, occurrence.starts_at)
    ends_at = occurrence.starts_at + timedelta(minutes=series.duration_minutes)
    booking = _booking(package, entitlement, occurrence.starts_at, ends_at, now)
    booking.occurrence_id = occurrence.id
    return await _store(uow, booking, AlreadyBooked())


async def _take_unit(
    uow: BookingUnitOfWork, package: SoldPackage, entitlement: SoldItem, at: datetime
) -> None:
    _still_running(package, at)
    if not await uow.bookings.take_unit(entitlement.stored_id, at):
        fresh = await uow.bookings.package(package.stored_id)
        if fresh is not None:  # a concurrent change: say which one
            bookable_entitlement(fresh, entitlement.stored_id, at, entitlement.kind)
        raise NothingLeftToBook()


async def _store(
    uow: BookingUnitOfWork, booking: SessionBooking, clash: Exception
) -> SessionBooking:
    stored = await uow.bookings.add(booking)
    if stored is None:
        raise clash
    return stored


async def free_times(
    uow: BookingUnitOfWork,
    package: SoldPackage,
    service: Service,
    now: datetime,
    excluding: int | None = None,
) -> list[datetime]:
    """Free starts for `service`; `excluding` a booking that is about to move."""
    coach = await uow.coaches.get(package.coach_id)
    if coach is None:
        raise NotFound("coach")
    availability = await uow.availability.get(package.coach_id)
    horizon = now + timedelta(days=availability.settings.horizon_days + 1)
    start = now - timedelta(days=1)
    busy = await uow.bookings.busy(package.coach_id, start, horizon, excluding)
    query = SlotQuery(timedelta(minutes=service.duration_minutes), now, package.expires_at)
    return free_slots(availability, coach.timezone, busy, query)


async def service_of(
    uow: BookingUnitOfWork, package: SoldPackage, entitlement: SoldItem
) -> Service:
    service = await uow.services.get(package.coach_id, entitlement.ref_id)
    if service is None:
        raise ItemNoLongerOffered()
    return service


async def _series(uow: BookingUnitOfWork, package: SoldPackage, entitlement: SoldItem) -> Series:
    series = await uow.series.get(package.coach_id, entitlement.ref_id)
    if series is None:
        raise ItemNoLongerOffered()
    return series


async def _occurrence(
    uow: BookingUnitOfWork, package: SoldPackage, series: Series, occurrence_id: int,
    now: datetime,
) -> Occurrence:  # fmt: skip
    assert series.id is not None
    found = [o for o in await uow.series.occurrences(series.id) if o.id == occurrence_id]
    if not found or not _seat_bookable(package, found[0], now):
        raise OccurrenceUnavailable()
    if found[0].seats_taken >= series.capacity:
        raise SeriesFull()
    return found[0]


def _seat_bookable(package: SoldPackage, occurrence: Occurrence, now: datetime) -> bool:
    return occurrence.starts_at > now and not package.has_expired(occurrence.starts_at)


def _booking(
    package: SoldPackage, entitlement: SoldItem, starts_at: datetime, ends_at: datetime,
    now: datetime,
) -> SessionBooking:  # fmt: skip
    return SessionBooking(
        id=None,
        sold_package_id=package.stored_id,
        entitlement_id=entitlement.stored_id,
        coach_id=package.coach_id,
        kind=entitlement.kind,
        ref_id=entitlement.ref_id,
        title=entitlement.title,
        starts_at=starts_at,
        ends_at=ends_at,
        booked_at=now,
    )
