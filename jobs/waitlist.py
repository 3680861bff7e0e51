"""The waitlist sweep as a bulk job: lapsed holds pass their seat on, free seats with a line
are offered, and each offer's message goes out once through the shared outbox (paced with
the reminders), with the bot's Take/No buttons."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import JobQueue

from domain.booking.waitlist import OfferNotice
from domain.booking.waitlist_sweep import sweep_waitlists
from domain.timezones import to_local
from i18n import _, speaking, when
from jobs.bulk import BulkJob, JobDeps, Rendered, every_sweep

WAITLIST_JOB = "waitlist-sweep"
BATCH_SIZE = 20


def _when(moment: datetime, zone: str) -> str:
    return when(to_local(moment, zone), "%a %-d %b %H:%M")


def offer_text(notice: OfferNotice) -> str:
    """The offer: which seat, until when it is held for them, in their zone (and their
    language: the caller speaks it)."""
    seat = _("🎟 A seat freed up: <b>{title}</b>, {when} ({zone}).").format(
        title=escape(notice.title),
        when=_when(notice.starts_at, notice.zone),
        zone=escape(notice.zone),
    )
    hold = _(
        "It is held for you until {until}. Taking it uses one session of your package; "
        "after that it goes to the next in line."
    ).format(until=_when(notice.hold_until, notice.zone))
    return seat + "\n" + hold


def schedule_waitlist_sweep(queue: JobQueue[Any], deps: JobDeps) -> None:
    """Every REMINDER_SWEEP_SECONDS, from one interval after start: lapses, offers, messages;
    a seat is held for WAITLIST_HOLD_MINUTES."""

    def rendered(notice: OfferNotice) -> tuple[int, str, InlineKeyboardMarkup | None]:
        with speaking(notice.language):  # the person's, buttons too
            return notice.user_id, offer_text(notice), deps.offer_buttons(notice.entry_id)

    notifier = Rendered(deps.outbox, rendered)
    hold = deps.settings.waitlist_hold
    job = BulkJob(
        WAITLIST_JOB,
        lambda keep_going: sweep_waitlists(
            deps.uow_factory,
            notifier,
            deps.clock,
            hold,
            batch_size=BATCH_SIZE,
            keep_going=keep_going,
        ),  # fmt: skip
    )
    every_sweep(queue, job, deps.settings.reminder_sweep_seconds)
