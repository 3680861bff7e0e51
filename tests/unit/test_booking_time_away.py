"""Time away and pausing on the in-memory ports: the preview changes nothing and refuses bad
dates; declaring adds the days off and extends each active time-limited package once, on the
coach's wall clock; paused and open-ended packages are left alone; pausing and resuming."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from domain.booking.time_away import declare_absence, plan_absence
from domain.errors import InvalidInput, NotFound
from domain.model import Plan
from domain.selling.model import EventKind, SoldStatus
from domain.selling.pausing import CannotPause, pause_package, resume_package
from domain.selling.payments import Payment, record_payment
from domain.selling.purchases import Sale, start_invoice
from domain.selling.tokens import invoice_payload
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.fakes import seed_coach
from tests.unit.selling_shop import CLIENT, COACH, NOW, OTHER_COACH, Shop
from tests.unit.worded import refused

AWAY_FIRST, AWAY_LAST = date(2026, 12, 1), date(2026, 12, 3)


def shop_in(zone: str = "UTC") -> Shop:
    shop = Shop()
    shop.uow = BookingFakeUnitOfWork()
    seed_coach(shop.uow, COACH, Plan.GROWTH, timezone=zone)
    seed_coach(shop.uow, OTHER_COACH, Plan.GROWTH)
    return shop


async def _sold(shop: Shop, validity: str | None, charge: str) -> int:
    """A Stars package bought by the client (each with its own invoice)."""
    package = await shop.package("150", "XTR", validity)
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, charge, False, NOW)
    assert pending is not None
    payload = invoice_payload(pending.key)
    sale = await record_payment(
        shop.uow, CLIENT, "Cleo", Payment(payload, 150, "XTR", charge, ""), NOW
    )
    assert isinstance(sale, Sale)
    return sale.sold.stored_id


async def _expiry(shop: Shop, sold_id: int) -> datetime | None:
    sold = await shop.uow.sold.get(sold_id)
    assert sold is not None
    return sold.expires_at


async def test_the_preview_changes_nothing_and_bad_dates_are_refused() -> None:
    shop = shop_in()
    limited = await _sold(shop, "30", "c1")
    plan = await plan_absence(shop.uow, COACH, "1.12.2026 - 3.12.2026", NOW)
    assert (plan.days, plan.packages, plan.sessions) == (3, 1, ())
    assert await _expiry(shop, limited) == NOW + timedelta(days=30)
    with refused("the last day comes before the first"):
        await plan_absence(shop.uow, COACH, "3.12.2026 - 1.12.2026", NOW)
    with refused("already over"):
        await plan_absence(shop.uow, COACH, "1.1.2020", NOW)
    with pytest.raises(InvalidInput):
        await plan_absence(shop.uow, COACH, "next week", NOW)


async def test_declaring_extends_each_active_time_limited_package_once() -> None:
    shop = shop_in("Europe/Berlin")
    limited = await _sold(shop, "30", "c1")
    open_ended = await _sold(shop, None, "c2")
    paused = await _sold(shop, "30", "c3")
    await pause_package(shop.uow, COACH, paused, NOW)

    away = await declare_absence(shop.uow, COACH, AWAY_FIRST, AWAY_LAST, NOW)
    assert away.new and [e.sold.id for e in away.extended] == [limited]
    assert [r.user_id for r in away.extended[0].readers] == [CLIENT]
    assert await _expiry(shop, limited) == NOW + timedelta(days=33)
    assert await _expiry(shop, open_ended) is None
    assert await _expiry(shop, paused) == NOW + timedelta(days=30)
    availability = await shop.uow.availability.get(COACH)
    assert availability.is_day_off(AWAY_FIRST) and availability.is_day_off(AWAY_LAST)
    events = await shop.uow.sold.events(limited)
    assert events[-1].kind is EventKind.ABSENCE

    again = await declare_absence(shop.uow, COACH, AWAY_FIRST, AWAY_LAST, NOW)
    assert not again.new and again.extended == ()
    assert await _expiry(shop, limited) == NOW + timedelta(days=33)


async def test_pausing_stops_the_clock_and_resuming_adds_the_paused_time() -> None:
    shop = shop_in()
    limited = await _sold(shop, "30", "c1")
    paused = await pause_package(shop.uow, COACH, limited, NOW)
    assert paused.changed and paused.view.status is SoldStatus.PAUSED
    assert [r.user_id for r in paused.readers] == [CLIENT]
    assert not (await pause_package(shop.uow, COACH, limited, NOW)).changed
    later = NOW + timedelta(days=40)  # past the old expiry: paused, not expired
    resumed = await resume_package(shop.uow, COACH, limited, later)
    assert resumed.changed and resumed.view.status is SoldStatus.ACTIVE
    assert resumed.view.sold.expires_at == NOW + timedelta(days=70)
    assert not (await resume_package(shop.uow, COACH, limited, later)).changed


async def test_only_an_active_package_with_an_expiry_is_paused_and_only_by_its_coach() -> None:
    shop = shop_in()
    open_ended = await _sold(shop, None, "c1")
    with pytest.raises(CannotPause) as no_clock:
        await pause_package(shop.uow, COACH, open_ended, NOW)
    assert no_clock.value.code == "no_expiry"
    limited = await _sold(shop, "30", "c2")
    with pytest.raises(CannotPause) as over:
        await pause_package(shop.uow, COACH, limited, NOW + timedelta(days=31))
    assert over.value.code == "not_active"
    with pytest.raises(NotFound):
        await pause_package(shop.uow, OTHER_COACH, limited, NOW)
