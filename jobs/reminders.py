"""The reminder sweep as a bulk job: notices rendered with their texts and buttons."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import CallbackContext, JobQueue

from domain.reminders.delivery import Notice
from domain.reminders.sweep import sweep_due_reminders
from domain.reminders.use_cases import (
    replan_all_package_reminders,
    replan_all_session_reminders,
)
from i18n import speaking
from jobs.bulk import BulkJob, JobDeps, Rendered, every_sweep
from jobs.digest import schedule_coach_digest
from jobs.texts import reminder_text

log = logging.getLogger(__name__)
SWEEP_JOB = "reminder-sweep"
REPLAN_JOB = "reminder-replan"
BATCH_SIZE = 20


class ReplanOnStart:
    """Unsent reminders follow the EXPIRY_REMINDER_OFFSETS and SESSION_REMINDER_OFFSETS this
    process started with."""

    def __init__(self, deps: JobDeps) -> None:
        self.deps = deps

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        deps = self.deps
        settings, now = deps.settings, deps.clock()
        changed = await replan_all_package_reminders(
            deps.uow_factory, now, settings.expiry_reminder_offsets
        )
        changed += await replan_all_session_reminders(
            deps.uow_factory, now, settings.session_reminder_offsets
        )
        if changed:
            log.info("reminders replanned for the current offsets: %d rows changed", changed)


def schedule_reminder_sweep(queue: JobQueue[Any], deps: JobDeps) -> None:
    """Replan once at start-up; sweep every REMINDER_SWEEP_SECONDS from one interval later;
    and the coach digest, paced by the same outbox."""

    def rendered(notice: Notice) -> tuple[int, str, InlineKeyboardMarkup | None]:
        with speaking(notice.language):  # the receiver's, buttons too
            return notice.chat_id, reminder_text(notice), deps.reminder_buttons(notice)

    notifier = Rendered(deps.outbox, rendered)
    job = BulkJob(
        SWEEP_JOB,
        lambda keep_going: sweep_due_reminders(
            deps.uow_factory, notifier, deps.clock, batch_size=BATCH_SIZE, keep_going=keep_going
        ),
    )
    every_sweep(queue, job, deps.settings.reminder_sweep_seconds)
    queue.run_once(ReplanOnStart(deps), when=0, name=REPLAN_JOB)
    schedule_coach_digest(queue, deps)
