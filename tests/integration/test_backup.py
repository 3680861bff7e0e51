"""SQLite backups (`packages-bot backup/restore`): a backup taken while bookings are being
written restores to an intact database holding every booking committed before it began; a
file that is not this bot's database is refused; PostgreSQL is pointed to pg_dump."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from persistence.backup import BackupRefused, backup, check_backup, restore
from persistence.db import create_engine, session_factory
from persistence.migrate import upgrade_async
from persistence.uow import SqlUnitOfWork
from tests.integration.booking_seed import FIRST_SLOT, NOW, seed_world, sell

PACKAGES, LESSONS = 12, 3


def _booking_ids(path: Path) -> set[int]:
    with closing(sqlite3.connect(path)) as db:
        return {row[0] for row in db.execute("SELECT id FROM session_booking")}


async def test_a_backup_during_a_burst_of_bookings_restores_every_booking_committed_before_it(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    await upgrade_async(url)
    engine = create_engine(url)
    sessions = session_factory(engine)

    def make_uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    world = await seed_world(make_uow)
    sold = [await sell(engine, world, n, quantity=LESSONS) for n in range(PACKAGES + 1)]
    committed: list[int] = []
    under_way = asyncio.Event()

    async def client(n: int) -> None:  # books its lessons one after another
        for k in range(LESSONS):
            slot = FIRST_SLOT + timedelta(days=n, hours=k)
            booking = (
                await book_session(make_uow(), sold[n].holder, OneToOne(sold[n].lesson, slot), NOW)
            ).done
            assert booking.id is not None
            committed.append(booking.id)
            if len(committed) == PACKAGES:
                under_way.set()

    writers = [asyncio.create_task(client(n)) for n in range(PACKAGES)]
    await under_way.wait()  # the burst is under way
    before = set(committed)
    await asyncio.to_thread(backup, url, tmp_path / "backup.db")
    await asyncio.gather(*writers)
    await client(PACKAGES)  # surely after the backup
    await engine.dispose()
    assert len(before) < len(committed) == (PACKAGES + 1) * LESSONS

    restore(url, tmp_path / "backup.db")  # over the database that went on without it

    with closing(sqlite3.connect(tmp_path / "bot.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restored = _booking_ids(tmp_path / "bot.db")
    assert before <= restored <= set(committed[: PACKAGES * LESSONS])


async def test_a_file_that_is_not_this_bots_database_is_refused(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    await upgrade_async(url)
    (tmp_path / "notes.txt").write_text("not a database at all" * 100)
    with closing(sqlite3.connect(tmp_path / "other.db")) as other:
        other.execute("CREATE TABLE t (x)")
    for name in ("notes.txt", "other.db", "missing.db"):
        with pytest.raises(BackupRefused):
            restore(url, tmp_path / name)
    backup(url, tmp_path / "good.db")
    check_backup(tmp_path / "good.db")


def test_postgresql_backups_are_pg_dump_and_pg_restore(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://postgres@127.0.0.1:5432/bot"
    with pytest.raises(BackupRefused, match="pg_dump"):
        backup(url, tmp_path / "backup.db")
    with pytest.raises(BackupRefused, match="pg_restore"):
        restore(url, tmp_path / "backup.db")
