"""Reminder rows on real SQLite and PostgreSQL: planning, claiming, racing sweepers."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reminders.delivery import Notice
from domain.reminders.engine import Delivery, DeliveryStatus
from domain.reminders.model import ReminderKind
from domain.reminders.planning import SessionFacts
from domain.reminders.sweep import sweep_due_reminders
from domain.reminders.use_cases import replan_all_session_reminders, replan_session_reminders
from persistence.db import session_factory
from persistence.models import EntitlementRow, ReminderRow, SessionBookingRow, SoldPackageRow
from tests.reminder_seed import (
    MakeUow,
    Seller,
    book_session,
    plan_all,
    replan,
    seed_seller,
    sell,
    sell_many,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EXPIRES = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)
WEEK_BEFORE = EXPIRES - timedelta(days=7)
WEEK = (timedelta(days=7),)
COACH, CLIENT, ZONED_CLIENT = 10, 20, 30
LEASE = timedelta(minutes=10)  # as the bot sweeps, on both databases


@dataclass
class Recorder:
    """Records what would be sent; pauses like a paced, real send."""

    notices: list[Notice] = field(default_factory=list)

    async def ready(self, count: int) -> None:
        await asyncio.sleep(0.001)

    async def deliver(self, notice: Notice) -> Delivery:
        await asyncio.sleep(0.001)
        self.notices.append(notice)
        return Delivery(DeliveryStatus.DELIVERED)


async def seller(make_uow: MakeUow) -> Seller:
    return await seed_seller(make_uow, COACH, [(CLIENT, None), (ZONED_CLIENT, "Asia/Tokyo")])


async def rows(engine: AsyncEngine) -> list[ReminderRow]:
    async with session_factory(engine)() as session:
        stmt = select(ReminderRow).order_by(ReminderRow.due_at, ReminderRow.id)
        return list(await session.scalars(stmt))


async def change(engine: AsyncEngine, sold_id: int, **values: object) -> None:
    async with session_factory(engine)() as session:
        await session.execute(
            update(SoldPackageRow).where(SoldPackageRow.id == sold_id).values(**values)
        )
        await session.commit()


async def test_a_sold_package_gets_its_reminders_once_however_often_replanned(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    await replan(make_uow, sold_id, NOW)
    await replan(make_uow, sold_id, NOW)
    stored = await rows(engine)
    assert [(r.kind, r.due_at, r.recipient_id) for r in stored] == [
        ("expiry", WEEK_BEFORE, CLIENT),
        ("expiry", EXPIRES - timedelta(days=1), CLIENT),
        ("expired", EXPIRES, CLIENT),
    ]
    assert all(r.outcome is None and r.next_attempt_at == r.due_at for r in stored)


async def test_concurrent_replans_of_one_package_never_double_a_reminder(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    await asyncio.gather(*(replan(make_uow, sold_id, NOW) for _ in range(4)))
    assert len(await rows(engine)) == 3


async def test_expiry_extended_after_a_reminder_was_sent_keeps_it_and_plans_the_new_date(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    await replan(make_uow, sold_id, NOW)
    await sweep_due_reminders(make_uow, Recorder(), lambda: WEEK_BEFORE)
    later = EXPIRES + timedelta(days=14)
    await change(engine, sold_id, expires_at=later)
    await replan(make_uow, sold_id, WEEK_BEFORE)
    stored = await rows(engine)
    assert [(r.due_at, r.outcome) for r in stored] == [
        (WEEK_BEFORE, "sent"),
        (later - timedelta(days=7), None),
        (later - timedelta(days=1), None),
        (later, None),
    ]


async def test_used_up_or_expiry_removed_leaves_no_unsent_reminder(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sale = await seller(make_uow)
    used_up, open_ended = [await sell(engine, sale, CLIENT, EXPIRES) for _ in range(2)]
    for sold_id in (used_up, open_ended):
        await replan(make_uow, sold_id, NOW)
    await change(engine, open_ended, expires_at=None)
    async with session_factory(engine)() as session:
        await session.execute(
            update(EntitlementRow)
            .where(EntitlementRow.sold_package_id == used_up)
            .values(used=EntitlementRow.quantity)
        )
        await session.commit()
    for sold_id in (used_up, open_ended):
        await replan(make_uow, sold_id, NOW)
    assert await rows(engine) == []


async def test_package_facts_count_sessions_left_and_zones_are_the_ones_people_chose(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES, quantity=5, used=2)
    async with make_uow() as uow:
        found = await uow.reminders.package_facts([sold_id, sold_id + 100])
        assert list(found) == [sold_id]
        assert found[sold_id].sessions_left == 3 and found[sold_id].remindable
        zones = await uow.reminders.zones([CLIENT, ZONED_CLIENT, COACH])
        assert zones == {ZONED_CLIENT: "Asia/Tokyo", COACH: "Europe/Berlin"}


async def test_claim_takes_due_rows_oldest_first_up_to_the_limit(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sale = await seller(make_uow)
    for days in (3, 1, 2):
        sold_id = await sell(engine, sale, CLIENT, EXPIRES + timedelta(days=days))
        await replan(make_uow, sold_id, NOW)
    async with make_uow() as uow:
        now = EXPIRES - timedelta(days=5)
        due = await uow.reminders.claim_due(now, 2, now + LEASE)
    assert [r.plan.due_at for r in due] == [
        WEEK_BEFORE + timedelta(days=1),
        WEEK_BEFORE + timedelta(days=2),
    ]
    async with make_uow() as uow:
        assert await uow.reminders.claim_due(WEEK_BEFORE, 10, WEEK_BEFORE + LEASE) == []


async def planned_session(
    engine: AsyncEngine, make_uow: MakeUow, starts: datetime, offsets: tuple[timedelta, ...]
) -> int:
    """A session of the client's, booked and with its reminders planned; its id."""
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    session_id = await book_session(engine, sold_id, starts)
    booked = SessionFacts(session_id, sold_id, CLIENT, COACH, "Private lesson", starts)
    async with make_uow() as uow:
        await replan_session_reminders(uow, [booked], NOW, offsets)
        await uow.commit()
    return session_id


async def test_session_reminders_are_stored_for_client_and_coach(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    starts = NOW + timedelta(days=3)
    await planned_session(engine, make_uow, starts, (timedelta(hours=24), timedelta(hours=1)))
    stored = await rows(engine)
    assert sorted((r.recipient_id, r.due_at) for r in stored) == [
        (COACH, starts - timedelta(hours=24)),
        (COACH, starts - timedelta(hours=1)),
        (CLIENT, starts - timedelta(hours=24)),
        (CLIENT, starts - timedelta(hours=1)),
    ]
    assert {r.kind for r in stored} == {ReminderKind.SESSION.value}


async def test_two_sweepers_over_1000_due_reminders_send_each_exactly_once(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    count = 1000
    sale = await seller(make_uow)
    expiries = [EXPIRES + timedelta(minutes=i) for i in range(count)]
    sold_ids = await sell_many(engine, sale, [(CLIENT, at) for at in expiries])
    await plan_all(make_uow, sold_ids, NOW, WEEK)
    now = EXPIRES - timedelta(hours=1)  # every 7-day reminder is due, no expired notice yet
    first, second = Recorder(), Recorder()
    await asyncio.gather(
        sweep_due_reminders(make_uow, first, lambda: now, batch_size=10, lease=LEASE),
        sweep_due_reminders(make_uow, second, lambda: now, batch_size=10, lease=LEASE),
    )
    sent = [n.event_at for n in first.notices + second.notices]
    assert len(sent) == count and set(sent) == set(expiries)
    assert first.notices and second.notices  # both really took part
    async with session_factory(engine)() as session:
        outcomes = await session.execute(
            select(ReminderRow.kind, ReminderRow.outcome, func.count()).group_by(
                ReminderRow.kind, ReminderRow.outcome
            )
        )
        assert sorted(outcomes.all()) == [("expired", None, count), ("expiry", "sent", count)]


async def test_a_leased_claim_is_taken_over_only_after_the_lease_ends(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    await replan(make_uow, sold_id, NOW)
    lease_until = WEEK_BEFORE + timedelta(minutes=10)
    async with make_uow() as uow:  # a sweeper that claims, commits, then dies
        (claimed,) = await uow.reminders.claim_due(WEEK_BEFORE, 10, lease_until)
        await uow.commit()
    assert claimed.next_attempt_at == WEEK_BEFORE
    async with make_uow() as uow:
        before = lease_until - timedelta(seconds=1)
        assert await uow.reminders.claim_due(before, 10, before + LEASE) == []
        (again,) = await uow.reminders.claim_due(lease_until, 10, lease_until + LEASE)
    assert again.id == claimed.id


async def test_after_a_restart_with_other_session_offsets_upcoming_sessions_follow_them(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await sell(engine, await seller(make_uow), CLIENT, EXPIRES)
    await book_session(engine, sold_id, NOW - timedelta(days=1))
    first = await book_session(engine, sold_id, NOW + timedelta(days=2))
    await book_session(engine, sold_id, NOW + timedelta(days=3), status="cancelled")
    second = await book_session(engine, sold_id, NOW + timedelta(days=4))
    async with make_uow() as uow:
        upcoming = await uow.reminders.sessions_starting_after(NOW, 0, 10)
        assert [(s.session_id, s.client_id) for s in upcoming] == [
            (first, CLIENT),
            (second, CLIENT),
        ]
        assert [
            s.session_id for s in await uow.reminders.sessions_starting_after(NOW, first, 10)
        ] == [second]
    day_and_hour = (timedelta(hours=24), timedelta(hours=1))
    assert await replan_all_session_reminders(make_uow, NOW, day_and_hour, batch_size=1) == 8
    assert await replan_all_session_reminders(make_uow, NOW, day_and_hour, batch_size=1) == 0
    two_hours = (timedelta(hours=2),)
    assert await replan_all_session_reminders(make_uow, NOW, two_hours, batch_size=1) == 8 + 4
    stored = await rows(engine)
    assert sorted((r.session_id, r.recipient_id, r.due_at) for r in stored) == sorted(
        (session, person, NOW + timedelta(days=days, hours=-2))
        for session, days in ((first, 2), (second, 4))
        for person in (CLIENT, COACH)
    )


@dataclass
class ChangesSessionWhileWaiting(Recorder):
    """Cancels or moves the session while the sweep waits for its turn to send (after the
    claim, before the send), as the coach or client may at any moment."""

    engine: AsyncEngine | None = None
    session_id: int = 0
    values: dict[str, object] = field(default_factory=dict)

    async def ready(self, count: int) -> None:
        assert self.engine is not None
        async with session_factory(self.engine)() as session:
            await session.execute(
                update(SessionBookingRow)
                .where(SessionBookingRow.id == self.session_id)
                .values(**self.values)
            )
            await session.commit()


@pytest.mark.parametrize(
    "values",
    [
        {"status": "cancelled"},
        {"starts_at": NOW + timedelta(days=4), "ends_at": NOW + timedelta(days=4, hours=1)},
    ],
    ids=["cancelled", "moved"],
)
async def test_a_session_cancelled_or_moved_after_the_claim_gets_no_reminder(
    engine: AsyncEngine, make_uow: MakeUow, values: dict[str, object]
) -> None:
    starts = NOW + timedelta(days=3)
    session_id = await planned_session(engine, make_uow, starts, (timedelta(hours=24),))
    notifier = ChangesSessionWhileWaiting(engine=engine, session_id=session_id, values=values)
    await sweep_due_reminders(
        make_uow, notifier, lambda: starts - timedelta(hours=23), lease=LEASE
    )
    assert notifier.notices == []
    assert {r.outcome for r in await rows(engine)} == {"skipped"}
