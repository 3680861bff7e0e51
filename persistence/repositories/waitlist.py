"""Waitlists of full group dates (see domain/booking/waitlist.py): the line in `id` order,
state changes only from the expected state, offer messages sent like reminders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.booking.waitlist import SeatOffer, WaitDate, WaitlistEntry, WaitState
from domain.booking.waitlist_ports import OfferFacts
from persistence.models import OccurrenceRow, SeriesRow, UserRow, WaitlistEntryRow
from persistence.repositories import leased
from persistence.repositories.rows import domain_of, values_of
from persistence.upsert import insert_or_ignore

_OPEN = (WaitState.WAITING.value, WaitState.OFFERED.value)
_NEW = ("occurrence_id", "coach_id", "sold_package_id", "entitlement_id", "user_id", "joined_at")


def _entry(row: WaitlistEntryRow) -> WaitlistEntry:
    return domain_of(WaitlistEntry, row, state=WaitState(row.state))


def _offer(row: WaitlistEntryRow) -> SeatOffer:
    return leased.delivered(SeatOffer, row)


def _dates() -> Any:
    return select(
        OccurrenceRow.id,
        SeriesRow.coach_id,
        SeriesRow.id,
        SeriesRow.title,
        OccurrenceRow.starts_at,
        OccurrenceRow.seats_taken,
        SeriesRow.capacity,
    ).join(SeriesRow, SeriesRow.id == OccurrenceRow.series_id)


class SqlWaitlists:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: WaitlistEntry) -> WaitlistEntry | None:
        values = values_of(entry, _NEW, state=WaitState.WAITING.value, attempts=0)
        stmt = (
            insert_or_ignore(
                self._session,
                WaitlistEntryRow,
                ["occurrence_id", "sold_package_id"],
                WaitlistEntryRow.state.in_(_OPEN),
            )
            .values(values)
            .returning(WaitlistEntryRow.id)
        )
        stored = (await self._session.execute(stmt)).scalar()
        return None if stored is None else await self.get(stored)

    async def get(self, entry_id: int) -> WaitlistEntry | None:
        row = await self._session.scalar(
            select(WaitlistEntryRow)
            .where(WaitlistEntryRow.id == entry_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else _entry(row)

    async def date(self, occurrence_id: int) -> WaitDate | None:
        stmt = _dates().where(OccurrenceRow.id == occurrence_id)
        row = (await self._session.execute(stmt)).first()
        return None if row is None else WaitDate(*row)

    async def line(self, occurrence_id: int) -> list[WaitlistEntry]:
        return await self._open(WaitlistEntryRow.occurrence_id == occurrence_id)

    async def of_package(self, sold_package_id: int) -> list[WaitlistEntry]:
        return await self._open(WaitlistEntryRow.sold_package_id == sold_package_id)

    async def _open(self, where: Any) -> list[WaitlistEntry]:
        rows = await self._session.scalars(
            select(WaitlistEntryRow)
            .where(where, WaitlistEntryRow.state.in_(_OPEN))
            .order_by(WaitlistEntryRow.id)
            .execution_options(populate_existing=True)
        )
        return [_entry(row) for row in rows]

    async def names(self, user_ids: list[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        stmt = select(UserRow.telegram_id, UserRow.first_name).where(
            UserRow.telegram_id.in_(user_ids)
        )
        return {user_id: name for user_id, name in await self._session.execute(stmt)}

    async def offer(self, entry_id: int, hold_until: datetime, now: datetime) -> bool:
        stmt = (
            update(WaitlistEntryRow)
            .where(WaitlistEntryRow.id == entry_id, WaitlistEntryRow.state == WaitState.WAITING)
            .values(
                state=WaitState.OFFERED.value,
                hold_until=hold_until,
                next_attempt_at=now,
                attempts=0,
                outcome=None,
                sent_at=None,
                last_error=None,
            )
            .returning(WaitlistEntryRow.id)
        )
        return (await self._session.execute(stmt)).first() is not None

    async def close(
        self, entry_id: int, expected: WaitState, state: WaitState, now: datetime
    ) -> bool:
        stmt = (
            update(WaitlistEntryRow)
            .where(WaitlistEntryRow.id == entry_id, WaitlistEntryRow.state == expected.value)
            .values(state=state.value, closed_at=now)
            .returning(WaitlistEntryRow.id)
        )
        return (await self._session.execute(stmt)).first() is not None

    async def lapsed(self, now: datetime, limit: int) -> list[WaitlistEntry]:
        rows = await self._session.scalars(
            select(WaitlistEntryRow)
            .where(
                WaitlistEntryRow.state == WaitState.OFFERED.value,
                WaitlistEntryRow.hold_until <= now,
            )
            .order_by(WaitlistEntryRow.hold_until, WaitlistEntryRow.id)
            .limit(limit)
        )
        return [_entry(row) for row in rows]

    async def free_with_line(self, now: datetime, limit: int) -> list[WaitDate]:
        waiting = exists().where(
            WaitlistEntryRow.occurrence_id == OccurrenceRow.id,
            WaitlistEntryRow.state == WaitState.WAITING.value,
        )
        stmt = (
            _dates()
            .where(
                OccurrenceRow.starts_at > now,
                OccurrenceRow.seats_taken < SeriesRow.capacity,
                waiting,
            )
            .order_by(OccurrenceRow.starts_at, OccurrenceRow.id)
            .limit(limit)
        )
        return [WaitDate(*row) for row in await self._session.execute(stmt)]

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[SeatOffer]:
        keys = (WaitlistEntryRow.id,)
        return await leased.claim_due(self._session, keys, _offer, now, limit, lease_until)

    async def save(self, item: SeatOffer) -> None:
        await leased.save(self._session, WaitlistEntryRow, WaitlistEntryRow.id == item.id, item)

    async def facts(self, entry_ids: list[int]) -> list[OfferFacts]:
        if not entry_ids:
            return []
        person, coach = aliased(UserRow), aliased(UserRow)
        stmt = (
            select(WaitlistEntryRow, person.timezone, coach.timezone, *_dates().selected_columns)
            .join(OccurrenceRow, OccurrenceRow.id == WaitlistEntryRow.occurrence_id)
            .join(SeriesRow, SeriesRow.id == OccurrenceRow.series_id)
            .outerjoin(person, person.telegram_id == WaitlistEntryRow.user_id)
            .outerjoin(coach, coach.telegram_id == WaitlistEntryRow.coach_id)
            .where(WaitlistEntryRow.id.in_(entry_ids))
        )
        return [
            OfferFacts(_entry(row), WaitDate(*date), user_zone, coach_zone or "UTC")
            for row, user_zone, coach_zone, *date in await self._session.execute(stmt)
        ]
