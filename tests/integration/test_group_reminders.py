"""A group meeting reminds its coach once, not once per seat, on real SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.coach_changes import coach_cancel
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat
from domain.reminders.use_cases import ReminderOffsets, replan_all_session_reminders
from persistence.db import session_factory
from persistence.models import ReminderRow
from tests.integration.booking_seed import CLASS_START, NOW, seed_world, sell
from tests.integration.catalog_seed import ANNA, MakeUow

OFFSETS = ReminderOffsets((), (timedelta(hours=24), timedelta(hours=1)))


async def coach_reminders(engine: AsyncEngine) -> list[tuple[int | None, timedelta]]:
    """(session, offset before the class) of the coach's unsent reminders."""
    async with session_factory(engine)() as session:
        stmt = select(ReminderRow).where(
            ReminderRow.recipient_id == ANNA, ReminderRow.outcome.is_(None)
        )
        found = await session.scalars(stmt.order_by(ReminderRow.due_at))
        return [(r.session_id, CLASS_START - r.due_at) for r in found]


async def test_three_seats_remind_the_coach_once_and_a_cancel_hands_it_to_the_next_seat(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    world = await seed_world(make_uow)
    seats = []
    for n in (1, 2, 3):
        sold = await sell(engine, world, n)
        seat = GroupSeat(sold.yoga, world.occurrence_id)
        seats.append((await book_session(make_uow(), sold.holder, seat, NOW, OFFSETS)).done)
    first, second, _ = (seat.id for seat in seats)
    day, hour = timedelta(hours=24), timedelta(hours=1)
    assert await coach_reminders(engine) == [(first, day), (first, hour)]

    assert first is not None and second is not None
    await coach_cancel(make_uow(), ANNA, first, NOW, OFFSETS)
    assert await coach_reminders(engine) == [(second, day), (second, hour)]

    async with make_uow() as uow:
        upcoming = await uow.reminders.sessions_starting_after(NOW, 0, 10)
    assert [(s.session_id, s.remind_coach) for s in upcoming] == [
        (seats[1].id, True),
        (seats[2].id, False),
    ]
    two_hours = timedelta(hours=2)
    await replan_all_session_reminders(make_uow, NOW, (two_hours,))
    assert await coach_reminders(engine) == [(second, two_hours)]
