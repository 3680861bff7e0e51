"""The database-backed PTB persistence: upserts, no empty rows, finished flows leave nothing."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from persistence.db import session_factory
from persistence.models import PtbStateRow
from persistence.ptb_persistence import DatabasePersistence


async def stored_rows(engine: AsyncEngine) -> list[tuple[str, str]]:
    async with session_factory(engine)() as session:
        rows = await session.execute(select(PtbStateRow.kind, PtbStateRow.key))
        return sorted((kind, key) for kind, key in rows.all())


async def test_empty_user_and_chat_data_store_no_row(engine: AsyncEngine) -> None:
    persistence = DatabasePersistence(session_factory(engine))
    await persistence.update_user_data(1, {})
    await persistence.update_chat_data(1, {})
    assert await stored_rows(engine) == []


async def test_data_emptied_by_a_finished_flow_deletes_its_row(engine: AsyncEngine) -> None:
    persistence = DatabasePersistence(session_factory(engine))
    await persistence.update_user_data(1, {"draft": {"title": "Yoga"}})
    await persistence.update_conversation("newpackage", (1, 1), "pkg.title")
    assert await stored_rows(engine) == [("conv:newpackage", "[1, 1]"), ("user_data", "1")]
    await persistence.update_user_data(1, {})
    await persistence.update_conversation("newpackage", (1, 1), None)
    assert await stored_rows(engine) == []


async def test_a_restarted_process_loads_the_flows_in_progress(engine: AsyncEngine) -> None:
    first = DatabasePersistence(session_factory(engine))
    await first.update_user_data(7, {"draft": {"title": "Run"}})
    await first.update_conversation("timezone", (7, 7), "tz.ask")
    second = DatabasePersistence(session_factory(engine))
    assert await second.get_user_data() == {7: {"draft": {"title": "Run"}}}
    assert await second.get_conversations("timezone") == {(7, 7): "tz.ask"}
    await second.update_conversation("timezone", (7, 7), None)  # the loaded row is deleted
    assert await stored_rows(engine) == [("user_data", "7")]


async def test_concurrent_first_writes_of_one_key_upsert_without_conflict(
    engine: AsyncEngine,
) -> None:
    # 20 processes' worth of persistence objects, none knowing the row exists yet
    writers = [DatabasePersistence(session_factory(engine)) for _ in range(20)]
    await asyncio.gather(*(w.update_user_data(5, {"step": i}) for i, w in enumerate(writers)))
    async with session_factory(engine)() as session:
        count = await session.scalar(select(func.count()).select_from(PtbStateRow))
        data = await session.scalar(select(PtbStateRow.data))
    assert count == 1
    assert data["step"] in range(20)
