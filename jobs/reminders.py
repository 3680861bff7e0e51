"""The reminder sweep as a JobQueue (APScheduler) interval job, sending through the bot."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import cast

from aiolimiter import AsyncLimiter
from telegram.ext import Application, ExtBot, JobQueue

from bot.kit.context import BotContext, PackagesApplication
from domain.reminders.delivery import Delivery, Notice
from domain.reminders.sweep import sweep_due_reminders
from domain.reminders.use_cases import (
    replan_all_package_reminders,
    replan_all_session_reminders,
)
from jobs.digest import schedule_coach_digest
from jobs.keyboards import reminder_keyboard
from jobs.sending import BULK_SEND, attempt
from jobs.texts import reminder_text
from persistence.db import is_sqlite

log = logging.getLogger(__name__)
SWEEP_JOB = "reminder-sweep"
REPLAN_JOB = "reminder-replan"
BATCH_SIZE = 20
# Far longer than one batch takes to send: a claim is only taken over after a crash.
SQLITE_LEASE = timedelta(minutes=10)


class TelegramNotifier:
    """Sends notices through the Application's bot (and its rate limiter, where they wait
    behind replies), at most `max_per_second` of them, leaving the rest of Telegram's rate
    to replies."""

    def __init__(self, bot: ExtBot, max_per_second: int) -> None:  # type: ignore[type-arg]
        self._bot = bot
        self._rate = max_per_second
        self._limiter = AsyncLimiter(max_per_second, 1)

    async def ready(self, count: int) -> None:
        while count > 0:  # the limiter hands out at most one second's worth at a time
            chunk = min(count, self._rate)
            await self._limiter.acquire(chunk)
            count -= chunk

    async def deliver(self, notice: Notice) -> Delivery:
        return await attempt(
            self._bot.send_message(
                notice.chat_id,
                reminder_text(notice),
                reply_markup=reminder_keyboard(notice),
                rate_limit_args=BULK_SEND,
            )
        )


class ReminderSweep:
    """The job: one sweep of every due reminder, stopping early when the bot shuts down."""

    def __init__(self, notifier: TelegramNotifier, lease: timedelta | None) -> None:
        self.notifier = notifier
        self.lease = lease

    async def __call__(self, context: BotContext) -> None:
        """People get the reminders that came due since the last sweep."""
        deps, app = context.deps, context.application
        report = await sweep_due_reminders(
            deps.uow_factory,
            self.notifier,
            deps.clock,
            batch_size=BATCH_SIZE,
            keep_going=lambda: app.running,
            lease=self.lease,
        )
        if report:
            log.info("reminder sweep: %s", dict(report))


async def replan_on_start(context: BotContext) -> None:
    """Unsent reminders follow the EXPIRY_REMINDER_OFFSETS and SESSION_REMINDER_OFFSETS this
    process started with."""
    deps = context.deps
    settings, now = deps.settings, deps.clock()
    changed = await replan_all_package_reminders(
        deps.uow_factory, now, settings.expiry_reminder_offsets
    )
    changed += await replan_all_session_reminders(
        deps.uow_factory, now, settings.session_reminder_offsets
    )
    if changed:
        log.info("reminders replanned for the current offsets: %d rows changed", changed)


def schedule_reminder_sweep(app: Application) -> None:  # type: ignore[type-arg]
    """Replan once at start-up; sweep every REMINDER_SWEEP_SECONDS from one interval later."""
    settings = cast(PackagesApplication, app).deps.settings
    # PostgreSQL locks only the claimed rows, so a batch is claimed, sent and marked in one
    # transaction. SQLite has one write lock, which every reply needs too: holding it while
    # Telegram answers starved replies (seconds), so there the claim is a lease instead.
    lease = SQLITE_LEASE if is_sqlite(settings.database_url) else None
    notifier = TelegramNotifier(app.bot, settings.reminder_max_per_second)
    queue = cast(JobQueue, app.job_queue)  # type: ignore[type-arg]
    queue.run_repeating(
        ReminderSweep(notifier, lease),
        interval=settings.reminder_sweep_seconds,
        first=settings.reminder_sweep_seconds,
        name=SWEEP_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
    queue.run_once(replan_on_start, when=0, name=REPLAN_JOB)
    schedule_coach_digest(app, notifier)  # paced by the same limiter as the reminders
