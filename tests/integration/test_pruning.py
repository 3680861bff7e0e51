"""The pruning job's deletes on SQLite and PostgreSQL: presses older than a day, pending
purchases older than a week, digests with nothing sent a week after their day; everything
younger, and every sent digest, stays."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.model import User
from domain.presses import KEPT_FOR, Press, claim_press
from domain.retention import PENDING_KEPT_FOR, forget_old_rows
from domain.selling.model import PendingPurchase
from domain.selling.rules import snapshot
from persistence.db import session_factory
from persistence.models import ButtonPressRow, CoachDigestRow, PendingPurchaseRow
from tests.integration.catalog_seed import (
    ANNA,
    NOW,
    MakeUow,
    a_package,
    a_service,
    seed_coaches,
    service_item,
)

CLIENT = 30


async def _rows(engine: AsyncEngine, column: object) -> list[object]:
    async with session_factory(engine)() as session:
        return sorted((await session.scalars(select(column))).all())  # type: ignore[call-overload]


async def _add_pending(make_uow: MakeUow, ages: list[timedelta]) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(CLIENT, "Cleo"))
        lesson = await uow.services.add(a_service(title="Lesson"))
        package = await uow.packages.add(a_package([service_item(lesson.id, 5)]))
        for n, age in enumerate(ages):
            key = f"{n:022d}"
            pending = PendingPurchase(None, key, f"r{n}", CLIENT, snapshot(package), NOW - age)
            assert await uow.pending.add(pending) is not None
        await uow.commit()


async def _add_digests(engine: AsyncEngine, days: list[tuple[date, bool]]) -> None:
    async with session_factory(engine)() as session:
        for day, sent in days:
            session.add(
                CoachDigestRow(
                    coach_id=ANNA,
                    day=day,
                    next_attempt_at=NOW,
                    attempts=1,
                    outcome="sent" if sent else "skipped",
                    sent_at=NOW if sent else None,
                )
            )
        await session.commit()


async def test_pruning_forgets_old_presses_pending_purchases_and_unsent_digests(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    await seed_coaches(make_uow)
    for message_id, age in ((1, KEPT_FOR + timedelta(minutes=1)), (2, timedelta(hours=23))):
        assert await claim_press(make_uow(), Press(ANNA, message_id, "x"), NOW - age)
    await _add_pending(make_uow, [PENDING_KEPT_FOR + timedelta(hours=1), timedelta(days=6)])
    today = NOW.date()
    week_ago = today - timedelta(days=7)
    await _add_digests(
        engine,
        [
            (today - timedelta(days=8), False),  # nothing sent, past the week: pruned
            (today - timedelta(days=9), True),  # sent: kept
            (week_ago, False),  # exactly a week: kept
            (today, False),
        ],
    )

    forgotten = await forget_old_rows(make_uow, NOW)

    assert forgotten == {"presses": 1, "pending purchases": 1, "unsent digests": 1}
    assert await _rows(engine, ButtonPressRow.message_id) == [2]
    assert await _rows(engine, PendingPurchaseRow.request_key) == ["r1"]
    assert await _rows(engine, CoachDigestRow.day) == [
        today - timedelta(days=9),
        week_ago,
        today,
    ]
    assert await forget_old_rows(make_uow, NOW) == dict.fromkeys(forgotten, 0)


async def test_a_press_claimed_over_a_day_ago_and_not_yet_pruned_is_a_new_claim(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    press = Press(ANNA, 5, "svc:delok:1")
    assert await claim_press(make_uow(), press, NOW)
    assert not await claim_press(make_uow(), press, NOW + KEPT_FOR)
    assert await claim_press(make_uow(), press, NOW + KEPT_FOR + timedelta(seconds=1))
    assert not await claim_press(make_uow(), press, NOW + KEPT_FOR + timedelta(seconds=2))
    async with session_factory(engine)() as session:
        assert await session.scalar(select(func.count()).select_from(ButtonPressRow)) == 1
