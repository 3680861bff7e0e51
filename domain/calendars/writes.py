"""Writing bookings to the coach's receiving calendar from the pending-write rows: each
booking's oldest pending row first, so a booking's writes keep their order; the event
always shows the booking as it is when written, under its stable UID, so a retry or a
second writer can never make two events. A failed write is retried later (1, 2, 4 … 60
minutes), never dropped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from domain.booking.feeds import session_uid
from domain.booking.model import ScheduleEntry
from domain.calendars.model import CalendarUnreadable
from domain.calendars.ports import CalendarUowFactory, EventWriter, PendingWrite
from domain.model import DEFAULT_LANGUAGE

BATCH = 50
RETRY_MAX = timedelta(minutes=60)


def retry_delay(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** min(attempts, 6)), RETRY_MAX)


async def write_bookings(
    uow_factory: CalendarUowFactory,
    writer: EventWriter,
    now: datetime,
    bot_username: str,
    summary: Callable[[ScheduleEntry, str], str],
) -> tuple[int, int]:
    """Writes the due bookings; (written, to retry). `summary` says an event in its coach's
    language (read once for the batch)."""
    async with uow_factory(write=False) as uow:
        due = await uow.calendar_writes.due(now, BATCH)
        languages = await uow.users.languages({w.coach_id for w in due})
    written = failed = 0
    for write in due:
        language = languages.get(write.coach_id, DEFAULT_LANGUAGE)
        said = _Said(summary, language)
        if await _write_one(uow_factory, writer, write, now, bot_username, said):
            written += 1
        else:
            failed += 1
    return written, failed


class _Said:
    """An event's summary in one language."""

    def __init__(self, summary: Callable[[ScheduleEntry, str], str], language: str) -> None:
        self._summary, self._language = summary, language

    def __call__(self, entry: ScheduleEntry) -> str:
        return self._summary(entry, self._language)


async def _write_one(
    uow_factory: CalendarUowFactory,
    writer: EventWriter,
    write: PendingWrite,
    now: datetime,
    bot_username: str,
    summary: Callable[[ScheduleEntry], str],
) -> bool:
    async with uow_factory(write=False) as uow:
        entry = await uow.bookings.entry(write.booking_id)
        sources = await uow.calendars.for_coach(write.coach_id)
    target = next((s for s in sources if s.target), None)
    if entry is not None and target is not None:
        uid = session_uid(write.booking_id, bot_username)
        try:
            await writer.write(target, entry, uid, summary(entry), now)
        except CalendarUnreadable:
            async with uow_factory() as uow:
                await uow.calendar_writes.retry(write, now + retry_delay(write.attempts))
                await uow.commit()
            return False
    async with uow_factory() as uow:
        await uow.calendar_writes.done(write)
        await uow.commit()
    return True
