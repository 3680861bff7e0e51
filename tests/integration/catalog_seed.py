"""Seeding helpers for the catalog repository tests: coaches, catalog, sold packages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import ItemKind, Package, PackageItem, Series, Service
from domain.model import Coach, Plan, User
from persistence.db import session_factory
from persistence.models import EntitlementRow, SoldPackageRow
from persistence.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ANNA, BORIS = 10, 20

MakeUow = Callable[[], SqlUnitOfWork]


async def seed_coaches(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        for user_id, name in ((ANNA, "Anna"), (BORIS, "Boris")):
            await uow.users.add(User(telegram_id=user_id, first_name=name))
            await uow.coaches.add(Coach(user_id, name.lower(), Plan.PRO, name, "UTC", NOW))
        await uow.commit()


def a_service(coach_id: int = ANNA, title: str = "Private lesson") -> Service:
    return Service(None, coach_id, title, "One hour, one to one", 60)


def a_series(coach_id: int = ANNA, title: str = "Morning yoga") -> Series:
    return Series(None, coach_id, title, "Group class", capacity=12, duration_minutes=45)


def a_package(
    items: list[PackageItem],
    coach_id: int = ANNA,
    public_id: str = "pkg-1",
    title: str = "Starter",
    hidden: bool = False,
) -> Package:
    return Package(
        id=None,
        coach_id=coach_id,
        public_id=public_id,
        title=title,
        description="Five sessions",
        price_minor=5000,
        currency="EUR",
        hidden=hidden,
        validity_days=30,
        items=items,
        created_at=NOW,
    )


def service_item(service_id: int | None, quantity: int = 1) -> PackageItem:
    assert service_id is not None
    return PackageItem(ItemKind.SERVICE, service_id, quantity)


def series_item(series_id: int | None, quantity: int = 1) -> PackageItem:
    assert series_id is not None
    return PackageItem(ItemKind.SERIES, series_id, quantity)


async def sell(engine: AsyncEngine, package: Package, token: str) -> int:
    """A sold package with one entitlement per item, written directly (no repository yet)."""
    assert package.id is not None
    async with session_factory(engine)() as session:
        sold = SoldPackageRow(
            package_id=package.id,
            coach_id=package.coach_id,
            title=package.title,
            price_minor=package.price_minor,
            currency=package.currency,
            access_token=token,
            purchased_at=NOW,
        )
        session.add(sold)
        await session.flush()
        for item in package.items:
            session.add(
                EntitlementRow(
                    sold_package_id=sold.id,
                    service_id=item.ref_id if item.kind is ItemKind.SERVICE else None,
                    series_id=item.ref_id if item.kind is ItemKind.SERIES else None,
                    title=item.title,
                    quantity=item.quantity,
                    used=1,
                )
            )
        await session.commit()
        return sold.id


async def entitlements(engine: AsyncEngine, sold_package_id: int) -> list[EntitlementRow]:
    async with session_factory(engine)() as session:
        stmt = (
            select(EntitlementRow)
            .where(EntitlementRow.sold_package_id == sold_package_id)
            .order_by(EntitlementRow.id)
        )
        return list(await session.scalars(stmt))


async def sold_package(engine: AsyncEngine, sold_package_id: int) -> SoldPackageRow | None:
    async with session_factory(engine)() as session:
        return await session.get(SoldPackageRow, sold_package_id)
