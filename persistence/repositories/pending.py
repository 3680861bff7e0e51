"""Pending purchases: the package snapshot an invoice was sent for, stored as JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import ItemKind
from domain.selling.model import PendingPurchase, Snapshot, SoldItem
from persistence.models import PendingPurchaseRow
from persistence.upsert import insert_or_ignore


def _snapshot_json(snap: Snapshot) -> dict[str, Any]:
    items = [
        {"kind": i.kind.value, "ref": i.ref_id, "title": i.title, "qty": i.quantity}
        for i in snap.items
    ]
    return {
        "package_id": snap.package_id,
        "public_id": snap.public_id,
        "coach_id": snap.coach_id,
        "title": snap.title,
        "description": snap.description,
        "price_minor": snap.price_minor,
        "currency": snap.currency,
        "validity_days": snap.validity_days,
        "items": items,
    }


def _snapshot_of(data: dict[str, Any]) -> Snapshot:
    items = tuple(
        SoldItem(ItemKind(i["kind"]), int(i["ref"]), str(i["title"]), int(i["qty"]))
        for i in data["items"]
    )
    validity = data["validity_days"]
    return Snapshot(
        package_id=int(data["package_id"]),
        public_id=str(data["public_id"]),
        coach_id=int(data["coach_id"]),
        title=str(data["title"]),
        description=str(data["description"]),
        price_minor=int(data["price_minor"]),
        currency=str(data["currency"]),
        validity_days=None if validity is None else int(validity),
        items=items,
    )


class SqlPendingPurchases:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, pending: PendingPurchase) -> PendingPurchase | None:
        stmt = insert_or_ignore(self._session, PendingPurchaseRow).values(
            key=pending.key,
            request_key=pending.request_key,
            buyer_id=pending.buyer_id,
            package_id=pending.snapshot.package_id,
            created_at=pending.created_at,
            snapshot=_snapshot_json(pending.snapshot),
        )
        new_id = await self._session.scalar(stmt.returning(PendingPurchaseRow.id))
        if new_id is None:
            return None
        return PendingPurchase(
            new_id,
            pending.key,
            pending.request_key,
            pending.buyer_id,
            pending.snapshot,
            pending.created_at,
        )

    async def by_key(self, key: str) -> PendingPurchase | None:
        row = await self._session.scalar(
            select(PendingPurchaseRow).where(PendingPurchaseRow.key == key)
        )
        if row is None:
            return None
        return PendingPurchase(
            row.id,
            row.key,
            row.request_key,
            row.buyer_id,
            _snapshot_of(row.snapshot),
            row.created_at,
        )
