"""python-telegram-bot persistence stored in the bot's own database (no pickle file).

Conversation states and user/chat data survive restarts. Rows are written with an upsert
when a step completes (the Application flushes after every update), empty user/chat data is
deleted rather than stored, and a finished conversation deletes its row: only flows in
progress are stored, so start-up (PTB loads every row) stays fast however many people have
ever used the bot. Values must be JSON-serialisable (flows keep plain dicts).

One process at a time: PTB keeps this state in memory after loading it at start-up, so two
processes serving the same bot would overwrite each other's steps. The bot makes sure only
one is active per token (see `persistence.single_instance`); a standby process loads the
state when it takes over.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import BasePersistence, PersistenceInput

from persistence.db import writing
from persistence.models import PtbStateRow
from persistence.upsert import dialect_insert

USER, CHAT = "user_data", "chat_data"
JsonDict = dict[str, Any]
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CDCData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]
# The periodic flush is only a backstop: every update flushes when it completes.
BACKSTOP_INTERVAL = 60.0


def _conv_kind(name: str) -> str:
    return f"conv:{name}"


class DatabasePersistence(BasePersistence[JsonDict, JsonDict, JsonDict]):
    """Stores conversations, user_data and chat_data as JSON rows of `ptb_state`."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        update_interval: float = BACKSTOP_INTERVAL,
    ):
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._sessions = sessions
        # What each stored row holds (as JSON text), so unchanged data is not written again
        # and empty data of someone with no row costs nothing.
        self._stored: dict[tuple[str, str], str] = {}

    async def _load(self, kind: str) -> dict[str, Any]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(PtbStateRow.key, PtbStateRow.data).where(PtbStateRow.kind == kind)
            )
            found = {key: data for key, data in rows.all()}
        for key, data in found.items():
            self._stored[(kind, key)] = json.dumps(data, sort_keys=True)
        return found

    async def _put(self, kind: str, key: str, data: Any) -> None:
        text = json.dumps(data, sort_keys=True)
        if self._stored.get((kind, key)) == text:
            return
        async with self._sessions() as session, writing(session):
            insert = dialect_insert(session)(PtbStateRow).values(kind=kind, key=key, data=data)
            await session.execute(
                insert.on_conflict_do_update(
                    index_elements=["kind", "key"], set_={"data": insert.excluded.data}
                )
            )
            await session.commit()
        self._stored[(kind, key)] = text

    async def _drop(self, kind: str, key: str) -> None:
        if (kind, key) not in self._stored:
            return
        async with self._sessions() as session, writing(session):
            await session.execute(
                delete(PtbStateRow).where(PtbStateRow.kind == kind, PtbStateRow.key == key)
            )
            await session.commit()
        self._stored.pop((kind, key), None)

    async def _put_data(self, kind: str, key: str, data: JsonDict) -> None:
        if data:
            await self._put(kind, key, data)
        else:
            await self._drop(kind, key)

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
        await self._put_data(USER, str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: JsonDict) -> None:
        await self._put_data(CHAT, str(chat_id), data)

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
