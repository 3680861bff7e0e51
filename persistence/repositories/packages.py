"""Packages a coach sells: the templates, with their ordered items."""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import ItemKind, Package, PackageItem
from domain.errors import ChangedMeanwhile
from persistence.models import PackageItemRow, PackageRow, SeriesRow, ServiceRow, SoldPackageRow
from persistence.repositories.rows import domain_of, values_of

# The columns a coach edits, stored as they are on the package.
_EDITABLE = ("title", "description", "price_minor", "currency", "hidden", "validity_days")


def _package(row: PackageRow, items: builtins.list[PackageItem]) -> Package:
    return domain_of(Package, row, items=items)


def _editable(package: Package) -> dict[str, Any]:
    return values_of(package, _EDITABLE)


def _item_rows(package_id: int, items: Sequence[PackageItem]) -> builtins.list[PackageItemRow]:
    return [
        PackageItemRow(
            package_id=package_id,
            position=position,
            service_id=item.ref_id if item.kind is ItemKind.SERVICE else None,
            series_id=item.ref_id if item.kind is ItemKind.SERIES else None,
            quantity=item.quantity,
        )
        for position, item in enumerate(items)
    ]


def _item(
    service_id: int | None, series_id: int | None, quantity: int, title: str | None
) -> PackageItem:
    if service_id is not None:
        return PackageItem(ItemKind.SERVICE, service_id, quantity, title or "")
    if series_id is not None:
        return PackageItem(ItemKind.SERIES, series_id, quantity, title or "")
    raise AssertionError("the database guarantees exactly one of service_id and series_id")


def _live(*where: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
    return (PackageRow.deleted_at.is_(None), *where)


class SqlPackages:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _find(
        self, *where: ColumnElement[bool], offset: int = 0, limit: int | None = None
    ) -> builtins.list[Package]:
        stmt = select(PackageRow).where(*_live(*where)).order_by(PackageRow.id)
        rows = (await self._session.scalars(stmt.offset(offset).limit(limit))).all()
        items = await self._items([row.id for row in rows])
        return [_package(row, items[row.id]) for row in rows]

    async def _items(self, package_ids: Sequence[int]) -> dict[int, builtins.list[PackageItem]]:
        """Items of these packages in position order, titled from their service or series."""
        found: dict[int, builtins.list[PackageItem]] = defaultdict(list)
        if not package_ids:
            return found
        stmt = (
            select(
                PackageItemRow.package_id,
                PackageItemRow.service_id,
                PackageItemRow.series_id,
                PackageItemRow.quantity,
                func.coalesce(ServiceRow.title, SeriesRow.title),
            )
            .outerjoin(ServiceRow, ServiceRow.id == PackageItemRow.service_id)
            .outerjoin(SeriesRow, SeriesRow.id == PackageItemRow.series_id)
            .where(PackageItemRow.package_id.in_(package_ids))
            .order_by(PackageItemRow.package_id, PackageItemRow.position)
        )
        rows = await self._session.execute(stmt)
        for package_id, service_id, series_id, quantity, title in rows:
            found[package_id].append(_item(service_id, series_id, quantity, title))
        return found

    async def _row(self, coach_id: int, package_id: int | None) -> PackageRow | None:
        stmt = select(PackageRow).where(
            *_live(PackageRow.coach_id == coach_id, PackageRow.id == package_id)
        )
        return await self._session.scalar(stmt)

    async def add(self, package: Package) -> Package:
        if package.created_at is None:
            raise ValueError("a new package needs created_at")
        row = PackageRow(
            coach_id=package.coach_id,
            public_id=package.public_id,
            created_at=package.created_at,
            version=1,
            **_editable(package),
        )
        self._session.add(row)
        await self._session.flush()
        self._session.add_all(_item_rows(row.id, package.items))
        await self._session.flush()
        return _package(row, (await self._items([row.id]))[row.id])

    async def get(self, coach_id: int, package_id: int) -> Package | None:
        found = await self._find(PackageRow.coach_id == coach_id, PackageRow.id == package_id)
        return found[0] if found else None

    async def by_public_id(self, public_id: str) -> Package | None:
        found = await self._find(PackageRow.public_id == public_id)
        return found[0] if found else None

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Package]:
        return await self._find(PackageRow.coach_id == coach_id, offset=offset, limit=limit)

    async def list_visible(self, coach_id: int) -> builtins.list[Package]:
        return await self._find(PackageRow.coach_id == coach_id, PackageRow.hidden.is_(False))

    async def count(self, coach_id: int) -> int:
        stmt = select(func.count(PackageRow.id)).where(*_live(PackageRow.coach_id == coach_id))
        return await self._session.scalar(stmt) or 0

    async def save(self, package: Package) -> None:
        """Overwrite the editable fields and replace the items; public_id and created_at stay.

        LookupError if the package is gone or not the coach's.
        """
        row = await self._row(package.coach_id, package.id)
        if row is None:
            raise LookupError(f"package {package.id} does not exist")
        # Conditional on the version: of two concurrent saves from one version, the second
        # waits for the first's row lock (PostgreSQL) or write lock (SQLite), then finds the
        # version moved on and changes nothing.
        saved = await self._session.scalar(
            update(PackageRow)
            .where(PackageRow.id == row.id, PackageRow.version == package.version)
            .values(version=PackageRow.version + 1, **_editable(package))
            .returning(PackageRow.version)
        )
        if saved is None:
            raise ChangedMeanwhile()
        package.version = saved
        await self._session.execute(
            delete(PackageItemRow).where(PackageItemRow.package_id == row.id)
        )
        self._session.add_all(_item_rows(row.id, package.items))
        await self._session.flush()

    async def delete(self, package_id: int, now: datetime) -> None:
        """Soft-delete; items stay so the package's history is intact, sold packages untouched."""
        await self._session.execute(
            update(PackageRow)
            .where(PackageRow.id == package_id, PackageRow.deleted_at.is_(None))
            .values(deleted_at=now)
        )

    async def count_sold(self, package_ids: builtins.list[int]) -> dict[int, int]:
        counts = dict.fromkeys(package_ids, 0)
        if not package_ids:
            return counts
        stmt = (
            select(SoldPackageRow.package_id, func.count(SoldPackageRow.id))
            .where(SoldPackageRow.package_id.in_(package_ids))
            .group_by(SoldPackageRow.package_id)
        )
        for package_id, sold in await self._session.execute(stmt):
            counts[package_id] = sold
        return counts
