"""Backups of the embedded SQLite database: `packages-bot backup FILE` and `restore FILE`.

A backup uses SQLite's online backup API (`sqlite3.Connection.backup`, all pages in one step):
it reads one consistent snapshot, while the bot keeps writing (WAL mode lets writers go on),
so the copy holds every transaction committed before it began and none half-done. It is
written next to FILE and renamed into place, so FILE is only ever a whole backup.

A restore refuses while a bot holds the database (its lock file, see
`persistence.single_instance`) and holds that lock itself meanwhile, so no bot starts during
it. The file must pass `PRAGMA integrity_check` and carry this bot's schema (an Alembic
revision this version knows; the bot upgrades an older one at start). It is copied into the
database with the same backup API, which replaces the pages through SQLite itself (a plain
file copy would leave the old write-ahead log to be replayed over it).

PostgreSQL has its own tools: pg_dump and pg_restore.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from persistence.db import is_sqlite
from persistence.migrate import alembic_config
from persistence.single_instance import FileLease, lock_path


class BackupRefused(Exception):
    """Why a backup or restore was not done, worded for the person running it."""


def sqlite_path(database_url: str) -> str:
    """The SQLite database file of DATABASE_URL; BackupRefused for PostgreSQL or memory."""
    if not is_sqlite(database_url):
        raise BackupRefused(
            "DATABASE_URL is PostgreSQL: back it up with pg_dump and restore it with "
            "pg_restore (see README.md, Backups)."
        )
    path = make_url(database_url).database or ""
    if path in ("", ":memory:"):
        raise BackupRefused("DATABASE_URL is an in-memory database: there is nothing to keep.")
    return path


def backup(database_url: str, target: Path) -> None:
    """Writes a consistent copy of the running (or stopped) database to `target`."""
    source = sqlite_path(database_url)
    if not Path(source).is_file():
        raise BackupRefused(f"there is no database at {source} (check DATABASE_URL).")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def check_backup(source: Path) -> None:
    """BackupRefused unless `source` is an intact SQLite database with this bot's schema."""
    if not source.is_file():
        raise BackupRefused(f"there is no file {source}.")
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            revisions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as exc:
        raise BackupRefused(f"{source} is not a backup of this bot ({exc}).") from exc
    if integrity != "ok":
        raise BackupRefused(f"{source} is damaged (integrity check: {integrity}).")
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = {script.revision for script in scripts.walk_revisions()}
    if len(revisions) != 1 or revisions[0] not in known:
        raise BackupRefused(f"{source} has a schema this version does not know ({revisions}).")


def restore(database_url: str, source: Path) -> None:
    """Replaces the database with the backup `source`, unless a bot is running on it."""
    database = sqlite_path(database_url)
    check_backup(source)
    lease = FileLease.try_acquire(database)
    if lease is None:
        raise BackupRefused(
            f"a bot is running on {database} (it holds {lock_path(database)}): stop it first."
        )
    try:
        read_only = f"{source.resolve().as_uri()}?mode=ro"
        with (
            closing(sqlite3.connect(read_only, uri=True)) as src,
            closing(sqlite3.connect(database)) as dst,
        ):
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
    finally:
        lease.release()
