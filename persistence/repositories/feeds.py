"""Calendar feeds: their secrets, and the sessions a feed lists (any status)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.feeds import Feed, FeedKind
from domain.booking.model import ScheduleEntry
from persistence.models import CalendarFeedRow, SessionBookingRow
from persistence.repositories.booking_schedule import entry_of, with_package
from persistence.upsert import insert_or_ignore

_WHERE = {FeedKind.COACH: "kind = 'coach'", FeedKind.SOLD: "kind = 'sold'"}
_KEY = {FeedKind.COACH: "coach_id", FeedKind.SOLD: "sold_package_id"}


def _feed(row: CalendarFeedRow) -> Feed:
    return Feed(FeedKind(row.kind), row.coach_id, row.sold_package_id, row.secret)


class SqlFeeds:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _one(self, *where: object) -> Feed | None:
        row = await self._session.scalar(select(CalendarFeedRow).where(*where))  # type: ignore[arg-type]
        return _feed(row) if row is not None else None

    async def of_coach(self, coach_id: int) -> Feed | None:
        return await self._one(
            CalendarFeedRow.kind == FeedKind.COACH.value, CalendarFeedRow.coach_id == coach_id
        )

    async def of_package(self, sold_package_id: int) -> Feed | None:
        return await self._one(
            CalendarFeedRow.kind == FeedKind.SOLD.value,
            CalendarFeedRow.sold_package_id == sold_package_id,
        )

    async def by_secret(self, secret: str) -> Feed | None:
        return await self._one(CalendarFeedRow.secret == secret)

    async def _owner(self, feed: Feed) -> Feed | None:
        if feed.kind is FeedKind.COACH:
            return await self.of_coach(feed.coach_id)
        assert feed.sold_package_id is not None
        return await self.of_package(feed.sold_package_id)

    async def add(self, feed: Feed, now: datetime) -> Feed:
        values = {
            "kind": feed.kind.value,
            "coach_id": feed.coach_id,
            "sold_package_id": feed.sold_package_id,
            "secret": feed.secret,
            "created_at": now,
        }
        await self._session.execute(
            insert_or_ignore(
                self._session,
                CalendarFeedRow,
                [_KEY[feed.kind]],
                index_where=text(_WHERE[feed.kind]),
            ).values(values)
        )
        stored = await self._owner(feed)
        assert stored is not None
        return stored

    async def replace_secret(self, feed: Feed, now: datetime) -> Feed:
        if await self._owner(feed) is None:
            return await self.add(feed, now)
        owner = (
            CalendarFeedRow.coach_id == feed.coach_id
            if feed.kind is FeedKind.COACH
            else CalendarFeedRow.sold_package_id == feed.sold_package_id
        )
        await self._session.execute(
            update(CalendarFeedRow)
            .where(CalendarFeedRow.kind == feed.kind.value, owner)
            .values(secret=feed.secret, created_at=now)
        )
        return feed

    async def sessions(
        self, coach_id: int, sold_package_id: int | None, since: datetime
    ) -> list[ScheduleEntry]:
        stmt = with_package().where(
            SessionBookingRow.coach_id == coach_id, SessionBookingRow.starts_at >= since
        )
        if sold_package_id is not None:
            stmt = stmt.where(SessionBookingRow.sold_package_id == sold_package_id)
        stmt = stmt.order_by(SessionBookingRow.starts_at, SessionBookingRow.id)
        return [entry_of(*found) for found in await self._session.execute(stmt)]
