"""What a coach does with their calendars: connect, look, disconnect; and storing what a
read gave. One transaction each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.slots import Busy
from domain.calendars.model import CalendarSource, CalendarUnreadable, ReadError
from domain.calendars.ports import BusyReader, CalendarUnitOfWork, CalendarUowFactory
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


async def read_calendar(
    uow_factory: CalendarUowFactory,
    reader: BusyReader,
    source: CalendarSource,
    now: datetime,
    own: Callable[[str], bool],
) -> Notice | None:
    """Reads one source (no transaction is open while it is fetched) and stores what it
    gave, or its failure; the notice says whether to tell the coach."""
    async with uow_factory(write=False) as uow:
        coach = await uow.coaches.get(source.coach_id)
        horizon = (await uow.availability.get(source.coach_id)).settings.horizon_days
    if coach is None or source.id is None:
        return None
    window = sync_window(now, horizon)
    try:
        read = await reader.read(source, ZoneInfo(coach.timezone), window, own)
    except CalendarUnreadable as exc:
        return await store_failure(uow_factory(), source.id, exc.error)
    return await store_read(uow_factory(), source.id, now, read.busy, read.validators)
