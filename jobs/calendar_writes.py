"""The calendar write job: every half minute, bookings booked, moved or cancelled since are
written to their coach's receiving calendar (see domain/calendars/writes.py); a calendar
that cannot be reached is tried again later, so nothing is lost while it is down."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram.ext import CallbackContext, JobQueue

from domain.booking.model import ScheduleEntry
from domain.calendars.ports import CalendarUowFactory, EventWriter
from domain.calendars.writes import write_bookings
from i18n import DEFAULT, _, speaking
from jobs.repeating import repeat_alone

log = logging.getLogger(__name__)
WRITE_JOB = "calendar-writes"
EVERY_SECONDS = 30


def event_summary(entry: ScheduleEntry, language: str = DEFAULT) -> str:
    """What the coach's calendar shows: the session and who booked it (in their language)."""
    with speaking(language):
        who = entry.client_name or _("a client")
    return f"{entry.booking.title} · {who}"


@dataclass(frozen=True)
class CalendarWriteDeps:
    uow_factory: CalendarUowFactory
    clock: Callable[[], datetime]
    writer: EventWriter


class WriteBookings:
    def __init__(self, deps: CalendarWriteDeps) -> None:
        self._deps = deps

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.run(context.bot.username)

    async def run(self, bot_username: str) -> tuple[int, int]:
        deps = self._deps
        done = await write_bookings(
            deps.uow_factory, deps.writer, deps.clock(), bot_username, event_summary
        )
        if done[1]:
            log.warning("calendar writes: %s written, %s to retry", *done)
        return done


def schedule_calendar_writes(queue: JobQueue[Any], deps: CalendarWriteDeps) -> None:
    repeat_alone(queue, WriteBookings(deps), WRITE_JOB, every=EVERY_SECONDS, first=EVERY_SECONDS)
