"""The inbox: each Telegram update stored before Telegram is told it arrived, handled from
there, and marked done in the transaction that handled it.

While an update is handled, `handling` holds its `Ticket`; a writing unit of work that
commits then marks the update done in its own transaction (see `SqlUnitOfWork.commit`), so
a use case's change and "this update is handled" are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from persistence.db import writing
from persistence.models import InboxRow
from persistence.upsert import insert_or_ignore

JSON = dict[str, Any]
CHUNK = 200  # rows per INSERT: 800 parameters, under SQLite's oldest limit of 999


@dataclass
class Ticket:
    """The update being handled; `done` once a committed transaction marked it."""

    update_id: int
    now: datetime
    done: bool = False


handling: ContextVar[Ticket | None] = ContextVar("inbox_handling", default=None)


class SqlInbox:
    """Inbox rows in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, updates: list[tuple[int, JSON]], now: datetime) -> set[int]:
        """Stores the updates; returns the ids stored now (not those Telegram sent again)."""
        added = set[int]()
        for start in range(0, len(updates), CHUNK):
            rows = [
                {"update_id": update_id, "payload": payload, "received_at": now}
                for update_id, payload in updates[start : start + CHUNK]
            ]
            statement = (
                insert_or_ignore(self._session, InboxRow, ["update_id"])
                .values(rows)
                .returning(InboxRow.update_id)
            )
            added.update(await self._session.scalars(statement))
        return added

    async def unfinished(self) -> list[tuple[int, JSON]]:
        """Updates stored and not handled, oldest first."""
        rows = await self._session.execute(
            select(InboxRow.update_id, InboxRow.payload)
            .where(InboxRow.done_at.is_(None))
            .order_by(InboxRow.update_id)
        )
        return [(update_id, payload) for update_id, payload in rows.all()]

    async def mark_done(self, update_id: int, now: datetime) -> None:
        await self._session.execute(
            update(InboxRow)
            .where(InboxRow.update_id == update_id, InboxRow.done_at.is_(None))
            .values(done_at=now)
        )

    async def prune(self, before: datetime) -> int:
        """Deletes updates handled before `before` (through the index on done_at)."""
        statement = delete(InboxRow).where(InboxRow.done_at < before)
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return result.rowcount


async def commit_marking_done(session: AsyncSession) -> None:
    """Commits, marking the update being handled (if any) done in the same transaction."""
    ticket = handling.get()
    if ticket is None or ticket.done:
        await session.commit()
        return
    await SqlInbox(session).mark_done(ticket.update_id, ticket.now)
    await session.commit()
    ticket.done = True


class InboxStore:
    """The inbox in transactions of its own: store, list unfinished, finish, prune."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._clock = clock

    async def add(self, updates: list[tuple[int, JSON]]) -> set[int]:
        async with self._sessions() as session, writing(session):
            added = await SqlInbox(session).add(updates, self._clock())
            await session.commit()
            return added

    async def unfinished(self) -> list[tuple[int, JSON]]:
        async with self._sessions() as session:
            return await SqlInbox(session).unfinished()

    def ticket(self, update_id: int) -> Ticket:
        return Ticket(update_id, self._clock())

    async def finish(self, ticket: Ticket) -> None:
        """Marks the update done unless the handler's own transaction did."""
        if ticket.done:
            return
        async with self._sessions() as session, writing(session):
            await SqlInbox(session).mark_done(ticket.update_id, ticket.now)
            await session.commit()
        ticket.done = True

    async def prune(self, retention: timedelta) -> int:
        """Deletes updates handled longer than `retention` ago."""
        async with self._sessions() as session, writing(session):
            pruned = await SqlInbox(session).prune(self._clock() - retention)
            await session.commit()
            return pruned
