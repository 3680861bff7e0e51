"""Coach digests: one row per coach and local day, opened once, claimed with a lease; and the
facts a digest is built from, for a batch of coaches in one query each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reminders.digest import BookedSession, DigestCoach, DigestRun, ExpiringFacts
from domain.selling.model import SoldStatus
from persistence.models import (
    CoachDigestRow,
    CoachRow,
    EntitlementRow,
    SessionBookingRow,
    SoldPackageRow,
    UserRow,
)
from persistence.repositories import leased
from persistence.repositories.booking_schedule import booked_between, with_client
from persistence.repositories.sold import is_, live_item, sessions_left
from persistence.upsert import insert_or_ignore


def _run(row: CoachDigestRow) -> DigestRun:
    return leased.delivered(DigestRun, row)


class SqlCoachDigests:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def coaches_after(self, after_id: int, limit: int) -> list[DigestCoach]:
        stmt = (
            select(CoachRow.user_id, UserRow.timezone)
            .join(UserRow, UserRow.telegram_id == CoachRow.user_id)
            .where(CoachRow.user_id > after_id)
            .order_by(CoachRow.user_id)
            .limit(limit)
        )
        return [DigestCoach(i, zone or "UTC") for i, zone in await self._session.execute(stmt)]

    async def opened(self, coach_ids: list[int], days: list[date]) -> set[tuple[int, date]]:
        if not coach_ids or not days:
            return set()
        stmt = select(CoachDigestRow.coach_id, CoachDigestRow.day).where(
            CoachDigestRow.coach_id.in_(coach_ids), CoachDigestRow.day.in_(days)
        )
        return {(coach_id, day) for coach_id, day in await self._session.execute(stmt)}

    async def open(self, days: list[tuple[int, date]], now: datetime) -> int:
        if not days:
            return 0
        values: list[dict[str, Any]] = [
            {"coach_id": coach_id, "day": day, "next_attempt_at": now, "attempts": 0}
            for coach_id, day in days
        ]
        # The primary key (coach, day) decides: a concurrent sweeper's row wins, this one
        # is dropped, so the day's digest exists once.
        stmt = (
            insert_or_ignore(self._session, CoachDigestRow, ["coach_id", "day"])
            .values(values)
            .returning(CoachDigestRow.coach_id)
        )
        return len((await self._session.execute(stmt)).all())

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[DigestRun]:
        keys = (CoachDigestRow.coach_id, CoachDigestRow.day)
        return await leased.claim_due(self._session, keys, _run, now, limit, lease_until)

    async def save(self, run: DigestRun) -> None:
        where = (CoachDigestRow.coach_id == run.coach_id) & (CoachDigestRow.day == run.day)
        await leased.save(self._session, CoachDigestRow, where, run)

    async def zones(self, coach_ids: list[int]) -> dict[int, str]:
        stmt = select(UserRow.telegram_id, UserRow.timezone).where(
            UserRow.telegram_id.in_(coach_ids)
        )
        return {i: zone or "UTC" for i, zone in await self._session.execute(stmt)}

    async def expiring(
        self, coach_ids: list[int], after: datetime, until: datetime
    ) -> list[ExpiringFacts]:
        if not coach_ids:
            return []
        left = sessions_left()
        stmt = (
            select(
                SoldPackageRow.id,
                SoldPackageRow.coach_id,
                SoldPackageRow.client_id,
                UserRow.first_name,
                SoldPackageRow.title,
                SoldPackageRow.expires_at,
                left,
            )
            .join(
                EntitlementRow,
                (EntitlementRow.sold_package_id == SoldPackageRow.id) & live_item(),
            )
            .outerjoin(UserRow, UserRow.telegram_id == SoldPackageRow.client_id)
            .where(
                SoldPackageRow.coach_id.in_(coach_ids),
                is_(SoldStatus.ACTIVE, after),
                SoldPackageRow.expires_at <= until,
            )
            .group_by(SoldPackageRow.id, UserRow.first_name)
        )
        return [
            ExpiringFacts(
                sold_id, coach_id, None if client_id is None else name or "", title, at, int(n)
            )
            for sold_id, coach_id, client_id, name, title, at, n in await self._session.execute(
                stmt
            )
        ]

    async def sessions(
        self, coach_ids: list[int], start: datetime, end: datetime
    ) -> list[BookedSession]:
        if not coach_ids:
            return []
        columns = select(
            SessionBookingRow.coach_id,
            SessionBookingRow.starts_at,
            SessionBookingRow.title,
            SoldPackageRow.client_id,
            UserRow.first_name,
        )
        stmt = (
            with_client(columns)
            .where(SessionBookingRow.coach_id.in_(coach_ids), *booked_between(start, end))
            .order_by(SessionBookingRow.starts_at, SessionBookingRow.id)
        )
        return [
            BookedSession(coach_id, at, title, None if client_id is None else name or "")
            for coach_id, at, title, client_id, name in await self._session.execute(stmt)
        ]
