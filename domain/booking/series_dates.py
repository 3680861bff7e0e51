"""Removing a date of a series once seats are booked in it (rule 9 meets rule 6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.booking.model import BookingStatus, ScheduleEntry
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.access import own_series
from domain.errors import NotFound


async def remove_series_date(
    uow: BookingUnitOfWork, coach_id: int, series_id: int, occurrence_id: int, now: datetime
) -> list[ScheduleEntry]:
    """The coach removes one date: in the same transaction every seat booked in it is
    cancelled and its unit returned (unless the package expired). The cancelled seats come
    back so their clients can be told."""
    async with uow:
        await own_series(uow, coach_id, series_id)
        if not any(o.id == occurrence_id for o in await uow.series.occurrences(series_id)):
            raise NotFound()
        await uow.bookings.lock_coach(coach_id)
        seats = await uow.bookings.on_occurrence(occurrence_id)
        for seat in seats:
            closed = replace(seat.booking, status=BookingStatus.CANCELLED, cancelled_at=now)
            if not await uow.bookings.close(closed):
                continue
            package = await uow.bookings.package(seat.booking.sold_package_id)
            if package is not None and not package.has_expired(now):
                await uow.bookings.return_unit(seat.booking.entitlement_id)
        await uow.series.remove_occurrence(series_id, occurrence_id)
        await uow.commit()
    return [replace(s, booking=replace(s.booking, status=BookingStatus.CANCELLED)) for s in seats]
