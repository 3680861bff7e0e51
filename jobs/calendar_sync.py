"""The calendar sync job: every CALENDAR_SYNC_MINUTES each connected calendar is read and
its busy times replace the last ones (a feed that has not changed is not downloaded again).
When a calendar fails, its last good busy times stay in force and the coach is told once;
again once when it recovers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from telegram.error import TelegramError
from telegram.ext import CallbackContext, JobQueue

from domain.calendars.busy import is_booking_uid
from domain.calendars.model import CalendarSource
from domain.calendars.ports import BusyReader, CalendarUowFactory
from domain.calendars.sync import Notice
from domain.calendars.use_cases import read_calendar
from i18n import N_, _, speaking
from jobs.repeating import repeat_alone

log = logging.getLogger(__name__)
SYNC_JOB = "calendar-sync"
AT_ONCE = 4  # sources read at the same time

TEXTS = {
    Notice.FAILING: N_(
        "📅 I can't read your calendar <b>{label}</b> right now. Until it works again, the "
        "busy times from its last good read keep blocking bookings. /calendar shows what "
        "went wrong."
    ),
    Notice.RECOVERED: N_(
        "📅 Your calendar <b>{label}</b> can be read again; its busy times are up to date."
    ),
}


@dataclass(frozen=True)
class CalendarSyncDeps:
    uow_factory: CalendarUowFactory
    clock: Callable[[], datetime]
    reader: BusyReader


class SyncCalendars:
    """Reads every connected calendar once."""

    def __init__(self, deps: CalendarSyncDeps) -> None:
        self._deps = deps

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.run(context.bot)

    async def run(self, bot: Any) -> None:
        async with self._deps.uow_factory(write=False) as uow:
            sources = await uow.calendars.all()
        gate = asyncio.Semaphore(AT_ONCE)

        async def one(source: CalendarSource) -> None:
            async with gate:
                await self.sync(bot, source)

        await asyncio.gather(*(one(s) for s in sources))

    async def sync(self, bot: Any, source: CalendarSource) -> None:
        deps = self._deps
        own = is_booking_uid(bot.username)
        notice = await read_calendar(deps.uow_factory, deps.reader, source, deps.clock(), own)
        if notice is not None:
            log.warning("calendar %s of coach %s: %s", source.id, source.coach_id, notice.value)
            async with deps.uow_factory(write=False) as uow:
                language = (await uow.users.languages([source.coach_id]))[source.coach_id]
            await _tell(bot, source, notice, language)


async def _tell(bot: Any, source: CalendarSource, notice: Notice, language: str) -> None:
    try:
        with speaking(language):  # the coach's
            text = _(TEXTS[notice]).format(label=escape(source.label))
        await bot.send_message(source.coach_id, text)
    except TelegramError as exc:
        log.warning("calendar notice to coach %s not sent: %s", source.coach_id, exc)


def schedule_calendar_sync(queue: JobQueue[Any], deps: CalendarSyncDeps, minutes: int) -> None:
    repeat_alone(queue, SyncCalendars(deps), SYNC_JOB, every=minutes * 60, first=30)
