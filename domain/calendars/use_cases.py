"""What a coach does with their calendars: connect, look, disconnect; and storing what a
read gave. One transaction each."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.booking.slots import Busy
from domain.calendars.model import CalendarSource, ReadError
from domain.calendars.ports import CalendarUnitOfWork
from domain.calendars.sync import Notice, after_failure, after_read
from domain.errors import InvalidInput, NotACoach, NotFound

SOURCES_MAX = 5


async def connect_calendar(uow: CalendarUnitOfWork, source: CalendarSource) -> CalendarSource:
    """The coach gets one more calendar source (at most five)."""
    async with uow:
        if await uow.coaches.get(source.coach_id) is None:
            raise NotACoach()
        if len(await uow.calendars.for_coach(source.coach_id)) >= SOURCES_MAX:
            raise InvalidInput("calendar", "calendars_too_many", limit=SOURCES_MAX)
        if source.target is not None and any(
            s.target for s in await uow.calendars.for_coach(source.coach_id)
        ):
            raise InvalidInput("calendar", "calendar_target_taken")
        stored = await uow.calendars.add(source)
        await uow.commit()
        return stored


async def disconnect_calendar(uow: CalendarUnitOfWork, coach_id: int, source_id: int) -> None:
    """The source is gone with its busy times; bookings stop being written to it."""
    async with uow:
        if not await uow.calendars.remove(source_id, coach_id):
            raise NotFound("calendar")
        await uow.commit()


async def calendars_of(uow: CalendarUnitOfWork, coach_id: int) -> list[CalendarSource]:
    async with uow:
        return await uow.calendars.for_coach(coach_id)


def sync_window(now: datetime, horizon_days: int) -> tuple[datetime, datetime]:
    """The span read from a calendar: from a day ago to a day past the booking horizon."""
    return now - timedelta(days=1), now + timedelta(days=horizon_days + 1)


async def store_read(
    uow: CalendarUnitOfWork,
    source_id: int,
    now: datetime,
    busy: list[Busy] | None,
    validators: tuple[str | None, str | None] | None = None,
) -> Notice | None:
    """A read's busy times replace the source's (None: not modified, they stay)."""
    async with uow:
        source = await uow.calendars.get(source_id)
        if source is None:  # disconnected while it was read
            return None
        if busy is not None:
            await uow.calendars.replace_busy(source, busy)
        changed, notice = after_read(source, now, None if busy is None else len(busy), validators)
        await uow.calendars.save(changed)
        await uow.commit()
        return notice


async def store_failure(
    uow: CalendarUnitOfWork, source_id: int, error: ReadError
) -> Notice | None:
    """A failed read: the busy times stay; the notice says whether to tell the coach."""
    async with uow:
        source = await uow.calendars.get(source_id)
        if source is None:
            return None
        changed, notice = after_failure(source, error)
        await uow.calendars.save(changed)
        await uow.commit()
        return notice
