"""The coach's calendar sources, the busy times read from them, and the pending writes of
bookings to the calendar that receives them."""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import delete, exists, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.slots import Busy
from domain.calendars.model import CalendarSource, ReadError, SourceKind
from domain.calendars.ports import PendingWrite
from persistence.models import (
    CalendarBusyRow,
    CalendarSourceRow,
    CalendarWriteRow,
    SessionBookingRow,
)


class SqlCalendarSources:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_coach(self, coach_id: int) -> builtins.list[CalendarSource]:
        rows = await self._session.scalars(
            select(CalendarSourceRow)
            .where(CalendarSourceRow.coach_id == coach_id)
            .order_by(CalendarSourceRow.id)
        )
        return [_source(row) for row in rows]

    async def all(self) -> builtins.list[CalendarSource]:
        rows = await self._session.scalars(
            select(CalendarSourceRow).order_by(CalendarSourceRow.id)
        )
        return [_source(row) for row in rows]

    async def get(self, source_id: int) -> CalendarSource | None:
        row = await self._session.get(CalendarSourceRow, source_id)
        return _source(row) if row else None

    async def add(self, source: CalendarSource) -> CalendarSource:
        row = CalendarSourceRow(
            coach_id=source.coach_id,
            kind=source.kind.value,
            label=source.label,
            secret=source.secret,
            created_at=source.created_at,
            busy_count=0,
            failing=False,
            **_state(source),
        )
        self._session.add(row)
        await self._session.flush()
        source.id = row.id
        if source.target is not None:  # the sessions already booked go there too
            await self._session.execute(
                insert(CalendarWriteRow).from_select(
                    ["booking_id", "coach_id", "attempts"],
                    select(SessionBookingRow.id, SessionBookingRow.coach_id, literal(0)).where(
                        SessionBookingRow.coach_id == source.coach_id,
                        SessionBookingRow.status == "booked",
                        SessionBookingRow.ends_at > source.created_at,
                    ),
                )
            )
        return source

    async def save(self, source: CalendarSource) -> None:
        await self._session.execute(
            update(CalendarSourceRow)
            .where(CalendarSourceRow.id == source.id)
            .values(
                busy_count=source.busy_count,
                failing=source.failing,
                label=source.label,
                **_state(source),
            )
        )

    async def remove(self, source_id: int, coach_id: int) -> bool:
        mine = (CalendarSourceRow.id == source_id) & (CalendarSourceRow.coach_id == coach_id)
        found = await self._session.scalar(select(CalendarSourceRow.target).where(mine))
        if not await self._session.scalar(select(exists().where(mine))):
            return False
        await self._session.execute(
            delete(CalendarBusyRow).where(CalendarBusyRow.source_id == source_id)
        )
        if found is not None:  # bookings are no longer written anywhere
            await self._session.execute(
                delete(CalendarWriteRow).where(CalendarWriteRow.coach_id == coach_id)
            )
        await self._session.execute(delete(CalendarSourceRow).where(mine))
        return True

    async def replace_busy(self, source: CalendarSource, busy: builtins.list[Busy]) -> None:
        await self._session.execute(
            delete(CalendarBusyRow).where(CalendarBusyRow.source_id == source.id)
        )
        if busy:
            await self._session.execute(
                insert(CalendarBusyRow),
                [
                    {
                        "source_id": source.id,
                        "coach_id": source.coach_id,
                        "starts_at": b.start,
                        "ends_at": b.end,
                    }
                    for b in busy
                ],
            )


def _state(source: CalendarSource) -> dict[str, object]:
    return {
        "blocking": list(source.blocking),
        "target": source.target,
        "calendars": dict(source.calendars),
        "etag": source.etag,
        "last_modified": source.last_modified,
        "last_read_at": source.last_read_at,
        "last_error": source.last_error.value if source.last_error else None,
    }


def _source(row: CalendarSourceRow) -> CalendarSource:
    return CalendarSource(
        id=row.id,
        coach_id=row.coach_id,
        kind=SourceKind(row.kind),
        label=row.label,
        secret=row.secret,
        created_at=row.created_at,
        blocking=tuple(row.blocking or ()),
        target=row.target,
        calendars=dict(row.calendars or {}),
        etag=row.etag,
        last_modified=row.last_modified,
        last_read_at=row.last_read_at,
        busy_count=row.busy_count,
        last_error=ReadError(row.last_error) if row.last_error else None,
        failing=row.failing,
    )


async def calendar_busy(
    session: AsyncSession, coach_id: int, start: datetime, end: datetime
) -> builtins.list[Busy]:
    """Busy times read from the coach's calendars overlapping [start, end)."""
    rows = await session.execute(
        select(CalendarBusyRow.starts_at, CalendarBusyRow.ends_at).where(
            CalendarBusyRow.coach_id == coach_id,
            CalendarBusyRow.starts_at < end,
            CalendarBusyRow.ends_at > start,
        )
    )
    return [Busy(s, e) for s, e in rows]


async def enqueue_write(session: AsyncSession, booking_id: int) -> None:
    """A pending write of the booking to its coach's receiving calendar, if there is one
    (in the caller's transaction: the write is never lost if the booking is stored)."""
    receives = exists().where(
        CalendarSourceRow.coach_id == SessionBookingRow.coach_id,
        CalendarSourceRow.target.is_not(None),
    )
    await session.execute(
        insert(CalendarWriteRow).from_select(
            ["booking_id", "coach_id", "attempts"],
            select(
                SessionBookingRow.id,
                SessionBookingRow.coach_id,
                literal(0),
            ).where(SessionBookingRow.id == booking_id, receives),
        )
    )


class SqlCalendarWrites:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def due(self, now: datetime, limit: int) -> builtins.list[PendingWrite]:
        pending = (
            select(
                CalendarWriteRow.booking_id,
                func.min(CalendarWriteRow.id).label("first"),
                func.max(CalendarWriteRow.id).label("last"),
            )
            .group_by(CalendarWriteRow.booking_id)
            .subquery()
        )
        rows = await self._session.execute(
            select(
                CalendarWriteRow.id,
                CalendarWriteRow.booking_id,
                CalendarWriteRow.coach_id,
                CalendarWriteRow.attempts,
                pending.c.last,
            )
            .join(pending, pending.c.first == CalendarWriteRow.id)
            .where(or_(CalendarWriteRow.due_at.is_(None), CalendarWriteRow.due_at <= now))
            .order_by(CalendarWriteRow.id)
            .limit(limit)
        )
        return [PendingWrite(*row) for row in rows]

    async def done(self, write: PendingWrite) -> None:
        await self._session.execute(
            delete(CalendarWriteRow).where(
                CalendarWriteRow.booking_id == write.booking_id,
                CalendarWriteRow.id <= write.last_id,
            )
        )

    async def retry(self, write: PendingWrite, at: datetime) -> None:
        await self._session.execute(
            update(CalendarWriteRow)
            .where(CalendarWriteRow.id == write.id)
            .values(due_at=at, attempts=CalendarWriteRow.attempts + 1)
        )
