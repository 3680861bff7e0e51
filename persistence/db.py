"""Engine and session factory from DATABASE_URL.

SQLite runs in WAL mode with foreign keys and a busy timeout, and its transactions are begun
by SQLAlchemy rather than by the driver, so a writing unit of work can start with
`BEGIN IMMEDIATE`: it holds the write lock before its first read, and a read-then-write can
neither fail half-way ("database is locked") nor act on a stale read. PostgreSQL gets a
connection pool sized for the concurrent updates the bot processes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
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
    engine = create_async_engine(url)
    event.listen(engine.sync_engine, "connect", _sqlite_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
