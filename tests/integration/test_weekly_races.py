"""Repeat weekly under real concurrency: all of a weekly booking's sessions or none, while
others race for the same times; the late cancel policy is stored and read back."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.availability import CancelPolicy
from domain.booking.coach_availability import get_availability, set_cancel_policy
from domain.booking.errors import SlotTaken, WeeksNotFree
from domain.booking.holder_changes import book_session, book_weekly_sessions
from domain.booking.model import OneToOne, SessionBooking
from domain.booking.weekly import weekly_starts, weeks_mask
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

WEEKS = 4
EVERY_WEEK = 2**WEEKS - 1  # the mask of all WEEKS weeks from FIRST_SLOT


async def _weekly(make_uow: MakeUow, sold: Sold, mask: int) -> list[SessionBooking]:
    """The holder books the lesson weeks `mask` chooses from FIRST_SLOT, as the bot does."""
    found = await book_weekly_sessions(make_uow(), sold.holder, sold.lesson, FIRST_SLOT, mask, NOW)
    return found.done


async def test_weekly_bookings_racing_for_one_week_book_all_or_none(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    """Ten holders ask for the same four weekly times at once, while ten others book the
    third week alone: each weekly booking is whole or absent, no time is booked twice."""
    world = await seed_world(make_uow)
    weekly = [await sell(engine, world, n, quantity=WEEKS) for n in range(10)]
    single = [await sell(engine, world, 10 + n) for n in range(10)]
    starts = weekly_starts(FIRST_SLOT, WEEKS, "UTC")
    third = starts[2]

    async def alone(sold: Sold) -> SessionBooking:
        return (
            await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, third), NOW)
        ).done

    results = await asyncio.gather(
        *(_weekly(make_uow, s, EVERY_WEEK) for s in weekly),
        *(alone(s) for s in single),
        return_exceptions=True,
    )
    refused = (WeeksNotFree, SlotTaken)
    assert not [r for r in results if isinstance(r, BaseException) and not isinstance(r, refused)]
    whole = [r for r in results[:10] if isinstance(r, list)]
    singles = [r for r in results[10:] if isinstance(r, SessionBooking)]
    assert len(whole) + len(singles) == 1  # the third week went to exactly one of them
    assert all(len(r) == WEEKS for r in whole)
    units = [await used(engine, s.lesson) for s in weekly]
    assert sorted(units) == ([0] * 9 + [WEEKS] if whole else [0] * 10)
    assert await active_bookings(engine) == (WEEKS if whole else 1)


async def test_a_taken_week_leaves_the_other_weeks_free_and_unused(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    mine, other = await sell(engine, world, 1, quantity=WEEKS), await sell(engine, world, 2)
    starts = weekly_starts(FIRST_SLOT, WEEKS, "UTC")
    await book_session(make_uow(), other.holder, OneToOne(other.lesson, starts[1]), NOW)
    try:
        await _weekly(make_uow, mine, EVERY_WEEK)
    except WeeksNotFree as refused:
        assert refused.starts == (starts[1],)
    else:
        raise AssertionError("a taken week was booked")
    assert await used(engine, mine.lesson) == 0 and await active_bookings(engine) == 1
    rest = [s for s in starts if s != starts[1]]
    booked = await _weekly(make_uow, mine, weeks_mask(FIRST_SLOT, rest, "UTC"))
    assert [b.starts_at for b in booked] == rest and await used(engine, mine.lesson) == 3
    assert booked[0].starts_at + timedelta(weeks=2) == booked[1].starts_at


async def test_the_cancel_policy_is_stored(make_uow: MakeUow) -> None:
    await seed_world(make_uow)
    await set_cancel_policy(make_uow(), ANNA, CancelPolicy.LATE)
    _, availability = await get_availability(make_uow(), ANNA)
    assert availability.settings.cancel_policy is CancelPolicy.LATE
    assert availability.settings.cancel_window == timedelta(hours=24)
