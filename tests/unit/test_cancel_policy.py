"""The coach's cancellation policy: inside the window a client cannot cancel (the default)
or cancels late and the session counts as used; the coach's no-show keeps it used."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from domain.booking.availability import CancelPolicy
from domain.booking.coach_availability import set_cancel_policy
from domain.booking.coach_changes import coach_cancel, coach_no_show
from domain.booking.errors import TooLateToCancel
from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import BookingStatus, GroupSeat, OneToOne, SessionBooking
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.booking_scenario import COACH, NOW, TUESDAY_9, by, left, scenario

INSIDE = TUESDAY_9 - timedelta(hours=2)  # the 24 h window has begun
BEFORE = TUESDAY_9 - timedelta(hours=25)


def _with(policy: CancelPolicy, seats: int = 2) -> BookingFakeUnitOfWork:
    uow = scenario(seats=seats)
    availability = uow.availability.rows[COACH]
    settings = replace(availability.settings, cancel_policy=policy)
    uow.availability.rows[COACH] = replace(availability, settings=settings)
    return uow


async def _booked(uow: BookingFakeUnitOfWork) -> SessionBooking:
    return (await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)).done


async def test_the_default_policy_keeps_cancelling_inside_the_window_closed() -> None:
    uow = scenario()
    assert uow.availability.rows[COACH].settings.cancel_policy is CancelPolicy.BLOCK
    booking = await _booked(uow)
    with pytest.raises(TooLateToCancel):
        await cancel_own_session(uow, by(), booking.id or 0, INSIDE)
    assert await left(uow, 11) == 2


async def test_a_late_cancel_frees_the_time_and_burns_the_unit() -> None:
    uow = _with(CancelPolicy.LATE)
    booking = await _booked(uow)
    done = (await cancel_own_session(uow, by(), booking.id or 0, INSIDE)).done
    assert done.late and not done.unit_returned
    assert done.booking.status is BookingStatus.CANCELLED
    assert await left(uow, 11) == 2  # still used
    rebooked = (await book_session(uow, by(2), OneToOne(21, TUESDAY_9), NOW)).done
    assert rebooked.starts_at == TUESDAY_9  # the time is free for someone else


async def test_under_late_cancel_a_cancel_before_the_window_still_returns_the_unit() -> None:
    uow = _with(CancelPolicy.LATE)
    booking = await _booked(uow)
    done = (await cancel_own_session(uow, by(), booking.id or 0, BEFORE)).done
    assert not done.late and done.unit_returned and await left(uow, 11) == 3


async def test_the_coach_cancelling_inside_the_window_is_never_late() -> None:
    uow = _with(CancelPolicy.LATE)
    booking = await _booked(uow)
    done = (await coach_cancel(uow, COACH, booking.id or 0, INSIDE)).done
    assert not done.late and done.unit_returned and await left(uow, 11) == 3


async def test_a_late_cancelled_seat_is_freed_and_its_unit_used() -> None:
    uow = _with(CancelPolicy.LATE, seats=1)
    seat = (await book_session(uow, by(), GroupSeat(12, 1), NOW)).done
    inside = seat.starts_at - timedelta(hours=1)
    done = (await cancel_own_session(uow, by(), seat.id or 0, inside)).done
    assert done.late and uow.occurrences.rows[1].seats_taken == 0
    assert await left(uow, 12) == 2


async def test_late_cancel_does_not_open_moving_inside_the_window() -> None:
    uow = _with(CancelPolicy.LATE)
    booking = await _booked(uow)
    with pytest.raises(TooLateToCancel):
        later = TUESDAY_9 + timedelta(hours=2)
        await move_own_session(uow, by(), booking.id or 0, later, INSIDE)


async def test_a_no_show_keeps_the_unit_used_under_either_policy() -> None:
    for policy in CancelPolicy:
        uow = _with(policy)
        booking = await _booked(uow)
        started: datetime = TUESDAY_9 + timedelta(minutes=5)
        closed = (await coach_no_show(uow, COACH, booking.id or 0, started)).done
        assert closed.status is BookingStatus.NO_SHOW and await left(uow, 11) == 2


async def test_the_coach_switches_the_policy_and_back() -> None:
    uow = scenario()
    changed = await set_cancel_policy(uow, COACH, CancelPolicy.LATE)
    assert changed.settings.cancel_policy is CancelPolicy.LATE
    assert changed.settings.cancel_window == timedelta(hours=24)  # the rest untouched
    back = await set_cancel_policy(uow, COACH, CancelPolicy.BLOCK)
    assert back.settings.cancel_policy is CancelPolicy.BLOCK
