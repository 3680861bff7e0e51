"""Claimed button presses: one upsert claims a press, so two racing claims let one through;
old claims are deleted by the pruning job (persistence/repositories/retention.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from persistence.models import ButtonPressRow
from persistence.upsert import upsert_if


class SqlButtonPresses:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(
        self, chat_id: int, message_id: int, data: str, now: datetime, older_than: datetime
    ) -> bool:
        # A new press inserts; a press claimed before `older_than` (not yet pruned) is claimed
        # again; a recent claim wins the conflict and nothing is returned.
        return await upsert_if(
            self._session,
            ButtonPressRow,
            ["chat_id", "message_id", "data"],
            {"chat_id": chat_id, "message_id": message_id, "data": data, "pressed_at": now},
            lambda new: ButtonPressRow.pressed_at < older_than,
        )

    async def claimed(self, chat_id: int, message_id: int, data: str, since: datetime) -> bool:
        found = await self._session.scalar(
            select(ButtonPressRow.chat_id).where(
                ButtonPressRow.chat_id == chat_id,
                ButtonPressRow.message_id == message_id,
                ButtonPressRow.data == data,
                ButtonPressRow.pressed_at >= since,
            )
        )
        return found is not None

    async def release(self, chat_id: int, message_id: int, data: str) -> None:
        await self._session.execute(
            delete(ButtonPressRow).where(
                ButtonPressRow.chat_id == chat_id,
                ButtonPressRow.message_id == message_id,
                ButtonPressRow.data == data,
            )
        )
