"""What services and series share: where packages and sold packages refer to them.

`SqlServices` (services.py), `SqlSeriesCatalog` (series.py) and `SqlPackages` (packages.py)
implement the catalog ports; this module holds the reference bookkeeping the first two share.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.catalog.model import ItemKind, Usage
from persistence.models import EntitlementRow, PackageItemRow, PackageRow

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
