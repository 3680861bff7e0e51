"""Buttons of a package's view name the sold package by id: access is checked against the
holder list selling keeps (the coach always; others once they opened the link), and the
cancellation window binds everyone but the coach. Real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.coach_availability import change_booking_setting
from domain.booking.errors import TooLateToCancel
from domain.booking.holder import package_screen, slots_for
from domain.booking.holder_changes import book_session, cancel_own_session
from domain.booking.model import OneToOne
from domain.errors import NotFound
from domain.reminders.delivery import SessionNow
from tests.integration.booking_seed import FIRST_SLOT, NOW, seed_world, sell, used
from tests.integration.catalog_seed import ANNA, BORIS, MakeUow


async def test_only_the_coach_and_holders_reach_a_package_by_id(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    with pytest.raises(NotFound):
        await slots_for(make_uow(), BORIS, sold.id, sold.lesson, NOW)
    with pytest.raises(NotFound):
        await book_session(
            make_uow(), ByHolder(BORIS, sold.id), OneToOne(sold.lesson, FIRST_SLOT), NOW
        )
    assert await used(engine, sold.lesson) == 0
    assert FIRST_SLOT in (await slots_for(make_uow(), ANNA, sold.id, sold.lesson, NOW)).starts
    async with make_uow() as uow:
        await uow.sold.add_holder(sold.id, BORIS, NOW)
        await uow.commit()
    found = await slots_for(make_uow(), BORIS, sold.id, sold.lesson, NOW)
    assert FIRST_SLOT in found.starts and found.zone == "UTC"


async def test_the_window_binds_a_holder_but_not_the_coach(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    async with make_uow() as uow:
        await uow.sold.add_holder(sold.id, BORIS, NOW)
        await uow.commit()
    holder = ByHolder(BORIS, sold.id)
    booking = (await book_session(make_uow(), holder, OneToOne(sold.lesson, FIRST_SLOT), NOW)).done
    late = FIRST_SLOT - timedelta(hours=23)  # default window: 24 h
    with pytest.raises(TooLateToCancel):
        await cancel_own_session(make_uow(), holder, booking.id or 0, late)
    screen = await package_screen(make_uow(), BORIS, sold.id, late)
    assert [b.id for b in screen.upcoming] == [booking.id]
    assert screen.cancel_window == timedelta(hours=24) and not screen.view.for_coach
    done = (
        await cancel_own_session(make_uow(), ByHolder(ANNA, sold.id), booking.id or 0, late)
    ).done
    assert done.unit_returned and await used(engine, sold.lesson) == 0


async def test_the_reminder_sweep_reads_a_session_as_it_is_with_its_coachs_window(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    coach = ByHolder(ANNA, sold.id)
    booking = (await book_session(make_uow(), coach, OneToOne(sold.lesson, FIRST_SLOT), NOW)).done
    async with make_uow() as uow:
        found = await uow.reminders.sessions_now([booking.id or 0, 999])
    assert found == {
        booking.id: SessionNow(booking.id or 0, FIRST_SLOT, True, timedelta(hours=24))
    }
    await change_booking_setting(make_uow(), ANNA, "cancel", "3")
    await cancel_own_session(make_uow(), coach, booking.id or 0, NOW)
    async with make_uow() as uow:
        (now,) = (await uow.reminders.sessions_now([booking.id or 0])).values()
        assert await uow.reminders.sessions_now([]) == {}
    assert (now.active, now.cancel_window) == (False, timedelta(hours=3))
