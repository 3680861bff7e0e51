"""Engine and session factory from DATABASE_URL.

SQLite runs in WAL mode with foreign keys and a busy timeout, and its transactions are begun
by SQLAlchemy rather than by the driver, so a writing unit of work can start with
`BEGIN IMMEDIATE`: it holds the write lock before its first read, and a read-then-write can
neither fail half-way ("database is locked") nor act on a stale read. PostgreSQL gets a
connection pool sized for the concurrent updates the bot processes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# Execution option a unit of work sets to begin a SQLite transaction with the write lock.
SQLITE_BEGIN = "sqlite_begin"
WRITE = {SQLITE_BEGIN: "IMMEDIATE"}
BUSY_TIMEOUT_MS = 10_000
# Handlers hold a connection only inside a unit of work (a few ms), so 40 serve the 256
# updates processed at once; more would wait for one, never fail.
POSTGRES_POOL = {"pool_size": 20, "max_overflow": 20, "pool_timeout": 30}
# SQLite: enough kept open that a burst does not open and close connections (each opening
# runs the pragmas and starts a thread); readers run side by side in WAL mode.
SQLITE_POOL = {"pool_size": 16, "max_overflow": 16, "pool_timeout": 30}


def check_database_url(value: str) -> None:
    """A URL this bot can use, or ValueError saying what is wrong (for the settings)."""
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise ValueError("is not a database URL (see .env.example)") from exc
    if url.drivername not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN (see _sqlite_begin) instead of the driver's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_engine(url: str) -> AsyncEngine:
    """An async engine; see the module docstring for what each database gets."""
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **POSTGRES_POOL)
    engine = create_async_engine(url, **SQLITE_POOL)
    event.listen(engine.sync_engine, "connect", _sqlite_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


_writers: WeakKeyDictionary[Engine, asyncio.Lock] = WeakKeyDictionary()


@asynccontextmanager
async def writing(session: AsyncSession) -> AsyncIterator[None]:
    """Begin the session's transaction as a writer; the caller commits or rolls back inside.

    SQLite has one writer at a time: this process's writers queue first come, first served on
    an asyncio lock (no thread polls the busy timeout meanwhile), then `BEGIN IMMEDIATE`
    takes the file's write lock (other processes: busy timeout). PostgreSQL just begins.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or not isinstance(bind, Engine):
        await session.connection()
        yield
        return
    async with _writers.setdefault(bind, asyncio.Lock()):
        await session.connection(execution_options=WRITE)
        yield


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
