"""Removing a series date with seats booked: every seat is cancelled and its unit returned,
in the same step as the removal."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.booking.holder_changes import book_session
from domain.booking.model import BookingStatus, GroupSeat
from domain.booking.series_dates import remove_series_date
from domain.errors import NotFound
from tests.unit.booking_scenario import COACH, NOW, YOGA, by, left, scenario
from tests.unit.fakes import seed_coach


async def test_removing_a_date_cancels_its_seats_and_returns_the_units() -> None:
    uow = scenario(seats=3)
    for sold_id in (1, 2):
        await book_session(uow, by(sold_id), GroupSeat(10 * sold_id + 2, 1), NOW)
    seats = (await remove_series_date(uow, COACH, YOGA, 1, NOW)).seats
    assert sorted(s.client_id for s in seats) == [101, 102]
    assert all(s.booking.status is BookingStatus.CANCELLED for s in seats)
    assert await left(uow, 12) == 3 and await left(uow, 22, sold_id=2) == 3
    assert 1 not in uow.occurrences.rows
    assert all(not b.is_active for b in uow.bookings.rows.sessions.values())


async def test_an_expired_package_gets_no_unit_back() -> None:
    uow = scenario(expires_at=NOW + timedelta(days=5))
    await book_session(uow, by(1), GroupSeat(12, 1), NOW)
    later = NOW + timedelta(days=6)
    [seat] = (await remove_series_date(uow, COACH, YOGA, 1, later)).seats
    assert seat.booking.status is BookingStatus.CANCELLED and await left(uow, 12) == 2


async def test_a_booked_date_is_removed_only_once_confirmed() -> None:
    uow = scenario()
    await book_session(uow, by(1), GroupSeat(12, 1), NOW)
    asked = await remove_series_date(uow, COACH, YOGA, 1, NOW, confirmed=False)
    assert not asked.removal.removed and asked.seats == [] and 1 in uow.occurrences.rows
    assert await left(uow, 12) == 2


async def test_only_the_coachs_own_existing_dates_can_be_removed() -> None:
    uow = scenario()
    seed_coach(uow, COACH + 1)
    with pytest.raises(NotFound):
        await remove_series_date(uow, COACH + 1, YOGA, 1, NOW)
    with pytest.raises(NotFound):
        await remove_series_date(uow, COACH, YOGA, 99, NOW)
    assert 1 in uow.occurrences.rows
