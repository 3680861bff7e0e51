"""Time away and pausing on the real database: declaring an absence extends each active
time-limited package once (declared twice at once: once), leaves open-ended, expired and
paused ones alone, adds the days off, and lists the sessions booked inside; pausing stops
booking. SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.errors import PackagePaused
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.booking.time_away import declare_absence
from domain.model import User
from domain.selling.pausing import pause_package, resume_package
from tests.integration.booking_seed import FIRST_SLOT, NOW, seed_world, sell
from tests.integration.catalog_seed import ANNA, MakeUow

CLEO = 30
EXPIRES = NOW + timedelta(days=10)


async def _held(make_uow: MakeUow, sold_id: int) -> None:
    async with make_uow() as uow:
        if await uow.users.get(CLEO) is None:
            await uow.users.add(User(CLEO, "Cleo"))
        await uow.sold.claim_client(sold_id, CLEO)
        await uow.sold.add_holder(sold_id, CLEO, NOW)
        await uow.commit()


async def test_an_absence_declared_twice_at_once_extends_each_package_once(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    limited = await sell(engine, world, 1, expires_at=EXPIRES, held=False)
    open_ended = await sell(engine, world, 2)
    over = await sell(engine, world, 3, expires_at=NOW - timedelta(hours=1))
    paused = await sell(engine, world, 4, expires_at=EXPIRES, held=False)
    for sold in (limited, paused):
        await _held(make_uow, sold.id)
    await book_session(
        make_uow(), ByHolder(CLEO, limited.id), OneToOne(limited.lesson, FIRST_SLOT), NOW
    )
    await pause_package(make_uow(), ANNA, paused.id, NOW)
    first = last = FIRST_SLOT.date()

    results = await asyncio.gather(
        *(declare_absence(make_uow(), ANNA, first, last, NOW) for _ in range(2))
    )
    assert sorted(r.new for r in results) == [False, True]
    [done] = [r for r in results if r.new]
    assert [e.sold.id for e in done.extended] == [limited.id]
    assert [r.user_id for r in done.extended[0].readers] == [CLEO]
    assert [s.booking.starts_at for s in done.plan.sessions] == [FIRST_SLOT]
    async with make_uow() as uow:
        expiries = {
            s: (await uow.sold.get(s.id)).expires_at for s in (limited, open_ended, over, paused)
        }  # type: ignore[union-attr]
        availability = await uow.availability.get(ANNA)
    assert expiries[limited] == EXPIRES + timedelta(days=1)
    assert expiries[open_ended] is None
    assert expiries[over] == NOW - timedelta(hours=1) and expiries[paused] == EXPIRES
    assert availability.is_day_off(first)


async def test_only_packages_expiring_after_the_absence_begins_are_extended(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    first = FIRST_SLOT.date()
    start = datetime.combine(first, time(), tzinfo=UTC)  # Anna's (UTC) midnight: it begins
    at_start = await sell(engine, world, 1, expires_at=start)
    just_after = await sell(engine, world, 2, expires_at=start + timedelta(minutes=1))
    far_after = await sell(engine, world, 3, expires_at=datetime(2027, 1, 1, tzinfo=UTC))
    away = await declare_absence(make_uow(), ANNA, first, first, NOW)
    assert away.plan.packages == 2
    assert sorted(e.sold.id for e in away.extended) == [just_after.id, far_after.id]
    async with make_uow() as uow:
        untouched = await uow.sold.get(at_start.id)
    assert untouched is not None and untouched.expires_at == start


async def test_a_paused_package_books_nothing_until_resumed(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1, expires_at=EXPIRES, held=False)
    await _held(make_uow, sold.id)
    await pause_package(make_uow(), ANNA, sold.id, NOW)
    with pytest.raises(PackagePaused):
        await book_session(
            make_uow(), ByHolder(CLEO, sold.id), OneToOne(sold.lesson, FIRST_SLOT), NOW
        )
    later = NOW + timedelta(hours=3)
    change = await resume_package(make_uow(), ANNA, sold.id, later)
    assert change.changed and change.view.sold.expires_at == EXPIRES + timedelta(hours=3)
    again = await resume_package(make_uow(), ANNA, sold.id, later)
    assert not again.changed
    await book_session(
        make_uow(), ByHolder(CLEO, sold.id), OneToOne(sold.lesson, FIRST_SLOT), later
    )
