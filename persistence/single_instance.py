"""One active bot process per token; others stand by and take over when it dies.

Telegram hands updates to one consumer only, and the conversation state lives in the active
process's memory, so exactly one process may poll, serve the webhook or sweep. On
PostgreSQL that process holds a session-level advisory lock named after the bot; the lock
dies with its connection, so when the active process dies a standby gets it within
`POLL_SECONDS`. On SQLite (one machine) an exclusive `flock` on `<database>.lock` does the
same; the operating system releases it when the process dies.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import logging
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.pool import NullPool

from persistence.db import is_sqlite

log = logging.getLogger("packages-bot")
POLL_SECONDS = 1.0
CHECK_SECONDS = 2.0
# A host that vanishes without closing its connection frees the lock after ~11 s.
KEEPALIVES = {
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
}


class Lease(Protocol):
    def release(self) -> None: ...


def lock_key(bot_id: str) -> int:
    """The advisory lock's 64-bit key for this bot."""
    digest = hashlib.blake2b(f"packages-bot:{bot_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _stop_this_process() -> None:
    os.kill(os.getpid(), signal.SIGTERM)  # PTB's run_polling/run_webhook stop gracefully


def wait_for_turn(
    database_url: str, bot_id: str, on_lost: Callable[[], None] = _stop_this_process
) -> Lease:
    """Block until this process is the active one for the bot (logs once while it waits)."""
    if is_sqlite(database_url):
        return FileLease.acquire(make_url(database_url).database or "", bot_id)
    lease = PostgresLease(database_url, bot_id, on_lost)
    lease.wait()
    return lease


def _standing_by(bot_id: str, holder: str) -> None:
    log.warning(
        "another process is active for bot %s (%s); standing by to take over", bot_id, holder
    )


def lock_path(database: str) -> Path:
    """The file a running bot holds locked next to its SQLite database."""
    return Path(f"{database}.lock")


class FileLease:
    """An exclusive flock on a file next to the SQLite database."""

    def __init__(self, handle: IO[str] | None) -> None:
        self._handle = handle

    @classmethod
    def acquire(cls, database: str, bot_id: str) -> FileLease:
        if database in ("", ":memory:"):
            return cls(None)  # a private in-memory database: no other process can share it
        announced = False
        while (lease := cls.try_acquire(database)) is None:
            if not announced:
                _standing_by(bot_id, f"lock file {lock_path(database)}")
                announced = True
            threading.Event().wait(POLL_SECONDS)
        log.info("active for bot %s (lock %s)", bot_id, lock_path(database))
        return lease

    @classmethod
    def try_acquire(cls, database: str) -> FileLease | None:
        """The lock if no process holds it (a running bot does), else None at once."""
        handle = lock_path(database).open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return cls(handle)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the flock
            self._handle = None


class PostgresLease:
    """Holds `pg_advisory_lock(lock_key(bot_id))` on its own connection, in its own thread
    and event loop (the bot's loop starts only once the lease is held)."""

    def __init__(self, url: str, bot_id: str, on_lost: Callable[[], None]) -> None:
        self._url, self._bot_id, self._on_lost = url, bot_id, on_lost
        self._held = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="instance-lock", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        while not self._held.wait(0.5):  # short waits keep Ctrl+C working
            if not self._thread.is_alive():
                raise RuntimeError("the instance lock thread ended")

    def release(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        asyncio.run(self._hold())

    async def _hold(self) -> None:
        engine = create_async_engine(
            self._url, poolclass=NullPool, connect_args={"server_settings": KEEPALIVES}
        )
        try:
            while not self._stop.is_set():
                try:
                    async with engine.connect() as conn:
                        await self._take(conn)
                        await self._keep(conn)
                        return
                except Exception:
                    if self._held.is_set():
                        log.exception("lost the connection holding the bot's lock; stopping")
                        self._on_lost()
                        return
                    log.exception("cannot reach the database for the bot's lock; retrying")
                    await asyncio.sleep(POLL_SECONDS)
        finally:
            await engine.dispose()

    async def _take(self, conn: AsyncConnection) -> None:
        key, announced = lock_key(self._bot_id), False
        while not self._stop.is_set():
            taken = await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})
            await conn.commit()  # the lock is the session's; no transaction left open
            if taken:
                log.info("active for bot %s (PostgreSQL advisory lock %s)", self._bot_id, key)
                self._held.set()
                return
            if not announced:
                _standing_by(self._bot_id, "PostgreSQL advisory lock")
                announced = True
            await asyncio.sleep(POLL_SECONDS)

    async def _keep(self, conn: AsyncConnection) -> None:
        """Check the connection now and then (a dead one means the lock is gone)."""
        loop = asyncio.get_running_loop()
        next_check = loop.time() + CHECK_SECONDS
        while not self._stop.is_set():
            await asyncio.sleep(0.2)
            if loop.time() >= next_check:
                await conn.execute(text("SELECT 1"))
                await conn.commit()
                next_check = loop.time() + CHECK_SECONDS
        await conn.execute(text("SELECT pg_advisory_unlock_all()"))
        await conn.commit()
