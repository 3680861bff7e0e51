"""One coach in Berlin with a lesson and a yoga series, and three sold packages
(`token-1`..`token-3`, entitlements 11/12, 21/22, 31/32), each held by its client
(101..103), for the booking use-case tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.booking.access import ByHolder, view_package
from domain.catalog.model import ItemKind, Series, Service
from domain.selling.model import SoldPackage
from tests.unit.booking_fakes import BookingFakeUnitOfWork, a_sold_package, an_item
from tests.unit.booking_support import every_day
from tests.unit.fakes import seed_coach

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 09:00 in Berlin
TUESDAY_9 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 09:00 Berlin: the first free slot
COACH, LESSON, YOGA = 7, 1, 1


def scenario(
    quantity: int = 3, seats: int = 2, expires_at: datetime | None = None
) -> BookingFakeUnitOfWork:
    uow = BookingFakeUnitOfWork()
    seed_coach(uow, COACH, timezone="Europe/Berlin")
    uow.availability.rows[COACH] = replace(every_day("09:00-17:00"), coach_id=COACH)
    uow.services.rows[LESSON] = Service(LESSON, COACH, "Lesson", "", 60)
    uow.series.rows[YOGA] = Series(YOGA, COACH, "Yoga", "", capacity=seats, duration_minutes=60)
    uow.occurrences.add(YOGA, datetime(2026, 12, 3, 17, 0, tzinfo=UTC))
    uow.occurrences.add(YOGA, datetime(2026, 11, 29, 17, 0, tzinfo=UTC))  # already past
    for sold_id in (1, 2, 3):
        items = [
            an_item(10 * sold_id + 1, ItemKind.SERVICE, LESSON, quantity),
            an_item(10 * sold_id + 2, ItemKind.SERIES, YOGA, quantity),
        ]
        sold = a_sold_package(sold_id, COACH, 100 + sold_id, "Starter", items, expires_at)
        uow.bookings.sell(sold, f"token-{sold_id}")
        uow.sold.rows["holders"][(sold_id, 100 + sold_id)] = NOW
    return uow


def by(sold_id: int = 1) -> ByHolder:
    """The package's client, on its holder list, acting from the package's view."""
    return ByHolder(100 + sold_id, sold_id)


async def package(uow: BookingFakeUnitOfWork, sold_id: int = 1) -> SoldPackage:
    return await view_package(uow, by(sold_id))


async def left(uow: BookingFakeUnitOfWork, entitlement_id: int, sold_id: int = 1) -> int:
    item = (await package(uow, sold_id)).item(entitlement_id)
    assert item is not None
    return item.left
