"""The coach digest as a JobQueue (APScheduler) interval job, sending through the bot and the
reminders' rate limit."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol, cast

from telegram.ext import Application, ExtBot, JobQueue

from bot.kit.context import BotContext, PackagesApplication
from domain.reminders.delivery import Delivery
from domain.reminders.digest import Digest
from domain.reminders.digest_ports import DigestUnitOfWork
from domain.reminders.digest_sweep import send_coach_digests
from jobs.digest_texts import digest_text
from jobs.sending import BULK_SEND, attempt

log = logging.getLogger(__name__)
DIGEST_JOB = "coach-digest"
BATCH_SIZE = 50
# Far longer than one batch takes to send: a claim is only taken over after a crash.
LEASE = timedelta(minutes=10)


class Paced(Protocol):
    async def ready(self, count: int) -> None: ...


class DigestSender:
    """Sends digests through the bot, paced by the reminders' notifier (one limiter for all
    bulk sends, so together they stay under REMINDER_MAX_PER_SECOND and replies go first)."""

    def __init__(self, bot: ExtBot, pace: Paced) -> None:  # type: ignore[type-arg]
        self._bot = bot
        self._pace = pace

    async def ready(self, count: int) -> None:
        await self._pace.ready(count)

    async def deliver_digest(self, digest: Digest) -> Delivery:
        text = digest_text(digest)
        return await attempt(
            self._bot.send_message(digest.coach_id, text, rate_limit_args=BULK_SEND)
        )


class CoachDigestJob:
    """The job: open the digests that came due and send them, stopping on shutdown."""

    def __init__(self, sender: DigestSender) -> None:
        self.sender = sender

    async def __call__(self, context: BotContext) -> None:
        """Coaches whose morning hour has come get the day's digest."""
        deps, app = context.deps, context.application
        report = await send_coach_digests(
            # The one SqlUnitOfWork serves every port; the context types it for handlers.
            lambda: cast(DigestUnitOfWork, deps.uow_factory()),
            self.sender,
            deps.clock,
            hour=deps.settings.coach_digest_hour,
            batch_size=BATCH_SIZE,
            keep_going=lambda: app.running,
            lease=LEASE,
        )
        if report:
            log.info("coach digest: %s", dict(report))


def schedule_coach_digest(app: Application, pace: Paced) -> None:  # type: ignore[type-arg]
    """With COACH_DIGEST on, run the digest every REMINDER_SWEEP_SECONDS (from one interval
    after start), paced by `pace` (the reminders' notifier)."""
    settings = cast(PackagesApplication, app).deps.settings
    if not settings.coach_digest:
        return
    queue = cast(JobQueue, app.job_queue)  # type: ignore[type-arg]
    queue.run_repeating(
        CoachDigestJob(DigestSender(app.bot, pace)),
        interval=settings.reminder_sweep_seconds,
        first=settings.reminder_sweep_seconds,
        name=DIGEST_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
