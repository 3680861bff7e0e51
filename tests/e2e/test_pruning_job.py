"""The running bot's one retention job: every hour it deletes presses older than a day through
the bot's own clock and database, and keeps the recent ones; every 10 minutes, once the bot
has run an hour, it deletes updates answered over an hour ago."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.presses import KEPT_FOR, Press, claim_press
from jobs.pruning import EVERY, PRUNE_JOB, TICK
from persistence.db import session_factory
from persistence.models import ButtonPressRow, InboxRow
from tests.e2e.conftest import COACH, BotHarness
from tests.integration.catalog_seed import MakeUow


async def test_the_hourly_pruning_job_forgets_presses_older_than_a_day(
    harness: BotHarness, make_uow: MakeUow, engine: AsyncEngine
) -> None:
    now = harness.clock.now
    assert await claim_press(make_uow(), Press(COACH, 1, "x"), now - KEPT_FOR - timedelta(1))
    assert await claim_press(make_uow(), Press(COACH, 2, "x"), now - timedelta(hours=1))
    app = harness.app
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(PRUNE_JOB)
    assert job.job.trigger.interval == TICK and EVERY == 6 * TICK

    await job.run(app)

    async with session_factory(engine)() as session:
        left = (await session.scalars(select(ButtonPressRow.message_id))).all()
    assert left == [2]


async def test_the_same_job_forgets_answered_updates_an_hour_after_start_then_every_tick(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    now = harness.clock.now
    sessions = session_factory(engine)
    async with sessions() as session:
        session.add_all(
            InboxRow(update_id=n, payload={}, received_at=now, done_at=now, answered_at=at)
            for n, at in ((901, now - timedelta(hours=2)), (902, None))
        )
        await session.commit()
    app = harness.app
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(PRUNE_JOB)

    async def kept() -> set[int]:
        async with sessions() as session:
            return set((await session.scalars(select(InboxRow.update_id))).all())

    for _ in range(6):  # ticks at 1, 11, ..., 51 minutes after start: too early
        await job.run(app)
        assert {901, 902} <= await kept()
    await job.run(app)  # 61 minutes after start
    assert 901 not in await kept() and 902 in await kept()
