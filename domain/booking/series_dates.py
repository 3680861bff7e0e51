"""Removing a date of a series once seats are booked in it (rule 9 meets rule 6)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.booking.model import BookingStatus, ScheduleEntry
from domain.booking.reminding import replan_after
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.dates import DateRemoval, remove_date
from domain.reminders.use_cases import ReminderOffsets


@dataclass(frozen=True)
class SeatsCancelled:
    """What removing the date did, and the seats cancelled with it (their clients are told)."""

    removal: DateRemoval
    seats: list[ScheduleEntry]


async def remove_series_date(
    uow: BookingUnitOfWork,
    coach_id: int,
    series_id: int,
    occurrence_id: int,
    now: datetime,
    confirmed: bool = True,
    reminders: ReminderOffsets | None = None,
) -> SeatsCancelled:
    """The coach removes one date (asked first when seats are booked, see `remove_date`); in
    the same transaction every seat in it is cancelled and its unit returned (unless the
    package expired)."""
    seats: list[ScheduleEntry] = []

    async def cancel_seats() -> None:
        await uow.bookings.lock_coach(coach_id)
        seats.extend(await _cancel_seats(uow, occurrence_id, now, reminders))

    removal = await remove_date(
        uow, coach_id, series_id, occurrence_id, now, confirmed, before_removal=cancel_seats
    )
    return SeatsCancelled(removal, seats)


async def _cancel_seats(
    uow: BookingUnitOfWork, occurrence_id: int, now: datetime, reminders: ReminderOffsets | None
) -> list[ScheduleEntry]:
    cancelled = []
    for seat in await uow.bookings.on_occurrence(occurrence_id):
        closed = seat.booking.changed(status=BookingStatus.CANCELLED, cancelled_at=now)
        if not await uow.bookings.close(closed):
            continue
        package = await uow.bookings.package(seat.booking.sold_package_id)
        if package is not None and not package.has_expired(now):
            await uow.bookings.return_unit(seat.booking.entitlement_id)
        client_id = package.client_id if package is not None else None
        await replan_after(uow, reminders, closed, client_id, now)
        cancelled.append(replace(seat, booking=closed))
    return cancelled
