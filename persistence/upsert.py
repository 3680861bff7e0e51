"""`INSERT … ON CONFLICT` for the two databases the bot runs on."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_insert(session: AsyncSession) -> type[postgresql.Insert] | type[sqlite.Insert]:
    """The dialect's `insert`, which has `on_conflict_do_nothing/do_update`."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.Insert
    if dialect == "sqlite":
        return sqlite.Insert
    raise NotImplementedError(f"upserts are written for PostgreSQL and SQLite, not {dialect}")
