"""The one mapper of a sold package (its row, entitlements and client's name) and the one
SQL form of its status, `domain.selling.model.sold_status` as an expression every query
uses: the desk's filters, the digest, reminders and booking's take-a-unit condition."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.selling.model import SoldItem, SoldPackage, SoldStatus
from persistence.models import EntitlementRow, SoldPackageRow, UserRow
from persistence.repositories.selling_rows import item_of, sold_of

Lock = Literal["share", "update"] | None


def expired(at: datetime | ColumnElement[datetime]) -> ColumnElement[bool]:
    """The sold package's expiry has come by `at`."""
    expires = SoldPackageRow.expires_at
    return and_(expires.is_not(None), expires <= at)


def live_item() -> ColumnElement[bool]:
    """An entitlement whose service or series is still offered (rule 6)."""
    return EntitlementRow.removed_at.is_(None)


def sessions_left() -> ColumnElement[int]:
    """Sessions left over the live entitlements joined to the sold package (0 if none)."""
    return func.coalesce(func.sum(EntitlementRow.quantity - EntitlementRow.used), 0)


def _anything_left() -> ColumnElement[bool]:
    # An alias: inside an UPDATE of `entitlement` this must not correlate to the updated row.
    item = aliased(EntitlementRow)
    return exists().where(
        item.sold_package_id == SoldPackageRow.id,
        item.removed_at.is_(None),
        item.used < item.quantity,
    )


def status_at(at: datetime | ColumnElement[datetime]) -> ColumnElement[str]:
    """The sold package's status at `at`: refunded, then paused, win over expired, which
    wins over used up."""
    refunded, paused = SoldPackageRow.refunded_at, SoldPackageRow.paused_at
    return case(
        (and_(refunded.is_not(None), refunded <= at), SoldStatus.REFUNDED.value),
        (and_(paused.is_not(None), paused <= at), SoldStatus.PAUSED.value),
        (expired(at), SoldStatus.EXPIRED.value),
        (~_anything_left(), SoldStatus.USED_UP.value),
        else_=SoldStatus.ACTIVE.value,
    )


def is_(which: SoldStatus, at: datetime | ColumnElement[datetime]) -> ColumnElement[bool]:
    return status_at(at) == which.value


async def load_sold(
    session: AsyncSession,
    *where: ColumnElement[bool],
    offset: int = 0,
    limit: int | None = None,
    lock: Lock = None,
) -> list[SoldPackage]:
    """Sold packages newest first, each with its entitlements (in id order) and client name.
    `lock`: FOR SHARE / FOR UPDATE on the sold package rows (SQLite's writer holds the
    whole database already)."""
    stmt = (
        select(SoldPackageRow, UserRow.first_name)
        .outerjoin(UserRow, UserRow.telegram_id == SoldPackageRow.client_id)
        .where(*where)
        .order_by(SoldPackageRow.id.desc())
        .offset(offset)
        .limit(limit)
        .execution_options(populate_existing=True)  # as committed now, not as first read
    )
    if lock is not None:
        stmt = stmt.with_for_update(read=lock == "share", of=SoldPackageRow)
    rows = (await session.execute(stmt)).all()
    items = await _items(session, [row.id for row, _ in rows])
    return [sold_of(row, items[row.id], name or "") for row, name in rows]


async def _items(session: AsyncSession, sold_ids: Sequence[int]) -> dict[int, list[SoldItem]]:
    found: dict[int, list[SoldItem]] = defaultdict(list)
    if sold_ids:
        stmt = (
            select(EntitlementRow)
            .where(EntitlementRow.sold_package_id.in_(sold_ids))
            .order_by(EntitlementRow.id)
            .execution_options(populate_existing=True)
        )
        for row in await session.scalars(stmt):
            found[row.sold_package_id].append(item_of(row))
    return found
