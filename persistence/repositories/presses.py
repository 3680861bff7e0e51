"""Claimed button presses: the primary key makes the second claim do nothing, in one statement;
old presses are deleted in one statement too (no index needed: about a day of rows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.ext.asyncio import AsyncSession

from persistence.models import ButtonPressRow
from persistence.upsert import insert_or_ignore


class SqlButtonPresses:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, chat_id: int, message_id: int, data: str, now: datetime) -> bool:
        # The same press, already claimed (maybe a moment ago): nothing is inserted.
        stmt = (
            insert_or_ignore(self._session, ButtonPressRow)
            .values(chat_id=chat_id, message_id=message_id, data=data, pressed_at=now)
            .returning(ButtonPressRow.chat_id)
        )
        return await self._session.scalar(stmt) is not None

    async def release(self, chat_id: int, message_id: int, data: str) -> None:
        await self._session.execute(
            delete(ButtonPressRow).where(
                ButtonPressRow.chat_id == chat_id,
                ButtonPressRow.message_id == message_id,
                ButtonPressRow.data == data,
            )
        )

    async def forget_before(self, before: datetime) -> int:
        statement = delete(ButtonPressRow).where(ButtonPressRow.pressed_at < before)
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return result.rowcount
