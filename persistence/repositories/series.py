"""A coach's group series and their dated occurrences."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from domain.catalog.model import ItemKind, Occurrence, Series
from domain.errors import InvalidInput
from persistence.models import OccurrenceRow, SeriesRow
from persistence.repositories.catalog import SqlEntries
from persistence.upsert import insert_or_ignore

# Rows per INSERT: three binds each stays far below SQLite's and PostgreSQL's bind limits.
_CHUNK = 500


class SqlSeriesCatalog(SqlEntries[SeriesRow, Series]):
    row_type = SeriesRow
    entry_type = Series
    kind = ItemKind.SERIES
    fields = ("title", "description", "capacity", "duration_minutes", "hidden")

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
        # The row lock (PostgreSQL) makes a concurrent capacity change wait, or be waited for,
        # so a new meeting never gets a capacity that was just replaced.
        capacity = await self._session.scalar(
            select(SeriesRow.capacity).where(SeriesRow.id == series_id).with_for_update()
        )
        values: list[dict[str, Any]] = [
            {"series_id": series_id, "starts_at": start, "seats_taken": 0, "capacity": capacity}
            for start in starts
        ]
        stmt = (
            insert_or_ignore(self._session, OccurrenceRow, ["series_id", "starts_at"])
            .values(values)
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

    async def change_capacity(self, series_id: int, capacity: int, now: datetime) -> None:
        # The series row first: add_occurrences locks it too (see there).
        await self._session.execute(
            update(SeriesRow).where(SeriesRow.id == series_id).values(capacity=capacity)
        )
        try:
            await self._session.execute(
                update(OccurrenceRow)
                .where(OccurrenceRow.series_id == series_id, OccurrenceRow.starts_at > now)
                .values(capacity=capacity)
            )
        except IntegrityError as exc:  # ck_series_occurrence_seats_within_capacity
            raise InvalidInput(
                "capacity", "an upcoming meeting already has more clients than that"
            ) from exc

    async def remove_occurrence(self, series_id: int, occurrence_id: int) -> None:
        await self._session.execute(
            delete(OccurrenceRow).where(
                OccurrenceRow.id == occurrence_id, OccurrenceRow.series_id == series_id
            )
        )
