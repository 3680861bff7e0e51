"""Booking storage on the real database: availability, refusals that write nothing,
cancelling, no-shows and rescheduling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.availability import Availability, BookingSettings, DaysOff, TimeRange
from domain.booking.coach_changes import coach_cancel, coach_no_show
from domain.booking.errors import (
    ItemNoLongerOffered,
    NothingLeftToBook,
    PackageExpired,
    SlotTaken,
)
from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import BookingStatus, GroupSeat, OneToOne
from domain.errors import DomainError, NotFound
from domain.selling.desk import revoke_link
from persistence.db import session_factory
from persistence.models import OccurrenceRow
from tests.integration.booking_seed import (
    CLASS_START,
    FIRST_SLOT,
    NOW,
    Sold,
    World,
    active_bookings,
    offered,
    seed_world,
    sell,
    used,
)
from tests.integration.catalog_seed import ANNA, BORIS, MakeUow, a_series

HOUR = timedelta(hours=1)


async def test_availability_is_stored_and_defaults_when_never_saved(make_uow: MakeUow) -> None:
    await seed_world(make_uow)
    saved = Availability(
        BORIS,
        {0: (TimeRange(540, 720), TimeRange(840, 1080)), 4: (TimeRange(600, 660),)},
        (DaysOff(date(2026, 12, 24), date(2027, 1, 2)),),
        BookingSettings(timedelta(hours=2), 30, 15, 20, timedelta(hours=48)),
    )
    async with make_uow() as uow:
        assert await uow.availability.get(BORIS) == Availability(BORIS)
        await uow.availability.save(saved)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.availability.get(BORIS) == saved
        await uow.availability.save(Availability(BORIS))
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.availability.get(BORIS) == Availability(BORIS)


async def _refused(
    make_uow: MakeUow, engine: AsyncEngine, sold: Sold, error: type[DomainError]
) -> None:
    before = await used(engine, sold.lesson), await active_bookings(engine)
    with pytest.raises(error):
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, FIRST_SLOT), NOW)
    assert (await used(engine, sold.lesson), await active_bookings(engine)) == before


async def test_expired_used_up_revoked_and_deleted_are_refused_with_nothing_written(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    await _refused(
        make_uow, engine, await sell(engine, world, 1, expires_at=FIRST_SLOT), PackageExpired
    )
    used_up = await sell(engine, world, 2, quantity=1)
    later = OneToOne(used_up.lesson, FIRST_SLOT + 3 * HOUR)
    await book_session(make_uow(), used_up.holder, later, NOW)
    await _refused(make_uow, engine, used_up, NothingLeftToBook)
    revoked = await sell(engine, world, 3)
    await revoke_link(make_uow(), ANNA, revoked.id, revoked.token[:8], NOW)  # holders dropped
    await _refused(make_uow, engine, revoked, NotFound)
    deleted = await sell(engine, world, 5)
    async with make_uow() as uow:
        await uow.services.delete(world.lesson_id, NOW)
        await uow.commit()
    await _refused(make_uow, engine, deleted, ItemNoLongerOffered)


async def test_cancelling_returns_the_unit_and_frees_the_start_for_anyone(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    first, second = await sell(engine, world, 1), await sell(engine, world, 2)
    booking = (
        await book_session(make_uow(), first.holder, OneToOne(first.lesson, FIRST_SLOT), NOW)
    ).done
    assert FIRST_SLOT not in await offered(make_uow, second)
    cancelled = (await cancel_own_session(make_uow(), first.holder, booking.id or 0, NOW)).done
    assert cancelled.unit_returned and await used(engine, first.lesson) == 0
    again = OneToOne(second.lesson, FIRST_SLOT)
    assert (await book_session(make_uow(), second.holder, again, NOW)).done.id != booking.id


async def test_cancelling_a_seat_gives_it_back(make_uow: MakeUow, engine: AsyncEngine) -> None:
    world = await seed_world(make_uow, capacity=1)
    sold = await sell(engine, world, 1)
    seat = (
        await book_session(make_uow(), sold.holder, GroupSeat(sold.yoga, world.occurrence_id), NOW)
    ).done
    await coach_cancel(make_uow(), ANNA, seat.id or 0, NOW)
    async with session_factory(engine)() as session:
        occurrence = await session.get(OccurrenceRow, world.occurrence_id)
    assert occurrence is not None and occurrence.seats_taken == 0
    assert await used(engine, sold.yoga) == 0


async def test_group_classes_block_one_to_one_time(make_uow: MakeUow, engine: AsyncEngine) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    slots = await offered(make_uow, sold)
    assert CLASS_START - HOUR / 2 not in slots and CLASS_START - HOUR in slots


async def test_reschedule_is_atomic_and_keeps_the_booking(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world: World = await seed_world(make_uow)
    mine, other = await sell(engine, world, 1), await sell(engine, world, 2)
    booking = (
        await book_session(make_uow(), mine.holder, OneToOne(mine.lesson, FIRST_SLOT), NOW)
    ).done
    taken = FIRST_SLOT + 2 * HOUR
    await book_session(make_uow(), other.holder, OneToOne(other.lesson, taken), NOW)
    with pytest.raises(SlotTaken):
        await move_own_session(make_uow(), mine.holder, booking.id or 0, taken, NOW)
    moved = (
        await move_own_session(
            make_uow(), mine.holder, booking.id or 0, FIRST_SLOT + HOUR / 2, NOW
        )
    ).done
    async with make_uow() as uow:
        stored = await uow.bookings.get(booking.id or 0)
    assert stored == moved and stored.starts_at == FIRST_SLOT + HOUR / 2
    assert await used(engine, mine.lesson) == 1


async def test_a_no_show_keeps_the_unit_used(make_uow: MakeUow, engine: AsyncEngine) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    booking = (
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, FIRST_SLOT), NOW)
    ).done
    marked = (await coach_no_show(make_uow(), ANNA, booking.id or 0, FIRST_SLOT + HOUR)).done
    assert marked.status is BookingStatus.NO_SHOW
    async with make_uow() as uow:
        stored = await uow.bookings.get(booking.id or 0)
        assert await uow.bookings.upcoming_for_package(sold.id, NOW) == []
    assert stored is not None and stored.status is BookingStatus.NO_SHOW
    assert await used(engine, sold.lesson) == 1


async def test_group_dates_list_the_coachs_series_dates_with_seats_taken(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow, capacity=5)
    sold = await sell(engine, world, 1)
    day = (CLASS_START - HOUR * 18, CLASS_START + HOUR * 6)
    async with make_uow() as uow:
        [empty] = await uow.bookings.group_dates(ANNA, *day)
    assert (empty.occurrence_id, empty.seats_taken, empty.capacity) == (world.occurrence_id, 0, 5)
    assert empty.ends_at - empty.starts_at == timedelta(minutes=a_series().duration_minutes)
    await book_session(make_uow(), sold.holder, GroupSeat(sold.yoga, world.occurrence_id), NOW)
    async with make_uow() as uow:
        [taken] = await uow.bookings.group_dates(ANNA, *day)
        assert taken.seats_taken == 1
        assert await uow.bookings.group_dates(BORIS, *day) == []
        assert len(await uow.bookings.group_dates(ANNA, CLASS_START, CLASS_START + HOUR)) == 1
        assert await uow.bookings.group_dates(ANNA, CLASS_START - HOUR, CLASS_START) == []
        await uow.series.delete(world.yoga_id, NOW)
        assert await uow.bookings.group_dates(ANNA, *day) == []  # a deleted series' dates
