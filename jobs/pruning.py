"""The retention job: rows kept only for a while are deleted (domain/retention.py says what and
for how long), so no table grows with every update, press, invoice or quiet morning.

One job, ticking every 10 minutes, with two steps on their own cadence:
- every hour (`EVERY`, the first tick on), presses, pending purchases and unsent digests;
- every tick, updates answered more than `INBOX_KEPT_FOR` ago, but only once the process has
  run that long: Telegram sends an update again only when it was not confirmed, i.e. right
  after a restart, and the inbox must still hold it then to know it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from telegram.ext import CallbackContext, JobQueue

from domain.retention import INBOX_KEPT_FOR, RetentionUnitOfWork, forget_old_rows
from jobs.repeating import repeat_alone

log = logging.getLogger(__name__)
PRUNE_JOB = "prune"
TICK = timedelta(minutes=10)
EVERY = timedelta(hours=1)  # presses, pending purchases, unsent digests: every 6th tick
# Not at start-up: the first minute belongs to the replan and the updates queued meanwhile.
FIRST = timedelta(minutes=1)


class Inbox(Protocol):
    """The stored updates (persistence/inbox.py)."""

    async def prune(self, retention: timedelta) -> int: ...


class Prune:
    """Deletes presses, pending purchases and unsent digests past their time (hourly) and
    answered updates past theirs (every tick, an hour after start)."""

    def __init__(
        self,
        uow_factory: Callable[[], RetentionUnitOfWork],
        clock: Callable[[], datetime],
        inbox: Inbox | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._inbox = inbox
        self._ticks = 0

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        tick, self._ticks = self._ticks, self._ticks + 1
        steps: list[Callable[[], Awaitable[dict[str, int]]]] = []
        if tick % (EVERY // TICK) == 0:
            steps.append(lambda: forget_old_rows(self._uow_factory, self._clock()))
        inbox = self._inbox
        if inbox is not None and FIRST + tick * TICK >= INBOX_KEPT_FOR:
            steps.append(lambda: _counted("answered updates", inbox.prune(INBOX_KEPT_FOR)))
        forgotten: dict[str, int] = {}
        failed: list[Exception] = []
        for step in steps:  # one step failing does not keep the other from running
            try:
                forgotten |= await step()
            except Exception as error:
                failed.append(error)
        if any(forgotten.values()):
            log.info("pruned: %s", forgotten)
        if failed:
            raise failed[0]


async def _counted(kind: str, deleted: Awaitable[int]) -> dict[str, int]:
    return {kind: await deleted}


def schedule_pruning(
    queue: JobQueue[Any],
    uow_factory: Callable[[], RetentionUnitOfWork],
    clock: Callable[[], datetime],
    inbox: Inbox | None = None,
) -> None:
    repeat_alone(queue, Prune(uow_factory, clock, inbox), PRUNE_JOB, every=TICK, first=FIRST)
