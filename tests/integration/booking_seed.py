"""A booking world on a real database: Anna (UTC) works every day 08:00–20:00, with a
60-minute lesson, a yoga series with one occurrence, and sold packages written directly, each
held by a person of its own (as if they had opened its link)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.booking.access import ByHolder
from domain.booking.availability import Availability, BookingSettings, TimeRange
from domain.booking.holder import slots_for
from persistence.db import session_factory
from persistence.models import (
    EntitlementRow,
    PackageRow,
    SessionBookingRow,
    SoldPackageHolderRow,
    SoldPackageRow,
    UserRow,
)
from tests.integration.catalog_seed import ANNA, MakeUow, a_series, a_service, seed_coaches

NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
FIRST_SLOT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
CLASS_START = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
HOLDER = 1000  # sold package n is held by person HOLDER + n


@dataclass(frozen=True)
class Sold:
    id: int
    token: str
    lesson: int  # entitlement ids
    yoga: int
    holder: ByHolder  # its holder (HOLDER + n) acting from its view; none with held=False


@dataclass(frozen=True)
class World:
    lesson_id: int
    yoga_id: int
    occurrence_id: int


async def seed_world(make_uow: MakeUow, capacity: int = 12) -> World:
    await seed_coaches(make_uow)
    async with make_uow() as uow:
        lesson = await uow.services.add(a_service())
        series = a_series()
        series.capacity = capacity
        yoga = await uow.series.add(series)
        assert lesson.id is not None and yoga.id is not None
        [occurrence] = await uow.series.add_occurrences(yoga.id, [CLASS_START])
        hours = (TimeRange(8 * 60, 20 * 60),)
        settings = BookingSettings(notice=timedelta(hours=12))
        await uow.availability.save(
            Availability(ANNA, dict.fromkeys(range(7), hours), (), settings)
        )
        await uow.commit()
    assert occurrence.id is not None
    return World(lesson.id, yoga.id, occurrence.id)


async def sell(
    engine: AsyncEngine,
    world: World,
    n: int,
    quantity: int = 3,
    expires_at: datetime | None = None,
    held: bool = True,
) -> Sold:
    """Sold package number `n` (token `tok-n`) with `quantity` lessons and yoga classes,
    held by person `HOLDER + n` (`held=False`: by nobody yet, for a test's own holders)."""
    async with session_factory(engine)() as session:
        holder = HOLDER + n
        if held:
            session.add(UserRow(telegram_id=holder, first_name=f"Holder {n}"))
        sold = SoldPackageRow(
            package_id=await _package_id(session, world),
            coach_id=ANNA,
            title=f"Package {n}",
            price_minor=0,
            currency="EUR",
            access_token=f"tok-{n}",
            purchased_at=NOW - timedelta(days=1),
            expires_at=expires_at,
        )
        session.add(sold)
        await session.flush()
        common = {"sold_package_id": sold.id, "quantity": quantity, "used": 0}
        items = [
            EntitlementRow(service_id=world.lesson_id, title="Private lesson", **common),
            EntitlementRow(series_id=world.yoga_id, title="Morning yoga", **common),
        ]
        session.add_all(items)
        if held:
            session.add(
                SoldPackageHolderRow(sold_package_id=sold.id, user_id=holder, added_at=NOW)
            )
        await session.flush()
        access = ByHolder(holder, sold.id)
        result = Sold(sold.id, sold.access_token, items[0].id, items[1].id, access)
        await session.commit()
        return result


async def offered(make_uow: MakeUow, sold: Sold, now: datetime = NOW) -> list[datetime]:
    """The free lesson times the package's holder is offered (`slots_for`)."""
    holder = sold.holder
    found = await slots_for(make_uow(), holder.user_id, holder.sold_package_id, sold.lesson, now)
    return found.starts


async def _package_id(session: AsyncSession, world: World) -> int:
    """The package template the sold packages came from (created with the first sale)."""
    existing = await session.scalar(select(PackageRow.id).limit(1))
    if existing is not None:
        return existing
    row = PackageRow(
        coach_id=ANNA, public_id="tmpl", title="Template", description="", price_minor=0,
        currency="EUR", hidden=False, validity_days=None, created_at=NOW,
    )  # fmt: skip
    session.add(row)
    await session.flush()
    return row.id


async def used(engine: AsyncEngine, entitlement_id: int) -> int:
    async with session_factory(engine)() as session:
        row = await session.get(EntitlementRow, entitlement_id)
        assert row is not None
        return row.used


async def active_bookings(engine: AsyncEngine) -> int:
    async with session_factory(engine)() as session:
        stmt = select(func.count()).where(SessionBookingRow.status == "booked")
        return await session.scalar(stmt) or 0
