"""Session bookings with their package title and client: for the coach's schedule and for
telling clients what changed."""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.model import BookingStatus, GroupDate, ScheduleEntry
from persistence.models import (
    OccurrenceRow,
    SeriesRow,
    SessionBookingRow,
    SoldPackageRow,
    UserRow,
)
from persistence.repositories.booking_rows import booking_of

_BOOKED = BookingStatus.BOOKED.value
Ts = TypeVarTuple("Ts")


class SqlScheduleEntries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def schedule(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> builtins.list[ScheduleEntry]:
        stmt = (
            with_package()
            .where(SessionBookingRow.coach_id == coach_id, *booked_between(start, end))
            .order_by(SessionBookingRow.starts_at, SessionBookingRow.id)
            .limit(limit)
        )
        return [entry_of(*found) for found in await self._session.execute(stmt)]

    async def group_dates(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> builtins.list[GroupDate]:
        stmt = (
            select(OccurrenceRow, SeriesRow.title, SeriesRow.duration_minutes)
            .join(SeriesRow, SeriesRow.id == OccurrenceRow.series_id)
            .where(
                SeriesRow.coach_id == coach_id,
                SeriesRow.deleted_at.is_(None),
                OccurrenceRow.starts_at >= start,
                OccurrenceRow.starts_at < end,
            )
            .order_by(OccurrenceRow.starts_at, OccurrenceRow.id)
            .limit(limit)
        )
        return [
            GroupDate(
                row.id,
                row.series_id,
                title,
                row.starts_at,
                row.starts_at + timedelta(minutes=minutes),
                row.seats_taken,
                row.capacity,
            )
            for row, title, minutes in await self._session.execute(stmt)
        ]

    async def on_occurrence(self, occurrence_id: int) -> builtins.list[ScheduleEntry]:
        await self._session.execute(  # a row lock on PostgreSQL, the write lock on SQLite
            update(OccurrenceRow)
            .where(OccurrenceRow.id == occurrence_id)
            .values(seats_taken=OccurrenceRow.seats_taken)
        )
        stmt = with_package().where(
            SessionBookingRow.occurrence_id == occurrence_id, SessionBookingRow.status == _BOOKED
        )
        return [entry_of(*found) for found in await self._session.execute(stmt)]

    async def entry(self, booking_id: int) -> ScheduleEntry | None:
        stmt = with_package().where(SessionBookingRow.id == booking_id)
        found = (await self._session.execute(stmt)).first()
        if found is None:
            return None
        return entry_of(*found)


def with_client(stmt: Select[*Ts]) -> Select[*Ts]:
    """`stmt` over session bookings, joined to their sold package and its client (if any)."""
    return stmt.join(
        SoldPackageRow, SoldPackageRow.id == SessionBookingRow.sold_package_id
    ).outerjoin(UserRow, UserRow.telegram_id == SoldPackageRow.client_id)


def booked_between(start: datetime, end: datetime) -> tuple[ColumnElement[bool], ...]:
    """Session bookings still booked that start in [start, end)."""
    return (
        SessionBookingRow.status == _BOOKED,
        SessionBookingRow.starts_at >= start,
        SessionBookingRow.starts_at < end,
    )


def with_package() -> Select[SessionBookingRow, str, int | None, str, str | None]:
    return with_client(
        select(
            SessionBookingRow,
            SoldPackageRow.title,
            SoldPackageRow.client_id,
            UserRow.first_name,
            UserRow.timezone,
        )
    )


def entry_of(
    row: SessionBookingRow, title: str, client_id: int | None, name: str | None, zone: str | None
) -> ScheduleEntry:
    return ScheduleEntry(booking_of(row), title, name, client_id, zone)
