"""The inbox: each Telegram update stored before Telegram is told it arrived, handled from
there, marked done in the transaction that handled it, and answered once its handler ended.

While an update is handled, `handling` holds its `Ticket`; a writing unit of work that
commits then marks the update done in its own transaction (see `SqlUnitOfWork.commit`), so
a use case's change and "this update is handled" are stored together or not at all. An
update done but not answered (the process died between the change and the reply) is handled
again on start with `Ticket.done_before` set: its use case finds its change made (request
keys, charge ids) and the handler says again what that change warrants (`replaying_done`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update
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
    done_before: bool = False  # handled again after a crash that came after its change


handling: ContextVar[Ticket | None] = ContextVar("inbox_handling", default=None)


def replaying_done() -> bool:
    """True while handling again an update whose change was stored before a crash."""
    ticket = handling.get()
    return ticket is not None and ticket.done_before


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

    async def unfinished(self) -> list[tuple[int, JSON, bool]]:
        """Updates stored and not answered, oldest first, each with whether it was done."""
        rows = await self._session.execute(
            select(InboxRow.update_id, InboxRow.payload, InboxRow.done_at.is_not(None))
            .where(InboxRow.answered_at.is_(None))
            .order_by(InboxRow.update_id)
        )
        return [(update_id, payload, bool(done)) for update_id, payload, done in rows.all()]

    async def mark_done(self, update_id: int, now: datetime) -> None:
        await self._session.execute(
            update(InboxRow)
            .where(InboxRow.update_id == update_id, InboxRow.done_at.is_(None))
            .values(done_at=now)
        )

    async def mark_answered(self, update_id: int, now: datetime) -> None:
        await self._session.execute(
            update(InboxRow)
            .where(InboxRow.update_id == update_id, InboxRow.answered_at.is_(None))
            .values(answered_at=now, done_at=func.coalesce(InboxRow.done_at, now))
        )

    async def prune(self, before: datetime) -> int:
        """Deletes updates answered before `before` (through the index on answered_at)."""
        statement = delete(InboxRow).where(InboxRow.answered_at < before)
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

    async def unfinished(self) -> list[tuple[int, JSON, bool]]:
        async with self._sessions() as session:
            return await SqlInbox(session).unfinished()

    def ticket(self, update_id: int, done_before: bool = False) -> Ticket:
        return Ticket(update_id, self._clock(), done_before=done_before)

    async def finish(self, ticket: Ticket) -> None:
        """Marks the update answered (and done, unless the handler's own transaction did)."""
        async with self._sessions() as session, writing(session):
            await SqlInbox(session).mark_answered(ticket.update_id, self._clock())
            await session.commit()
        ticket.done = True

    async def prune(self, retention: timedelta) -> int:
        """Deletes updates handled longer than `retention` ago."""
        async with self._sessions() as session, writing(session):
            pruned = await SqlInbox(session).prune(self._clock() - retention)
            await session.commit()
            return pruned
