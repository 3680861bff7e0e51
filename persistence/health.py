"""What /healthz and /metrics read from the database: whether it answers, and how many
reminders wait to be sent (counts only, nothing personal)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from persistence.models import ReminderRow

PROBE_SECONDS = 3.0


class DatabaseProbe:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._clock = clock

    async def reachable(self) -> bool:
        """True when the database answers a trivial query within PROBE_SECONDS."""
        try:
            async with asyncio.timeout(PROBE_SECONDS), self._sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False
        return True

    async def pending_reminders(self) -> int:
        """Reminders due and not sent yet."""
        async with self._sessions() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(ReminderRow)
                .where(ReminderRow.outcome.is_(None), ReminderRow.due_at <= self._clock())
            )
        return int(count or 0)
