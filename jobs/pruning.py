"""The pruning job: every hour, rows kept only for a while are deleted (domain/retention.py
says what and for how long), so no table grows with every press, invoice or quiet morning."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import CallbackContext, JobQueue

from domain.retention import RetentionUnitOfWork, forget_old_rows

log = logging.getLogger(__name__)
PRUNE_JOB = "prune"
EVERY = timedelta(hours=1)
# Not at start-up: the first minute belongs to the replan and the updates queued meanwhile.
FIRST = timedelta(minutes=1)


class Prune:
    """Deletes presses, pending purchases and unsent digests past their time."""

    def __init__(
        self, uow_factory: Callable[[], RetentionUnitOfWork], clock: Callable[[], datetime]
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        forgotten = await forget_old_rows(self._uow_factory, self._clock())
        if any(forgotten.values()):
            log.info("pruned: %s", forgotten)


def schedule_pruning(
    queue: JobQueue[Any],
    uow_factory: Callable[[], RetentionUnitOfWork],
    clock: Callable[[], datetime],
) -> None:
    queue.run_repeating(
        Prune(uow_factory, clock),
        interval=EVERY,
        first=FIRST,
        name=PRUNE_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
