"""`INSERT … ON CONFLICT` for the two databases the bot runs on: every insert-or-ignore and
upsert is written with these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnCollection, ColumnElement, TextClause
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


def insert_or_ignore(
    session: AsyncSession,
    table: Any,
    index_elements: Sequence[str] | None = None,
    index_where: ColumnElement[bool] | TextClause | None = None,
) -> postgresql.Insert | sqlite.Insert:
    """`INSERT … ON CONFLICT DO NOTHING`: a row whose unique key is already stored (by another
    transaction too, once it commits) is left as it is and this insert does nothing.
    `index_elements` names the key (with `index_where`, a partial unique index); without it,
    any unique key counts."""
    return dialect_insert(session)(table).on_conflict_do_nothing(
        index_elements=index_elements, index_where=index_where
    )


async def upsert_if(
    session: AsyncSession,
    table: Any,
    key: Sequence[str],
    values: dict[str, Any],
    when: Callable[[ColumnCollection[str, Any]], ColumnElement[bool]],
) -> bool:
    """`INSERT … ON CONFLICT (key) DO UPDATE … WHERE when(new)`: `values` are stored as a new
    row, or over the stored row with that key when `when` (given the new values) allows it.
    True when they were stored; False when the stored row stays (a concurrent upsert waits
    for the other's row and decides on it)."""
    insert = dialect_insert(session)(table).values(**values)
    stmt = insert.on_conflict_do_update(
        index_elements=list(key),
        set_={name: insert.excluded[name] for name in values if name not in key},
        where=when(insert.excluded),
    ).returning(table.__table__.c[key[0]])
    return (await session.execute(stmt)).first() is not None
