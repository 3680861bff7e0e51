"""The inbox on SQLite and PostgreSQL: an update is stored once however often it arrives, and
is marked done in the transaction of the use case that handled it, or not at all."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.accounts import CoachPolicy, greet
from domain.model import User
from persistence.db import session_factory
from persistence.inbox import InboxStore, Ticket, handling
from persistence.models import InboxRow, UserRow
from persistence.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
POLICY = CoachPolicy(coach_ids=frozenset())


def update(update_id: int, text: str = "/start") -> tuple[int, dict[str, object]]:
    return update_id, {"update_id": update_id, "message": {"text": text}}


@pytest.fixture
def store(engine: AsyncEngine) -> InboxStore:
    return InboxStore(session_factory(engine), lambda: NOW)


async def users(engine: AsyncEngine) -> list[int]:
    async with session_factory(engine)() as session:
        return list(await session.scalars(select(UserRow.telegram_id)))


async def rows(engine: AsyncEngine) -> dict[int, datetime | None]:
    async with session_factory(engine)() as session:
        found = await session.execute(select(InboxRow.update_id, InboxRow.done_at))
        return {update_id: done_at for update_id, done_at in found.all()}


async def test_an_update_sent_again_is_stored_once_with_its_json(store: InboxStore) -> None:
    assert await store.add([update(1), update(2)]) == {1, 2}
    assert await store.add([update(2, "again"), update(3)]) == {3}
    assert await store.unfinished() == [(*update(i), False) for i in (1, 2, 3)]


async def test_the_same_update_stored_by_two_at_once_is_stored_by_one(
    store: InboxStore,
) -> None:
    for update_id in range(10, 20):
        results = await asyncio.gather(*(store.add([update(update_id)]) for _ in range(2)))
        assert sorted(map(len, results)) == [0, 1]
    assert [u for u, _, _ in await store.unfinished()] == list(range(10, 20))


async def test_a_use_case_marks_the_update_done_in_its_own_transaction(
    store: InboxStore, engine: AsyncEngine, make_uow: Callable[[], SqlUnitOfWork]
) -> None:
    await store.add([update(5), update(6)])
    ticket = Ticket(5, NOW)
    token = handling.set(ticket)
    try:
        await greet(make_uow(), 4242, "Cleo", POLICY, NOW)
    finally:
        handling.reset(token)
    assert ticket.done
    assert await rows(engine) == {5: NOW, 6: None}
    assert await users(engine) == [4242]
    # Done, not yet answered: after a crash now it is handled again, knowing it was done.
    assert [(u, done) for u, _, done in await store.unfinished()] == [(5, True), (6, False)]
    await store.finish(ticket)  # after the handler (its reply went out): answered
    assert await rows(engine) == {5: NOW, 6: None}
    assert [u for u, _, _ in await store.unfinished()] == [6]


async def test_a_use_case_that_fails_leaves_the_update_to_be_handled_again(
    store: InboxStore, engine: AsyncEngine, make_uow: Callable[[], SqlUnitOfWork]
) -> None:
    await store.add([update(7)])
    ticket = Ticket(7, NOW)
    token = handling.set(ticket)
    try:
        with pytest.raises(RuntimeError):
            async with make_uow() as uow:
                await uow.users.add(User(4343, "Dan"))
                raise RuntimeError("the use case fails before it commits")
    finally:
        handling.reset(token)
    assert not ticket.done
    assert await rows(engine) == {7: None}
    assert await users(engine) == []
    assert [u for u, _, _ in await store.unfinished()] == [7]


async def test_a_handler_that_wrote_nothing_is_marked_done_after_it_returns(
    store: InboxStore, engine: AsyncEngine
) -> None:
    await store.add([update(8)])
    ticket = store.ticket(8)
    await store.finish(ticket)
    assert ticket.done and await rows(engine) == {8: NOW}
    assert await store.unfinished() == []


async def test_handled_updates_are_pruned_after_the_retention_unfinished_ones_never(
    engine: AsyncEngine,
) -> None:
    clock = {"now": NOW}
    store = InboxStore(session_factory(engine), lambda: clock["now"])
    await store.add([update(1), update(2), update(3)])
    await store.finish(store.ticket(1))
    clock["now"] = NOW + timedelta(minutes=30)
    await store.finish(store.ticket(2))
    clock["now"] = NOW + timedelta(hours=1, minutes=1)
    assert await store.prune(timedelta(hours=1)) == 1
    assert set(await rows(engine)) == {2, 3}
    clock["now"] = NOW + timedelta(days=30)
    assert await store.prune(timedelta(hours=1)) == 1
    assert set(await rows(engine)) == {3}
