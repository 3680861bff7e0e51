"""Shared fixtures: a fresh, migrated database per test.

SQLite by default (a file in tmp_path). Set TEST_DATABASE_URL=postgresql+asyncpg://... to run
the same tests on PostgreSQL: the schema is rebuilt from empty once per session through
Alembic, and every table is truncated before each test.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

import bootstrap.wording  # noqa: F401 - each feature's wording handed to the kit, as the bot runs
from persistence.db import create_engine, session_factory
from persistence.migrate import upgrade_async
from persistence.models import Base
from persistence.uow import SqlUnitOfWork
from tests.support.radicale_server import Radicale

# Hypothesis' per-example deadline is a timing assertion: on a loaded machine it fails
# correct code. Speed is measured in benchmarks, not in tests.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
_pg_ready = False


async def reset_postgres_schema(url: str) -> None:
    """Drop everything and migrate from empty to head."""
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()
    await upgrade_async(url)


async def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture
async def database_url(tmp_path: os.PathLike[str]) -> str:
    global _pg_ready
    if not TEST_DATABASE_URL:
        url = f"sqlite+aiosqlite:///{tmp_path}/test.db"
        await upgrade_async(url)
        return url
    if not _pg_ready:
        await reset_postgres_schema(TEST_DATABASE_URL)
        _pg_ready = True
    else:
        await _truncate_postgres(TEST_DATABASE_URL)
    return TEST_DATABASE_URL


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def make_uow(engine: AsyncEngine) -> Callable[[], SqlUnitOfWork]:
    sessions = session_factory(engine)
    return lambda: SqlUnitOfWork(sessions)


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    """A real CalDAV server on 127.0.0.1 with its own throw-away storage."""
    server = Radicale(tmp_path)
    server.start()
    yield server
    server.stop()
