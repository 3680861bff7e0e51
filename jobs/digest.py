"""The coach digest as a bulk job, paced with the reminders by the one outbox."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import JobQueue

from domain.reminders.digest import Digest
from domain.reminders.digest_sweep import send_coach_digests
from i18n import speaking
from jobs.bulk import BulkJob, JobDeps, Rendered, every_sweep
from jobs.digest_texts import digest_text

DIGEST_JOB = "coach-digest"
BATCH_SIZE = 50


def rendered(digest: Digest) -> tuple[int, str, InlineKeyboardMarkup | None]:
    with speaking(digest.language):  # the coach's
        return digest.coach_id, digest_text(digest), None


def schedule_coach_digest(queue: JobQueue[Any], deps: JobDeps) -> None:
    """With COACH_DIGEST on, coaches whose morning hour (COACH_DIGEST_HOUR) has come get the
    day's digest: checked every REMINDER_SWEEP_SECONDS, from one interval after start."""
    settings = deps.settings
    if not settings.coach_digest:
        return
    notifier = Rendered(deps.outbox, rendered)
    job = BulkJob(
        DIGEST_JOB,
        lambda keep_going: send_coach_digests(
            deps.uow_factory,
            notifier,
            deps.clock,
            hour=settings.coach_digest_hour,
            batch_size=BATCH_SIZE,
            keep_going=keep_going,
        ),
    )
    every_sweep(queue, job, settings.reminder_sweep_seconds)
