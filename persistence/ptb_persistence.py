"""python-telegram-bot persistence stored in the bot's own database (no pickle file).

Conversation states and user/chat data survive restarts and are shared by every bot
instance on the same PostgreSQL. Values must be JSON-serialisable (flows keep plain dicts).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import BasePersistence, PersistenceInput

from persistence.models import PtbStateRow

USER, CHAT = "user_data", "chat_data"
JsonDict = dict[str, Any]
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CDCData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]


def _conv_kind(name: str) -> str:
    return f"conv:{name}"


class DatabasePersistence(BasePersistence[JsonDict, JsonDict, JsonDict]):
    """Stores conversations, user_data and chat_data as JSON rows of `ptb_state`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], update_interval: float = 5):
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._sessions = sessions

    async def _load(self, kind: str) -> dict[str, Any]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(PtbStateRow.key, PtbStateRow.data).where(PtbStateRow.kind == kind)
            )
            return {key: data for key, data in rows.all()}

    async def _put(self, kind: str, key: str, data: Any) -> None:
        async with self._sessions() as session, session.begin():
            await session.merge(PtbStateRow(kind=kind, key=key, data=data))

    async def _drop(self, kind: str, key: str) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(PtbStateRow).where(PtbStateRow.kind == kind, PtbStateRow.key == key)
            )

    async def get_user_data(self) -> dict[int, JsonDict]:
        return {int(k): v for k, v in (await self._load(USER)).items()}

    async def get_chat_data(self) -> dict[int, JsonDict]:
        return {int(k): v for k, v in (await self._load(CHAT)).items()}

    async def get_bot_data(self) -> JsonDict:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await self._load(_conv_kind(name))
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        row_key = json.dumps(list(key))
        if new_state is None:
            await self._drop(_conv_kind(name), row_key)
        else:
            await self._put(_conv_kind(name), row_key, new_state)

    async def update_user_data(self, user_id: int, data: JsonDict) -> None:
        await self._put(USER, str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: JsonDict) -> None:
        await self._put(CHAT, str(chat_id), data)

    async def update_bot_data(self, data: JsonDict) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        await self._drop(USER, str(user_id))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._drop(CHAT, str(chat_id))

    async def refresh_user_data(self, user_id: int, user_data: JsonDict) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: JsonDict) -> None:
        return None

    async def refresh_bot_data(self, bot_data: JsonDict) -> None:
        return None

    async def flush(self) -> None:
        return None
