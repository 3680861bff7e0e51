"""What services and series share: one repository shape (`SqlEntries`), and where packages
and sold packages refer to them.

`SqlServices` (services.py), `SqlSeriesCatalog` (series.py) and `SqlPackages` (packages.py)
implement the catalog ports; the first two are `SqlEntries` with their own row, fields and
kind (series add their dated occurrences).
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.catalog.model import ItemKind, Series, Service, Usage
from persistence.models import EntitlementRow, PackageItemRow, PackageRow, SeriesRow, ServiceRow

RowT = TypeVar("RowT", ServiceRow, SeriesRow)
EntryT = TypeVar("EntryT", Service, Series)

_ItemRef = InstrumentedAttribute[int | None]


def _item_ref(kind: ItemKind) -> _ItemRef:
    return PackageItemRow.service_id if kind is ItemKind.SERVICE else PackageItemRow.series_id


def _entitlement_ref(kind: ItemKind) -> _ItemRef:
    return EntitlementRow.service_id if kind is ItemKind.SERVICE else EntitlementRow.series_id


async def usage_of(session: AsyncSession, kind: ItemKind, ref_id: int) -> Usage:
    """Live packages listing it, and sold packages that can still book it."""
    item_ref, entitlement_ref = _item_ref(kind), _entitlement_ref(kind)
    packages = await session.scalar(
        select(func.count(func.distinct(PackageItemRow.package_id)))
        .join(PackageRow, PackageRow.id == PackageItemRow.package_id)
        .where(item_ref == ref_id, PackageRow.deleted_at.is_(None))
    )
    sold_packages = await session.scalar(
        select(func.count(func.distinct(EntitlementRow.sold_package_id))).where(
            entitlement_ref == ref_id, EntitlementRow.removed_at.is_(None)
        )
    )
    return Usage(packages=packages or 0, sold_packages=sold_packages or 0)


async def withdraw_everywhere(
    session: AsyncSession, kind: ItemKind, ref_id: int, now: datetime
) -> None:
    """Drop it from every package's items and stop sold packages from booking it.

    Entitlements keep their row (title, quantity, used) so a sold package still shows what
    it held and booked sessions keep their entitlement; only `removed_at` is set.
    """
    await session.execute(delete(PackageItemRow).where(_item_ref(kind) == ref_id))
    entitlement_ref = _entitlement_ref(kind)
    await session.execute(
        update(EntitlementRow)
        .where(entitlement_ref == ref_id, EntitlementRow.removed_at.is_(None))
        .values(removed_at=now)
    )


class SqlEntries(Generic[RowT, EntryT]):
    """A coach's catalog entries of one kind: scoped to the coach, soft-deleted rows unseen.
    Subclasses name the row and domain classes, the item kind and the editable fields."""

    row_type: type[RowT]
    entry_type: type[EntryT]
    kind: ClassVar[ItemKind]
    fields: ClassVar[tuple[str, ...]]  # editable, the same name on row and entry

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _entry(self, row: RowT) -> EntryT:
        values = {name: getattr(row, name) for name in self.fields}
        return self.entry_type(
            id=row.id, coach_id=row.coach_id, deleted_at=row.deleted_at, **values
        )

    def _owned(self, coach_id: int) -> tuple[ColumnElement[bool], ...]:
        return self.row_type.coach_id == coach_id, self.row_type.deleted_at.is_(None)

    async def _row(self, coach_id: int, entry_id: int | None) -> RowT | None:
        stmt = select(self.row_type).where(*self._owned(coach_id), self.row_type.id == entry_id)
        return await self._session.scalar(stmt)

    async def add(self, entry: EntryT) -> EntryT:
        values = {name: getattr(entry, name) for name in self.fields}
        row = self.row_type(coach_id=entry.coach_id, **values)
        self._session.add(row)
        await self._session.flush()
        return self._entry(row)

    async def get(self, coach_id: int, entry_id: int) -> EntryT | None:
        row = await self._row(coach_id, entry_id)
        return self._entry(row) if row else None

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[EntryT]:
        stmt = (
            select(self.row_type)
            .where(*self._owned(coach_id))
            .order_by(self.row_type.id)
            .offset(offset)
            .limit(limit)
        )
        return [self._entry(row) for row in await self._session.scalars(stmt)]

    async def count(self, coach_id: int) -> int:
        stmt = select(func.count(self.row_type.id)).where(*self._owned(coach_id))
        return await self._session.scalar(stmt) or 0

    async def save(self, entry: EntryT) -> None:
        """Overwrite the editable fields; LookupError if it is gone or not the coach's."""
        row = await self._row(entry.coach_id, entry.id)
        if row is None:
            raise LookupError(f"{self.kind.value} {entry.id} does not exist")
        for name in self.fields:
            setattr(row, name, getattr(entry, name))
        await self._session.flush()

    async def usage(self, entry_id: int) -> Usage:
        return await usage_of(self._session, self.kind, entry_id)

    async def delete(self, entry_id: int, now: datetime) -> None:
        await self._session.execute(
            update(self.row_type)
            .where(self.row_type.id == entry_id, self.row_type.deleted_at.is_(None))
            .values(deleted_at=now)
        )
        await withdraw_everywhere(self._session, self.kind, entry_id, now)
