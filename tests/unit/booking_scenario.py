"""One coach in Berlin with a lesson and a yoga series, and three sold packages
(`token-1`..`token-3`, entitlements 11/12, 21/22, 31/32), each held by its client
(101..103), for the booking use-case tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.booking.access import ByHolder
from domain.booking.holder import package_screen, slots_for
from domain.booking.model import SessionBooking
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
        uow.bookings.sell(sold)
        uow.sold.rows["holders"][(sold_id, 100 + sold_id)] = NOW
    return uow


def by(sold_id: int = 1) -> ByHolder:
    """The package's client, on its holder list, acting from the package's view."""
    return ByHolder(100 + sold_id, sold_id)


async def package(uow: BookingFakeUnitOfWork, sold_id: int = 1) -> SoldPackage:
    """The package as its client sees it on its screen (`package_screen`)."""
    holder = by(sold_id)
    return (await package_screen(uow, holder.user_id, holder.sold_package_id, NOW)).view.sold


async def upcoming(uow: BookingFakeUnitOfWork, sold_id: int = 1) -> list[SessionBooking]:
    """The sessions to come its client sees on the package's screen."""
    holder = by(sold_id)
    screen = await package_screen(uow, holder.user_id, holder.sold_package_id, NOW)
    return list(screen.upcoming)


async def slots(
    uow: BookingFakeUnitOfWork, entitlement_id: int, sold_id: int = 1
) -> list[datetime]:
    """The free times its client is offered for a 1:1 item (`slots_for`)."""
    holder = by(sold_id)
    offered = await slots_for(uow, holder.user_id, holder.sold_package_id, entitlement_id, NOW)
    return offered.starts


async def left(uow: BookingFakeUnitOfWork, entitlement_id: int, sold_id: int = 1) -> int:
    item = (await package(uow, sold_id)).item(entitlement_id)
    assert item is not None
    return item.left
