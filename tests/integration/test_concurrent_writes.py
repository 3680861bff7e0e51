"""Writes two updates can race, raced for real (20 at once) on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from domain.accounts import CoachPolicy, greet
from domain.catalog.drafts import PackageDraft
from domain.catalog.packages import update_package
from domain.catalog.series import update_series
from domain.errors import ChangedMeanwhile, InvalidInput
from domain.model import User
from persistence.db import is_sqlite, session_factory
from persistence.models import CoachRow, OccurrenceRow, UserRow
from tests.integration.catalog_seed import (
    ANNA,
    a_package,
    a_series,
    a_service,
    seed_coaches,
    service_item,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
AT_ONCE = 20


async def count(engine, row_type) -> int:
    async with session_factory(engine)() as session:
        return await session.scalar(select(func.count()).select_from(row_type)) or 0


async def test_a_new_person_greeted_by_twenty_updates_at_once_is_registered_once(
    make_uow, engine
) -> None:
    policy = CoachPolicy()
    greetings = await asyncio.gather(
        *(greet(make_uow(), 77, "Ann", policy, NOW) for _ in range(AT_ONCE))
    )
    assert {g.user.telegram_id for g in greetings} == {77}
    assert await count(engine, UserRow) == 1


async def test_a_listed_coach_greeted_twenty_times_at_once_gets_one_coach_profile(
    make_uow, engine
) -> None:
    policy = CoachPolicy(coach_ids=frozenset({88}))
    greetings = await asyncio.gather(
        *(greet(make_uow(), 88, "Bea", policy, NOW) for _ in range(AT_ONCE))
    )
    assert await count(engine, CoachRow) == 1
    async with make_uow() as uow:
        stored = await uow.coaches.get(88)
    assert stored is not None
    assert {g.coach.slug for g in greetings if g.coach} == {stored.slug}


async def test_read_then_write_units_of_work_never_lose_an_update_on_sqlite(
    make_uow, database_url
) -> None:
    if not is_sqlite(database_url):
        pytest.skip("SQLite's write lock only; PostgreSQL code uses conditional updates")
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=5, first_name="0"))
        await uow.commit()

    async def increment() -> None:
        async with make_uow() as uow:
            user = await uow.users.get(5)
            assert user is not None
            await asyncio.sleep(0.01)  # let the others read too, if they could
            user.first_name = str(int(user.first_name) + 1)
            await uow.users.save(user)
            await uow.commit()

    await asyncio.gather(*(increment() for _ in range(AT_ONCE)))
    async with make_uow() as uow:
        user = await uow.users.get(5)
    assert user is not None and user.first_name == str(AT_ONCE)


async def take_seat(engine, occurrence_id: int) -> bool:
    """A booking's seat, taken the way the booking use case must take it."""
    async with session_factory(engine)() as session, session.begin():
        taken = await session.execute(
            update(OccurrenceRow)
            .where(
                OccurrenceRow.id == occurrence_id,
                OccurrenceRow.seats_taken < OccurrenceRow.capacity,
            )
            .values(seats_taken=OccurrenceRow.seats_taken + 1)
        )
        return taken.rowcount == 1


async def test_capacity_changes_racing_bookings_never_leave_more_seats_than_capacity(
    make_uow, engine
) -> None:
    await seed_coaches(make_uow)
    async with make_uow() as uow:
        series = await uow.series.add(replace(a_series(), capacity=4))
        assert series.id is not None
        [meeting] = await uow.series.add_occurrences(series.id, [NOW + timedelta(days=3)])
        await uow.commit()
    for _ in range(2):
        assert await take_seat(engine, meeting.id)

    async def shrink() -> str:
        try:
            await update_series(make_uow(), ANNA, series.id, "capacity", "2", NOW)
            return "changed"
        except InvalidInput:
            return "refused"

    outcomes = await asyncio.gather(
        *(shrink() if i % 2 else take_seat(engine, meeting.id) for i in range(AT_ONCE))
    )
    async with make_uow() as uow:
        [after] = await uow.series.occurrences(series.id)
        stored = await uow.series.get(ANNA, series.id)
    async with session_factory(engine)() as session:
        capacity = await session.scalar(
            select(OccurrenceRow.capacity).where(OccurrenceRow.id == meeting.id)
        )
    assert stored is not None and capacity == stored.capacity
    assert after.seats_taken == 2 + sum(1 for o in outcomes if o is True)
    # Either a shrink came first and refused every new seat, or new seats came first and
    # every shrink was refused: never 3 or 4 seats in a meeting of 2.
    assert (capacity, after.seats_taken) in {(2, 2), (4, 4)}
    assert ("changed" in outcomes) == (capacity == 2)


async def test_twenty_concurrent_saves_of_one_package_version_keep_exactly_one(
    make_uow,
) -> None:
    await seed_coaches(make_uow)
    async with make_uow() as uow:
        service = await uow.services.add(a_service())
        package = await uow.packages.add(a_package([service_item(service.id)]))
        await uow.commit()
    assert package.id is not None
    drafts = [PackageDraft.of(package) for _ in range(AT_ONCE)]
    for i, draft in enumerate(drafts):
        draft.title = f"Edit {i}"

    async def save(draft: PackageDraft) -> str:
        try:
            return (await update_package(make_uow(), ANNA, package.id, draft)).title
        except ChangedMeanwhile:
            return "told"

    outcomes = await asyncio.gather(*(save(d) for d in drafts))
    saved = [o for o in outcomes if o != "told"]
    assert len(saved) == 1
    async with make_uow() as uow:
        stored = await uow.packages.get(ANNA, package.id)
    assert stored is not None and (stored.title, stored.version) == (saved[0], 2)
