"""A coach's group series and their dated occurrences."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import ItemKind, Occurrence, Series, Usage
from persistence.models import OccurrenceRow, SeriesRow
from persistence.repositories.catalog import usage_of, withdraw_everywhere

# Rows per INSERT: three binds each stays far below SQLite's and PostgreSQL's bind limits.
_CHUNK = 500


def _series(row: SeriesRow) -> Series:
    return Series(
        id=row.id,
        coach_id=row.coach_id,
        title=row.title,
        description=row.description,
        capacity=row.capacity,
        duration_minutes=row.duration_minutes,
        hidden=row.hidden,
        deleted_at=row.deleted_at,
    )


def _owned(coach_id: int) -> tuple[ColumnElement[bool], ...]:
    return SeriesRow.coach_id == coach_id, SeriesRow.deleted_at.is_(None)


class SqlSeriesCatalog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _row(self, coach_id: int, series_id: int | None) -> SeriesRow | None:
        stmt = select(SeriesRow).where(*_owned(coach_id), SeriesRow.id == series_id)
        return await self._session.scalar(stmt)

    async def add(self, series: Series) -> Series:
        row = SeriesRow(
            coach_id=series.coach_id,
            title=series.title,
            description=series.description,
            capacity=series.capacity,
            duration_minutes=series.duration_minutes,
            hidden=series.hidden,
        )
        self._session.add(row)
        await self._session.flush()
        return _series(row)

    async def get(self, coach_id: int, series_id: int) -> Series | None:
        row = await self._row(coach_id, series_id)
        return _series(row) if row else None

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Series]:
        stmt = (
            select(SeriesRow)
            .where(*_owned(coach_id))
            .order_by(SeriesRow.id)
            .offset(offset)
            .limit(limit)
        )
        return [_series(row) for row in await self._session.scalars(stmt)]

    async def count(self, coach_id: int) -> int:
        stmt = select(func.count(SeriesRow.id)).where(*_owned(coach_id))
        return await self._session.scalar(stmt) or 0

    async def save(self, series: Series) -> None:
        """Overwrite the editable fields; LookupError if it is gone or not the coach's."""
        row = await self._row(series.coach_id, series.id)
        if row is None:
            raise LookupError(f"series {series.id} does not exist")
        row.title = series.title
        row.description = series.description
        row.capacity = series.capacity
        row.duration_minutes = series.duration_minutes
        row.hidden = series.hidden
        await self._session.flush()

    async def usage(self, series_id: int) -> Usage:
        return await usage_of(self._session, ItemKind.SERIES, series_id)

    async def delete(self, series_id: int, now: datetime) -> None:
        await self._session.execute(
            update(SeriesRow)
            .where(SeriesRow.id == series_id, SeriesRow.deleted_at.is_(None))
            .values(deleted_at=now)
        )
        await withdraw_everywhere(self._session, ItemKind.SERIES, series_id, now)

    async def add_occurrences(
        self, series_id: int, starts: builtins.list[datetime]
    ) -> builtins.list[Occurrence]:
        """Insert the starts not there yet; return only the occurrences created, in start order."""
        if any(start.tzinfo is None for start in starts):
            raise ValueError("occurrence starts must be aware datetimes")
        wanted = sorted({start.astimezone(UTC) for start in starts})
        created: list[Occurrence] = []
        for first in range(0, len(wanted), _CHUNK):
            created += await self._insert_new(series_id, wanted[first : first + _CHUNK])
        return sorted(created, key=lambda occurrence: occurrence.starts_at)

    async def _insert_new(
        self, series_id: int, starts: Sequence[datetime]
    ) -> builtins.list[Occurrence]:
        # ON CONFLICT DO NOTHING rather than read-then-insert: a concurrent insert of the
        # same start is skipped by the unique (series_id, starts_at) instead of failing.
        values: list[dict[str, Any]] = [
            {"series_id": series_id, "starts_at": start, "seats_taken": 0} for start in starts
        ]
        dialect = self._session.get_bind().dialect.name
        if dialect not in ("postgresql", "sqlite"):
            raise NotImplementedError(f"add_occurrences does not support {dialect}")
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = (
            insert(OccurrenceRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["series_id", "starts_at"])
            .returning(OccurrenceRow.id, OccurrenceRow.starts_at)
        )
        rows = await self._session.execute(stmt)
        return [Occurrence(new_id, series_id, starts_at, 0) for new_id, starts_at in rows]

    async def occurrences(self, series_id: int) -> builtins.list[Occurrence]:
        stmt = (
            select(OccurrenceRow)
            .where(OccurrenceRow.series_id == series_id)
            .order_by(OccurrenceRow.starts_at, OccurrenceRow.id)
        )
        return [
            Occurrence(row.id, row.series_id, row.starts_at, row.seats_taken)
            for row in await self._session.scalars(stmt)
        ]

    async def remove_occurrence(self, series_id: int, occurrence_id: int) -> None:
        await self._session.execute(
            delete(OccurrenceRow).where(
                OccurrenceRow.id == occurrence_id, OccurrenceRow.series_id == series_id
            )
        )
