"""Sold packages written straight into the tables, until the selling use cases exist.

Shared by the reminder tests (integration and end-to-end) and reused by the benchmark.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.catalog.model import ItemKind, Package, PackageItem, Service
from domain.model import Coach, Plan, User
from domain.reminders.planning import plan_package_reminders
from domain.reminders.use_cases import replan_package_reminders
from persistence.db import session_factory, writing
from persistence.models import EntitlementRow, SessionBookingRow, SoldPackageRow
from persistence.uow import SqlUnitOfWork

MakeUow = Callable[[], SqlUnitOfWork]


@asynccontextmanager
async def seeding(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose transaction begins as a writer (on SQLite `BEGIN IMMEDIATE`): test data
    that reads before it writes, while the bot runs, waits for the bot's writes instead of
    failing at once (SQLite cannot turn a reader into a writer after another one wrote)."""
    async with session_factory(engine)() as session, writing(session):
        yield session


SEEDED_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Seller:
    """A coach with one service and one package to sell."""

    coach_id: int
    service_id: int
    package_id: int


async def seed_seller(
    make_uow: MakeUow,
    coach_id: int,
    clients: Iterable[tuple[int, str | None]] = (),
    coach_zone: str = "Europe/Berlin",
) -> Seller:
    """The coach (in `coach_zone`), their catalog, and the clients (id, own zone or None)."""
    async with make_uow() as uow:
        await uow.users.add(User(coach_id, "Anna", coach_zone))
        await uow.coaches.add(
            Coach(coach_id, f"coach{coach_id}", Plan.PRO, "Anna", coach_zone, SEEDED_AT)
        )
        for client_id, zone in clients:
            await uow.users.add(User(client_id, f"Client {client_id}", zone))
        service = await uow.services.add(
            Service(None, coach_id, "Private lesson", "One hour, one to one", 60)
        )
        assert service.id is not None
        item = PackageItem(ItemKind.SERVICE, service.id, 5)
        package = await uow.packages.add(
            Package(
                None,
                coach_id,
                f"p{coach_id}",
                "Starter",
                "",
                5000,
                "EUR",
                False,
                30,
                [item],
                SEEDED_AT,
            )
        )
        await uow.commit()
    assert package.id is not None
    return Seller(coach_id, service.id, package.id)


def sold_rows(
    seller: Seller, client_id: int | None, expires_at: datetime | None, quantity: int, used: int
) -> tuple[SoldPackageRow, Callable[[int], EntitlementRow]]:
    sold = SoldPackageRow(
        package_id=seller.package_id,
        coach_id=seller.coach_id,
        client_id=client_id,
        title="Starter",
        price_minor=5000,
        currency="EUR",
        access_token=secrets.token_urlsafe(32),
        purchased_at=SEEDED_AT,
        expires_at=expires_at,
    )

    def entitlement(sold_id: int) -> EntitlementRow:
        return EntitlementRow(
            sold_package_id=sold_id,
            service_id=seller.service_id,
            title="Private lesson",
            quantity=quantity,
            used=used,
        )

    return sold, entitlement


async def sell_many(
    engine: AsyncEngine,
    seller: Seller,
    sales: Iterable[tuple[int | None, datetime | None]],
    *,
    quantity: int = 5,
    used: int = 0,
) -> list[int]:
    """Sold packages (client, expiry) with one entitlement each, written directly."""
    async with session_factory(engine)() as session:
        made = [sold_rows(seller, client, at, quantity, used) for client, at in sales]
        session.add_all([sold for sold, _ in made])
        await session.flush()
        session.add_all([entitlement(sold.id) for sold, entitlement in made])
        await session.commit()
        return [sold.id for sold, _ in made]


async def sell(
    engine: AsyncEngine,
    seller: Seller,
    client_id: int | None,
    expires_at: datetime | None,
    *,
    quantity: int = 5,
    used: int = 0,
) -> int:
    """One sold package with one entitlement, written directly; returns its id."""
    (sold_id,) = await sell_many(
        engine, seller, [(client_id, expires_at)], quantity=quantity, used=used
    )
    return sold_id


async def plan_all(
    make_uow: MakeUow, sold_package_ids: list[int], now: datetime, offsets: Iterable[timedelta]
) -> None:
    """Plan many sold packages as replanning would, stored in one statement (fast seeding)."""
    async with make_uow() as uow:
        facts = await uow.reminders.package_facts(sold_package_ids)
        plans = [p for f in facts.values() for p in plan_package_reminders(f, offsets, now)]
        await uow.reminders.add(plans)
        await uow.commit()


async def replan(
    make_uow: MakeUow,
    sold_package_id: int,
    now: datetime,
    offsets: Iterable[timedelta] = (timedelta(days=7), timedelta(days=1)),
) -> None:
    """What the selling use cases will do after a change: replan inside their transaction."""
    async with make_uow() as uow:
        await replan_package_reminders(uow, sold_package_id, now, offsets)
        await uow.commit()


async def book_session(
    engine: AsyncEngine, sold_id: int, starts: datetime, status: str = "booked"
) -> int:
    """A session booked from the package's first item, written straight into the table."""
    async with seeding(engine) as session:
        coach_id = await session.scalar(
            select(SoldPackageRow.coach_id).where(SoldPackageRow.id == sold_id)
        )
        entitlement = await session.scalar(
            select(EntitlementRow.id).where(EntitlementRow.sold_package_id == sold_id)
        )
        assert coach_id is not None and entitlement is not None
        row = SessionBookingRow(
            sold_package_id=sold_id,
            entitlement_id=entitlement,
            coach_id=coach_id,
            kind="service",
            ref_id=1,
            title="Private lesson",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            booked_at=SEEDED_AT,
            status=status,
        )
        session.add(row)
        await session.commit()
        return row.id
