"""Rows sent in bulk (reminders, coach digests): claimed with a lease, settled or retried.

Both tables carry the same delivery state: `next_attempt_at`, `attempts`, `outcome` (NULL:
still to send), `sent_at` and `last_error`, with a partial index on the pending rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.reminders.model import Attempted, Outcome
from persistence.repositories.rows import D, domain_of

T = TypeVar("T")


async def claim_due(
    session: AsyncSession,
    keys: Sequence[InstrumentedAttribute[Any]],
    to_item: Callable[[Any], T],
    now: datetime,
    limit: int,
    lease_until: datetime,
) -> list[T]:
    """The due rows of the table `keys` (its primary key) belong to, oldest first, as they
    were; their next attempt moves to `lease_until`.

    Called in a writing unit of work: on SQLite it already holds the database's write lock
    (BEGIN IMMEDIATE), so two sweepers take turns instead of reading the same due rows; on
    PostgreSQL the claimed rows are locked until commit and other sweepers skip them.
    """
    table = keys[0].class_
    stmt = (
        select(table)
        .where(table.outcome.is_(None), table.next_attempt_at <= now)
        .order_by(table.next_attempt_at, *keys)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(await session.scalars(stmt))
    claimed = [to_item(row) for row in rows]
    if rows:
        ids = [tuple(getattr(row, key.key) for key in keys) for row in rows]
        await session.execute(
            update(table)
            .where(tuple_(*keys).in_(ids) if len(keys) > 1 else keys[0].in_(i for (i,) in ids))
            .values(next_attempt_at=lease_until)
            .execution_options(synchronize_session=False)
        )
    return claimed


def delivered(cls: type[D], row: Any, **given: Any) -> D:
    """A reminder or a coach digest from its row (see `rows.domain_of`), its outcome typed."""
    return domain_of(cls, row, outcome=Outcome(row.outcome) if row.outcome else None, **given)


async def save(
    session: AsyncSession, table: type[Any], where: ColumnElement[bool], item: Attempted
) -> None:
    """Store where the claimed row of `table` that `where` picks stands in its delivery."""
    outcome: Outcome | None = item.outcome
    await session.execute(
        update(table)
        .where(where)
        .values(
            next_attempt_at=item.next_attempt_at,
            attempts=item.attempts,
            outcome=outcome.value if outcome else None,
            sent_at=item.sent_at,
            last_error=item.last_error,
        )
        .execution_options(synchronize_session=False)
    )
