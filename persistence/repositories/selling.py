"""Sold packages (with their entitlements, holders and history) and pending purchases.

Exactly-once is the database's job: `INSERT … ON CONFLICT DO NOTHING` on the unique request
key and charge id, and conditional UPDATEs for expiry and token changes.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.selling.model import Holder, SaleEvent, SoldFilter, SoldPackage, SoldStatus
from domain.selling.rules import EXPIRING_WITHIN
from persistence.models import (
    ExtendRequestRow,
    SoldPackageEventRow,
    SoldPackageHolderRow,
    SoldPackageRow,
    UserRow,
)
from persistence.repositories.selling_rows import (
    entitlement_rows,
    event_of,
    event_row,
    sold_values,
)
from persistence.repositories.sold import is_, load_sold
from persistence.upsert import insert_or_ignore, upsert_if


def _filter(which: SoldFilter, now: datetime) -> tuple[ColumnElement[bool], ...]:
    expires = SoldPackageRow.expires_at
    return {
        SoldFilter.ALL: (),
        SoldFilter.ACTIVE: (is_(SoldStatus.ACTIVE, now),),
        SoldFilter.EXPIRING: (is_(SoldStatus.ACTIVE, now), expires <= now + EXPIRING_WITHIN),
        SoldFilter.EXPIRED: (is_(SoldStatus.EXPIRED, now),),
        SoldFilter.USED_UP: (is_(SoldStatus.USED_UP, now),),
    }[which]


class SqlSoldPackages:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _find(
        self, *where: ColumnElement[bool], offset: int = 0, limit: int | None = None
    ) -> builtins.list[SoldPackage]:
        return await load_sold(self._session, *where, offset=offset, limit=limit)

    async def _one(self, *where: ColumnElement[bool]) -> SoldPackage | None:
        found = await self._find(*where)
        return found[0] if found else None

    async def _lock(self, *where: ColumnElement[bool]) -> None:
        """The sold package's row lock, exclusive until commit: what every change to its
        holders takes (SQLite: the transaction already holds the database's write lock)."""
        await self._session.execute(select(SoldPackageRow.id).where(*where).with_for_update())

    async def add(self, sold: SoldPackage) -> SoldPackage | None:
        stmt = insert_or_ignore(self._session, SoldPackageRow).values(**sold_values(sold))
        sold_id = await self._session.scalar(stmt.returning(SoldPackageRow.id))
        if sold_id is None:
            return None
        self._session.add_all(entitlement_rows(sold_id, sold.items))
        await self._session.flush()
        return await self.get(sold_id)

    async def get(self, sold_id: int) -> SoldPackage | None:
        return await self._one(SoldPackageRow.id == sold_id)

    async def by_request(
        self, request_key: str | None = None, charge_id: str | None = None
    ) -> SoldPackage | None:
        if request_key is not None:
            return await self._one(SoldPackageRow.request_key == request_key)
        if charge_id is not None:
            return await self._one(SoldPackageRow.telegram_charge_id == charge_id)
        return None

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        column = SoldPackageRow.telegram_charge_id
        found = await self._session.scalars(select(column).where(column.in_(list(charge_ids))))
        return {charge for charge in found if charge is not None}

    async def by_token(self, token: str, lock: bool = False) -> SoldPackage | None:
        # A refunded package's link answers like a revoked one.
        where = (SoldPackageRow.access_token == token, SoldPackageRow.refunded_at.is_(None))
        found = await load_sold(self._session, *where, lock="update" if lock else None)
        return found[0] if found else None

    async def _update(self, *where: ColumnElement[bool], **values: Any) -> bool:
        result = await self._session.execute(update(SoldPackageRow).where(*where).values(**values))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def set_expiry(self, sold_id: int, old: datetime | None, new: datetime | None) -> bool:
        column = SoldPackageRow.expires_at
        still = column.is_(None) if old is None else column == old
        return await self._update(SoldPackageRow.id == sold_id, still, expires_at=new)

    async def replace_token(self, sold_id: int, old: str, new: str) -> bool:
        where = (SoldPackageRow.id == sold_id, SoldPackageRow.access_token == old)
        return await self._update(*where, access_token=new)

    async def claim_refund(self, sold_id: int, now: datetime, lapsed_before: datetime) -> bool:
        claimed = SoldPackageRow.refund_claimed_at
        return await self._update(
            SoldPackageRow.id == sold_id,
            SoldPackageRow.refunded_at.is_(None),
            or_(claimed.is_(None), claimed < lapsed_before),
            refund_claimed_at=now,
        )

    async def release_refund(self, sold_id: int) -> None:
        where = (SoldPackageRow.id == sold_id, SoldPackageRow.refunded_at.is_(None))
        await self._update(*where, refund_claimed_at=None)

    async def mark_refunded(self, sold_id: int, now: datetime) -> bool:
        where = (SoldPackageRow.id == sold_id, SoldPackageRow.refunded_at.is_(None))
        return await self._update(*where, refunded_at=now, refund_claimed_at=None)

    async def claim_client(self, sold_id: int, user_id: int) -> None:
        where = (SoldPackageRow.id == sold_id, SoldPackageRow.client_id.is_(None))
        await self._update(*where, client_id=user_id)

    async def replace_client(self, sold_id: int, old: int | None, new: int | None) -> bool:
        column = SoldPackageRow.client_id
        still = column.is_(None) if old is None else column == old
        return await self._update(SoldPackageRow.id == sold_id, still, client_id=new)

    async def add_holder(self, sold_id: int, user_id: int, now: datetime) -> None:
        stmt = insert_or_ignore(self._session, SoldPackageHolderRow)
        await self._session.execute(
            stmt.values(sold_package_id=sold_id, user_id=user_id, added_at=now)
        )

    async def is_holder(self, sold_id: int, user_id: int) -> bool:
        # A query, not the identity map: after waiting for a lock the row may be gone.
        stmt = select(SoldPackageHolderRow.user_id).where(
            SoldPackageHolderRow.sold_package_id == sold_id,
            SoldPackageHolderRow.user_id == user_id,
        )
        return await self._session.scalar(stmt) is not None

    async def holders(self, sold_id: int) -> builtins.list[int]:
        stmt = (
            select(SoldPackageHolderRow.user_id)
            .where(SoldPackageHolderRow.sold_package_id == sold_id)
            .order_by(SoldPackageHolderRow.user_id)
        )
        return list((await self._session.scalars(stmt)).all())

    async def holder_list(self, sold_id: int) -> builtins.list[Holder]:
        stmt = (
            select(
                SoldPackageHolderRow.user_id,
                UserRow.first_name,
                SoldPackageHolderRow.added_at,
                UserRow.timezone,
            )
            .join(UserRow, UserRow.telegram_id == SoldPackageHolderRow.user_id)
            .where(SoldPackageHolderRow.sold_package_id == sold_id)
            .order_by(SoldPackageHolderRow.added_at, SoldPackageHolderRow.user_id)
        )
        return [Holder(*row) for row in await self._session.execute(stmt)]

    async def drop_holders(self, sold_id: int) -> None:
        await self._session.execute(
            delete(SoldPackageHolderRow).where(SoldPackageHolderRow.sold_package_id == sold_id)
        )

    async def remove_holder(self, sold_id: int, user_id: int) -> bool:
        await self._lock(SoldPackageRow.id == sold_id)
        result = await self._session.execute(
            delete(SoldPackageHolderRow).where(
                SoldPackageHolderRow.sold_package_id == sold_id,
                SoldPackageHolderRow.user_id == user_id,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def _held(self, user_id: int) -> ColumnElement[bool]:
        return exists().where(
            SoldPackageHolderRow.sold_package_id == SoldPackageRow.id,
            SoldPackageHolderRow.user_id == user_id,
        )

    async def count_held(self, user_id: int) -> int:
        return await self._count(self._held(user_id))

    async def list_held(self, user_id: int, offset: int, limit: int) -> builtins.list[SoldPackage]:
        return await self._find(self._held(user_id), offset=offset, limit=limit)

    async def _count(self, *where: ColumnElement[bool]) -> int:
        stmt = select(func.count()).select_from(SoldPackageRow).where(*where)
        return await self._session.scalar(stmt) or 0

    async def count_for_coach(self, coach_id: int, which: SoldFilter, now: datetime) -> int:
        return await self._count(and_(SoldPackageRow.coach_id == coach_id, *_filter(which, now)))

    async def list_for_coach(
        self, coach_id: int, which: SoldFilter, now: datetime, offset: int, limit: int
    ) -> builtins.list[SoldPackage]:
        where = (SoldPackageRow.coach_id == coach_id, *_filter(which, now))
        return await self._find(*where, offset=offset, limit=limit)

    async def add_event(self, event: SaleEvent) -> None:
        self._session.add(event_row(event))
        await self._session.flush()

    async def events(self, sold_id: int) -> builtins.list[SaleEvent]:
        stmt = (
            select(SoldPackageEventRow)
            .where(SoldPackageEventRow.sold_package_id == sold_id)
            .order_by(SoldPackageEventRow.id)
        )
        return [event_of(row) for row in await self._session.scalars(stmt)]

    async def ask_to_extend(
        self, sold_id: int, asker_id: int, expires_at: datetime, now: datetime, since: datetime
    ) -> bool:
        # One row per sold package. The upsert overwrites it only when the last ask is older
        # than `since` or was about another expiry; a row comes back only when this ask was
        # stored. Two concurrent asks: the second waits for the first's row and finds it.
        ask = {
            "sold_package_id": sold_id, "asked_by": asker_id, "asked_at": now,
            "expires_at": expires_at,
        }  # fmt: skip
        return await upsert_if(
            self._session,
            ExtendRequestRow,
            ["sold_package_id"],
            ask,
            lambda new: or_(
                ExtendRequestRow.asked_at <= since, ExtendRequestRow.expires_at != new.expires_at
            ),
        )

    async def forget_ask(self, sold_id: int, asked_at: datetime) -> None:
        await self._session.execute(
            delete(ExtendRequestRow).where(
                ExtendRequestRow.sold_package_id == sold_id, ExtendRequestRow.asked_at == asked_at
            )
        )
