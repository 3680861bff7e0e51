"""The pruning job: every hour, rows kept only for a while are deleted (domain/retention.py
says what and for how long), so no table grows with every press, invoice or quiet morning."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import cast

from telegram.ext import Application, JobQueue

from bot.kit.context import BotContext
from domain.retention import RetentionUnitOfWork, forget_old_rows

log = logging.getLogger(__name__)
PRUNE_JOB = "prune"
EVERY = timedelta(hours=1)
# Not at start-up: the first minute belongs to the replan and the updates queued meanwhile.
FIRST = timedelta(minutes=1)


async def prune(context: BotContext) -> None:
    """Deletes presses, pending purchases and unsent digests past their time."""
    deps = context.deps
    forgotten = await forget_old_rows(
        # The one SqlUnitOfWork serves every port; the context types it for handlers.
        lambda: cast(RetentionUnitOfWork, deps.uow_factory()),
        deps.clock(),
    )
    if any(forgotten.values()):
        log.info("pruned: %s", forgotten)


def schedule_pruning(app: Application) -> None:  # type: ignore[type-arg]
    queue = cast(JobQueue, app.job_queue)  # type: ignore[type-arg]
    queue.run_repeating(
        prune,
        interval=EVERY,
        first=FIRST,
        name=PRUNE_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
