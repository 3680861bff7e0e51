"""The running bot prunes every hour: the registered job deletes presses older than a day
through the bot's own clock and database, and keeps the recent ones."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.presses import KEPT_FOR, Press, claim_press
from jobs.pruning import EVERY, PRUNE_JOB
from persistence.db import session_factory
from persistence.models import ButtonPressRow
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
    assert job.job.trigger.interval == EVERY

    await job.run(app)

    async with session_factory(engine)() as session:
        left = (await session.scalars(select(ButtonPressRow.message_id))).all()
    assert left == [2]
