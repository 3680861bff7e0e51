"""Rule 9 under real concurrency: many units of work at once against the real database."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.coach_availability import change_booking_setting, set_day_hours
from domain.booking.errors import (
    NothingLeftToBook,
    OccurrenceUnavailable,
    SeriesFull,
    SlotTaken,
)
from domain.booking.holder_changes import book_session
from domain.booking.model import Choice, GroupSeat, OneToOne, SessionBooking
from domain.booking.series_dates import remove_series_date
from persistence.db import session_factory
from persistence.models import OccurrenceRow
from tests.integration.booking_seed import (
    FIRST_SLOT,
    NOW,
    Sold,
    active_bookings,
    seed_world,
    sell,
    used,
)
from tests.integration.catalog_seed import ANNA, MakeUow

N = 20


async def _race(make_uow: MakeUow, attempts: list[tuple[ByHolder, Choice]]) -> Counter[str]:
    """Every attempt in its own unit of work, all started together; outcomes by name."""

    async def attempt(holder: ByHolder, choice: Choice) -> SessionBooking:
        return (await book_session(make_uow(), holder, choice, NOW)).done

    results = await asyncio.gather(*(attempt(t, c) for t, c in attempts), return_exceptions=True)
    unexpected = [r for r in results if isinstance(r, BaseException) and not _refusal(r)]
    assert not unexpected, unexpected
    return Counter(type(r).__name__ for r in results)


def _refusal(error: BaseException) -> bool:
    return isinstance(error, NothingLeftToBook | SlotTaken | SeriesFull)


async def test_last_unit_cannot_be_redeemed_twice_concurrently(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1, quantity=1)
    starts = [FIRST_SLOT + timedelta(hours=n % 12, days=n // 12) for n in range(N)]
    outcomes = await _race(make_uow, [(sold.holder, OneToOne(sold.lesson, s)) for s in starts])
    assert outcomes == Counter({"SessionBooking": 1, "NothingLeftToBook": N - 1})
    assert await used(engine, sold.lesson) == 1 and await active_bookings(engine) == 1


async def test_one_slot_is_booked_once_from_many_packages_concurrently(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    packages = [await sell(engine, world, n) for n in range(N)]
    outcomes = await _race(
        make_uow, [(p.holder, OneToOne(p.lesson, FIRST_SLOT)) for p in packages]
    )
    assert outcomes == Counter({"SessionBooking": 1, "SlotTaken": N - 1})
    assert sum([await used(engine, p.lesson) for p in packages]) == 1
    assert await active_bookings(engine) == 1


async def test_overlapping_starts_are_not_both_booked_concurrently(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    packages = [await sell(engine, world, n) for n in range(N)]
    # 60-minute sessions starting every 30 minutes: neighbours overlap.
    starts = [FIRST_SLOT + n * timedelta(minutes=30) for n in range(N)]
    attempts = [(p.holder, OneToOne(p.lesson, s)) for p, s in zip(packages, starts, strict=True)]
    outcomes = await _race(make_uow, attempts)
    async with make_uow() as uow:
        booked = await uow.bookings.for_coach(ANNA, NOW, NOW + timedelta(days=3))
    assert outcomes["SessionBooking"] == len(booked) >= 1
    assert all(a.ends_at <= b.starts_at for a, b in zip(booked, booked[1:], strict=False))
    hour = timedelta(hours=1)  # and every refused start really overlapped a booked one
    refused = set(starts) - {b.starts_at for b in booked}
    assert all(any(abs(b.starts_at - s) < hour for b in booked) for s in refused)


async def test_an_occurrence_never_exceeds_its_seats_concurrently(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow, capacity=3)
    packages = [await sell(engine, world, n) for n in range(N)]
    seat = [(p.holder, GroupSeat(p.yoga, world.occurrence_id)) for p in packages]
    outcomes = await _race(make_uow, seat)
    assert outcomes == Counter({"SessionBooking": 3, "SeriesFull": N - 3})
    async with session_factory(engine)() as session:
        occurrence = await session.get(OccurrenceRow, world.occurrence_id)
    assert occurrence is not None and occurrence.seats_taken == 3
    assert sum([await used(engine, p.yoga) for p in packages]) == 3


async def test_a_date_removed_while_seats_are_booked_keeps_no_seat_and_no_unit(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow, capacity=N)
    packages = [await sell(engine, world, n) for n in range(N)]

    async def book(sold: Sold) -> object:
        seat = GroupSeat(sold.yoga, world.occurrence_id)
        return (await book_session(make_uow(), sold.holder, seat, NOW)).done

    async def remove() -> object:
        await asyncio.sleep(0.01)  # let some bookings get in first
        return await remove_series_date(make_uow(), ANNA, world.yoga_id, world.occurrence_id, NOW)

    results = await asyncio.gather(*(book(p) for p in packages), remove(), return_exceptions=True)
    refused = (SeriesFull, OccurrenceUnavailable)
    assert all(not isinstance(r, BaseException) or isinstance(r, refused) for r in results)
    assert await active_bookings(engine) == 0  # seats booked before the removal were cancelled
    assert sum([await used(engine, p.yoga) for p in packages]) == 0


async def test_concurrent_availability_changes_are_all_kept(make_uow: MakeUow) -> None:
    """Each change reads, edits and writes the whole availability: without the lock on the
    coach one of two concurrent changes would be lost."""
    await seed_world(make_uow)
    days = [
        set_day_hours(make_uow(), ANNA, day, f"{9 + day}:00-{10 + day}:00") for day in range(7)
    ]
    notice = change_booking_setting(make_uow(), ANNA, "notice", "3h")
    await asyncio.gather(*days, notice)
    async with make_uow() as uow:
        availability = await uow.availability.get(ANNA)
    assert {day: r[0].start // 60 for day, r in availability.weekly.items()} == {
        day: 9 + day for day in range(7)
    }
    assert availability.settings.notice == timedelta(hours=3)
