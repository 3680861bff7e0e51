"""Cancelling, no-shows and rescheduling booked sessions (rules 9–10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.booking.coach_changes import CoachChange, coach_cancel, coach_move, coach_no_show
from domain.booking.errors import (
    BookingNotActive,
    CannotReschedule,
    NotStartedYet,
    SlotTaken,
    TooLateToCancel,
)
from domain.booking.holder import move_choices
from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import BookingStatus, GroupSeat, OneToOne, SessionBooking
from domain.booking.schedule import coach_move_choices
from domain.errors import NotFound
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.booking_scenario import (
    COACH,
    NOW,
    TUESDAY_9,
    by,
    left,
    scenario,
    slots,
    upcoming,
)
from tests.unit.fakes import seed_coach

HOUR = timedelta(hours=1)


async def _booked(uow: BookingFakeUnitOfWork, sold_id: int = 1) -> SessionBooking:
    booking = (
        await book_session(uow, by(sold_id), OneToOne(10 * sold_id + 1, TUESDAY_9), NOW)
    ).done
    assert booking.id is not None
    return booking


async def test_client_cancels_before_the_window_and_gets_the_unit_back() -> None:
    uow = scenario()
    booking = await _booked(uow)
    cancelled = (await cancel_own_session(uow, by(), booking.id or 0, NOW)).done
    assert cancelled.unit_returned and cancelled.booking.status is BookingStatus.CANCELLED
    assert await left(uow, 11) == 3
    assert TUESDAY_9 in await slots(uow, 21, sold_id=2)
    assert await upcoming(uow) == []


async def test_inside_the_window_the_client_is_too_late_but_the_coach_is_not() -> None:
    uow = scenario()
    booking = await _booked(uow)
    late = TUESDAY_9 - timedelta(hours=23)
    with pytest.raises(TooLateToCancel) as refused:
        await cancel_own_session(uow, by(), booking.id or 0, late)
    assert refused.value.window_hours == 24 and await left(uow, 11) == 2
    cancelled = (await coach_cancel(uow, COACH, booking.id or 0, late)).done
    assert cancelled.unit_returned and await left(uow, 11) == 3


async def test_exactly_at_the_window_the_client_may_still_cancel() -> None:
    uow = scenario()
    booking = await _booked(uow)
    await cancel_own_session(uow, by(), booking.id or 0, TUESDAY_9 - timedelta(hours=24))


async def test_after_expiry_a_cancelled_unit_does_not_come_back() -> None:
    uow = scenario(expires_at=TUESDAY_9 + timedelta(days=1))
    booking = await _booked(uow)
    after_expiry = TUESDAY_9 + timedelta(days=2)
    cancelled = (await coach_cancel(uow, COACH, booking.id or 0, after_expiry)).done
    assert not cancelled.unit_returned and await left(uow, 11) == 2


async def test_cancelling_a_seat_frees_it() -> None:
    uow = scenario(seats=1)
    seat = (await book_session(uow, by(), GroupSeat(12, 1), NOW)).done
    await cancel_own_session(uow, by(), seat.id or 0, NOW)
    assert uow.occurrences.rows[1].seats_taken == 0 and await left(uow, 12) == 3
    await book_session(uow, by(2), GroupSeat(22, 1), NOW)


async def test_a_session_is_cancelled_once_and_only_by_its_holder() -> None:
    uow = scenario()
    seed_coach(uow, COACH + 1)  # another coach
    booking = await _booked(uow)
    with pytest.raises(NotFound):
        await cancel_own_session(uow, by(2), booking.id or 0, NOW)
    with pytest.raises(NotFound):
        await coach_cancel(uow, COACH + 1, booking.id or 0, NOW)
    await cancel_own_session(uow, by(), booking.id or 0, NOW)
    with pytest.raises(BookingNotActive):
        await cancel_own_session(uow, by(), booking.id or 0, NOW)
    assert await left(uow, 11) == 3


async def test_no_show_only_after_the_start_and_the_unit_stays_used() -> None:
    uow = scenario()
    seed_coach(uow, COACH + 1)  # another coach
    booking = await _booked(uow)
    with pytest.raises(NotStartedYet):
        await coach_no_show(uow, COACH, booking.id or 0, TUESDAY_9 - timedelta(minutes=1))
    with pytest.raises(NotFound):
        await coach_no_show(uow, COACH + 1, booking.id or 0, TUESDAY_9)
    marked = (
        await coach_no_show(uow, COACH, booking.id or 0, TUESDAY_9 + timedelta(minutes=5))
    ).done
    assert marked.status is BookingStatus.NO_SHOW and await left(uow, 11) == 2
    with pytest.raises(BookingNotActive):
        await coach_cancel(uow, COACH, booking.id or 0, TUESDAY_9)


async def test_reschedule_moves_the_same_booking_to_a_free_slot() -> None:
    uow = scenario()
    booking = await _booked(uow)
    moved = (await move_own_session(uow, by(), booking.id or 0, TUESDAY_9 + HOUR / 2, NOW)).done
    assert moved.id == booking.id and moved.starts_at == TUESDAY_9 + HOUR / 2  # overlaps itself
    assert moved.ends_at == TUESDAY_9 + 1.5 * HOUR and await left(uow, 11) == 2
    assert [b.starts_at for b in await upcoming(uow)] == [moved.starts_at]
    assert TUESDAY_9 - HOUR not in await slots(uow, 21, sold_id=2)  # 08:00 runs into it
    assert TUESDAY_9 + 2 * HOUR in await slots(uow, 21, sold_id=2)


async def test_reschedule_to_a_taken_time_keeps_the_old_one() -> None:
    uow = scenario()
    mine = await _booked(uow)
    other = (await book_session(uow, by(2), OneToOne(21, TUESDAY_9 + 2 * HOUR), NOW)).done
    with pytest.raises(SlotTaken):
        await move_own_session(uow, by(), mine.id or 0, other.starts_at, NOW)
    stored = await uow.bookings.get(mine.id or 0)
    assert stored is not None and stored.starts_at == TUESDAY_9 and stored.is_active


async def test_reschedule_is_refused_inside_the_window_and_for_group_seats() -> None:
    uow = scenario()
    booking = await _booked(uow)
    with pytest.raises(TooLateToCancel):
        await move_own_session(uow, by(), booking.id or 0, TUESDAY_9 + HOUR, TUESDAY_9 - HOUR)
    seat = (await book_session(uow, by(), GroupSeat(12, 1), NOW)).done
    with pytest.raises(CannotReschedule):
        await move_own_session(uow, by(), seat.id or 0, TUESDAY_9 + HOUR, NOW)


async def test_the_coach_may_reschedule_inside_the_window() -> None:
    uow = scenario()
    uow.availability.rows[COACH] = replace(
        uow.availability.rows[COACH],
        settings=replace(uow.availability.rows[COACH].settings, notice=timedelta(0)),
    )
    booking = await _booked(uow)
    late = TUESDAY_9 - HOUR
    moved = await coach_move(uow, COACH, booking.id or 0, TUESDAY_9 + HOUR, late)
    assert isinstance(moved, CoachChange) and moved.done.starts_at == TUESDAY_9 + HOUR


async def test_move_options_count_the_sessions_own_time_as_free() -> None:
    uow = scenario()
    booking = await _booked(uow)
    client = by().user_id
    choices = await move_choices(uow, client, 1, booking.id or 0, NOW)
    assert choices.booking.id == booking.id and TUESDAY_9 not in choices.starts
    assert TUESDAY_9 + HOUR / 2 in choices.starts  # overlaps only its own old time
    assert TUESDAY_9 + HOUR / 2 not in await slots(uow, 21, sold_id=2)
    with pytest.raises(TooLateToCancel):
        await move_choices(uow, client, 1, booking.id or 0, TUESDAY_9 - HOUR)
    for_coach = (await coach_move_choices(uow, COACH, booking.id or 0, TUESDAY_9 - HOUR)).starts
    assert for_coach and all(start > TUESDAY_9 - HOUR for start in for_coach)
