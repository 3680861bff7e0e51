"""Waitlists under real concurrency on the real database: two seats freed at once make two
offers (never one seat to two people), and an offer taken while its hold lapses has one
outcome."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.errors import OfferLapsed
from domain.booking.holder_changes import (
    book_session,
    cancel_own_session,
    join_line_seen,
    take_offered_seat,
)
from domain.booking.model import GroupSeat, SessionBooking
from domain.booking.waitlist import WaitState
from domain.booking.waitlist_sweep import pass_on_seats
from persistence.db import session_factory
from persistence.models import OccurrenceRow, WaitlistEntryRow
from tests.integration.booking_seed import (
    HOLDER,
    NOW,
    Sold,
    World,
    active_bookings,
    seed_world,
    sell,
)
from tests.integration.catalog_seed import MakeUow

HOLD = timedelta(hours=2)


async def _seat(make_uow: MakeUow, world: World, sold: Sold) -> SessionBooking:
    choice = GroupSeat(sold.yoga, world.occurrence_id)
    return (await book_session(make_uow(), sold.holder, choice, NOW)).done


async def _line(
    make_uow: MakeUow, engine: AsyncEngine, world: World, first: int, count: int
) -> list[int]:
    """`count` more packages, each holder joining the full date's line; their entry ids."""
    entries = []
    for n in range(first, first + count):
        sold = await sell(engine, world, n)
        place, _ = await join_line_seen(
            make_uow(), sold.holder, sold.yoga, world.occurrence_id, NOW
        )
        entries.append(place.entry.stored_id)
    return entries


async def _states(engine: AsyncEngine) -> dict[int, str]:
    async with session_factory(engine)() as session:
        rows = await session.execute(select(WaitlistEntryRow.id, WaitlistEntryRow.state))
        return {entry_id: state for entry_id, state in rows}


async def _seats_taken(engine: AsyncEngine, occurrence_id: int) -> int:
    async with session_factory(engine)() as session:
        row = await session.get(OccurrenceRow, occurrence_id)
        assert row is not None
        return row.seats_taken


async def test_two_seats_freed_at_once_make_two_offers(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow, capacity=2)
    booked = [await sell(engine, world, n) for n in range(2)]
    seats = [await _seat(make_uow, world, sold) for sold in booked]
    entries = await _line(make_uow, engine, world, 10, 3)

    async def cancel(sold: Sold, seat: SessionBooking) -> object:
        return (
            await cancel_own_session(make_uow(), sold.holder, seat.id or 0, NOW, hold=HOLD)
        ).done

    results = await asyncio.gather(
        cancel(booked[0], seats[0]),
        cancel(booked[1], seats[1]),
        pass_on_seats(make_uow, NOW, HOLD, 10),  # a sweep at the same moment
        return_exceptions=True,
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    states = await _states(engine)
    assert [states[e] for e in entries] == ["offered", "offered", "waiting"]
    assert await _seats_taken(engine, world.occurrence_id) == 2  # both held, none free
    assert await active_bookings(engine) == 0


async def test_an_offer_taken_while_its_hold_lapses_has_one_outcome(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow, capacity=1)
    first = await sell(engine, world, 0)
    seat = await _seat(make_uow, world, first)
    offered, waiting = await _line(make_uow, engine, world, 10, 2)
    await cancel_own_session(make_uow(), first.holder, seat.id or 0, NOW, hold=HOLD)
    assert (await _states(engine))[offered] == WaitState.OFFERED.value
    hold_until = NOW + HOLD

    async def take_it() -> SessionBooking:  # package 10's holder, from the offer message
        at = hold_until - timedelta(seconds=1)
        return (await take_offered_seat(make_uow(), HOLDER + 10, offered, at)).done

    take, sweep = await asyncio.gather(
        take_it(),
        pass_on_seats(make_uow, hold_until + timedelta(seconds=1), HOLD, 10),
        return_exceptions=True,
    )
    states = await _states(engine)
    if isinstance(take, SessionBooking):  # taken first: the lapse found nothing to do
        assert sweep == {} and states[offered] == "taken" and states[waiting] == "waiting"
        assert await active_bookings(engine) == 1
    else:  # lapsed first: the take is refused, the next holds the seat
        assert isinstance(take, OfferLapsed), take
        assert sweep == {"lapsed": 1}
        assert states[offered] == "lapsed" and states[waiting] == "offered"
        assert await active_bookings(engine) == 0
    assert await _seats_taken(engine, world.occurrence_id) == 1
