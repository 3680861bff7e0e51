"""Waitlists of full group dates: joining, offers that hold the seat, holds that lapse to the
next in line, declining and leaving, nobody offered inside the minimum notice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.booking.coach_changes import coach_cancel
from domain.booking.errors import (
    AlreadyWaiting,
    DateNotFull,
    NothingLeftToBook,
    OfferLapsed,
    SeriesFull,
)
from domain.booking.holder_changes import (
    book_session,
    cancel_own_session,
    join_line_seen,
    leave_line_seen,
    let_offered_seat_go,
    take_offered_seat,
)
from domain.booking.model import GroupSeat, SessionBooking
from domain.booking.waitlist import WaitState, hold_end, may_offer
from domain.booking.waitlist_sweep import offer_notices, pass_on_seats
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.booking_scenario import COACH, NOW, YOGA, by, left, scenario

CLASS = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)  # occurrence 1
HOLD = timedelta(hours=2)


def _full(quantity: int = 3) -> BookingFakeUnitOfWork:
    return scenario(quantity=quantity, seats=1)


async def _seat(uow: BookingFakeUnitOfWork) -> SessionBooking:
    return (await book_session(uow, by(1), GroupSeat(12, 1), NOW)).done


async def _join(uow: BookingFakeUnitOfWork, sold_id: int) -> int:
    place = (await join_line_seen(uow, by(sold_id), 10 * sold_id + 2, 1, NOW))[0]
    return place.entry.stored_id


def _use(uow: BookingFakeUnitOfWork, sold_id: int, entitlement_id: int, used: int) -> None:
    package = uow.sold.rows["sold"][sold_id]
    item = package.item(entitlement_id)
    assert item is not None
    uow.bookings._set_used(package, item, used)


def _state(uow: BookingFakeUnitOfWork, entry_id: int) -> WaitState:
    return uow.waitlist.rows[entry_id].state


async def test_only_a_full_date_has_a_line_and_each_package_joins_it_once() -> None:
    uow = _full()
    with pytest.raises(DateNotFull):
        await join_line_seen(uow, by(2), 22, 1, NOW)
    await _seat(uow)
    first = (await join_line_seen(uow, by(2), 22, 1, NOW))[0]
    second = (await join_line_seen(uow, by(3), 32, 1, NOW))[0]
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(AlreadyWaiting):
        await join_line_seen(uow, by(2), 22, 1, NOW)


async def test_a_holder_with_nothing_left_cannot_join() -> None:
    uow = _full(quantity=1)
    await _seat(uow)
    _use(uow, 2, 22, 1)  # the yoga unit is used elsewhere
    with pytest.raises(NothingLeftToBook):
        await join_line_seen(uow, by(2), 22, 1, NOW)


async def test_a_freed_seat_is_held_for_the_first_in_line_and_taken_with_a_unit() -> None:
    uow = _full()
    seat = await _seat(uow)
    first, second = await _join(uow, 2), await _join(uow, 3)
    await cancel_own_session(uow, by(1), seat.id or 0, NOW, hold=HOLD)
    offered = uow.waitlist.rows[first]
    assert offered.state is WaitState.OFFERED and offered.hold_until == NOW + HOLD
    assert _state(uow, second) is WaitState.WAITING
    assert uow.occurrences.rows[1].seats_taken == 1  # held: nobody else can book it
    with pytest.raises(SeriesFull):
        await book_session(uow, by(1), GroupSeat(12, 1), NOW)
    booking = (await take_offered_seat(uow, 102, first, NOW + HOLD - timedelta(minutes=1))).done
    assert booking.occurrence_id == 1 and booking.sold_package_id == 2
    assert _state(uow, first) is WaitState.TAKEN and await left(uow, 22, 2) == 2
    assert uow.occurrences.rows[1].seats_taken == 1


async def test_a_lapsed_hold_goes_to_the_next_and_can_no_longer_be_taken() -> None:
    uow = _full()
    seat = await _seat(uow)
    first, second = await _join(uow, 2), await _join(uow, 3)
    await cancel_own_session(uow, by(1), seat.id or 0, NOW, hold=HOLD)
    report = await pass_on_seats(lambda: uow, NOW + HOLD - timedelta(seconds=1), HOLD, 10)
    assert not report and _state(uow, first) is WaitState.OFFERED  # not yet
    later = NOW + HOLD
    assert await pass_on_seats(lambda: uow, later, HOLD, 10) == {"lapsed": 1}
    assert _state(uow, first) is WaitState.LAPSED
    assert uow.waitlist.rows[second].state is WaitState.OFFERED
    assert uow.waitlist.rows[second].hold_until == later + HOLD
    with pytest.raises(OfferLapsed):
        await take_offered_seat(uow, 102, first, later)
    assert await left(uow, 22, 2) == 3 and uow.occurrences.rows[1].seats_taken == 1


async def test_an_offer_past_its_hold_cannot_be_taken_before_the_sweep_comes() -> None:
    uow = _full()
    seat = await _seat(uow)
    first = await _join(uow, 2)
    await cancel_own_session(uow, by(1), seat.id or 0, NOW, hold=HOLD)
    with pytest.raises(OfferLapsed):
        await take_offered_seat(uow, 102, first, NOW + HOLD)


async def test_declining_passes_the_seat_on_and_leaving_keeps_the_order() -> None:
    uow = _full()
    seat = await _seat(uow)
    first, second = await _join(uow, 2), await _join(uow, 3)
    await leave_line_seen(uow, by(3), second, NOW)
    assert _state(uow, second) is WaitState.LEFT
    await coach_cancel(uow, COACH, seat.id or 0, NOW, hold=HOLD)
    await let_offered_seat_go(uow, 102, first, NOW, HOLD)  # declines the offer
    assert _state(uow, first) is WaitState.DECLINED
    assert uow.occurrences.rows[1].seats_taken == 0  # nobody left in line: the seat is free
    await book_session(uow, by(3), GroupSeat(32, 1), NOW)


async def test_nobody_is_offered_a_seat_inside_the_minimum_notice() -> None:
    uow = _full()
    seat = await _seat(uow)
    first = await _join(uow, 2)
    inside = CLASS - timedelta(hours=11)  # notice is 12 h
    await coach_cancel(uow, COACH, seat.id or 0, inside, hold=HOLD)
    assert _state(uow, first) is WaitState.WAITING
    assert uow.occurrences.rows[1].seats_taken == 0
    assert await pass_on_seats(lambda: uow, inside, HOLD, 10) == {}
    assert not may_offer(CLASS, inside, timedelta(hours=12))
    assert may_offer(CLASS, CLASS - timedelta(hours=13), timedelta(hours=12))


async def test_a_hold_never_runs_past_the_start() -> None:
    assert hold_end(CLASS - timedelta(hours=1), HOLD, CLASS) == CLASS
    assert hold_end(NOW, HOLD, CLASS) == NOW + HOLD


async def test_a_package_used_up_meanwhile_is_passed_over() -> None:
    uow = _full()
    seat = await _seat(uow)
    first, second = await _join(uow, 2), await _join(uow, 3)
    _use(uow, 2, 22, 3)  # used up since joining
    await cancel_own_session(uow, by(1), seat.id or 0, NOW, hold=HOLD)
    assert _state(uow, first) is WaitState.WAITING
    assert _state(uow, second) is WaitState.OFFERED


async def test_a_raised_capacity_offers_each_new_seat() -> None:
    uow = _full()
    await _seat(uow)
    first, second = await _join(uow, 2), await _join(uow, 3)
    uow.series.rows[YOGA].capacity = 3
    assert await pass_on_seats(lambda: uow, NOW, HOLD, 10) == {"offered": 2}
    assert {_state(uow, first), _state(uow, second)} == {WaitState.OFFERED}
    assert uow.occurrences.rows[1].seats_taken == 3


async def test_the_offer_message_is_built_fresh_in_the_persons_zone() -> None:
    uow = _full()
    seat = await _seat(uow)
    first = await _join(uow, 2)
    await cancel_own_session(uow, by(1), seat.id or 0, NOW, hold=HOLD)
    [offer] = await uow.waitlist.claim_due(NOW, 10, NOW + timedelta(minutes=10))
    [notice] = await offer_notices(uow, [offer], NOW)
    assert notice is not None
    assert (notice.user_id, notice.starts_at, notice.hold_until) == (102, CLASS, NOW + HOLD)
    await take_offered_seat(uow, 102, first, NOW)
    assert await offer_notices(uow, [offer], NOW) == [None]  # taken: nothing to send
