"""Selling use cases raced on the real databases: whatever arrives at once, once is once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from domain.accounts import CoachPolicy, greet
from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package
from domain.catalog.services import ServiceDraft, create_service
from domain.selling.access import my_packages
from domain.selling.desk import change_expiry, sold_desk
from domain.selling.extend_requests import ASK_AGAIN_AFTER, Asked, ask_to_extend
from domain.selling.model import SoldFilter
from domain.selling.payments import (
    Flagged,
    Payment,
    record_payment,
    unrecorded_charges,
)
from domain.selling.purchases import buy_free, start_invoice
from domain.selling.tokens import invoice_payload
from tests.integration.catalog_seed import NOW, MakeUow

COACH, CLIENT = 1, 2


async def _package(make_uow: MakeUow, price: str) -> Package:
    await greet(make_uow(), COACH, "Anna", CoachPolicy(coach_ids=frozenset({COACH})), NOW)
    await greet(make_uow(), CLIENT, "Cleo", CoachPolicy(), NOW)
    service = await create_service(make_uow(), COACH, ServiceDraft("Yoga", "", 60))
    assert service.id is not None
    draft = PackageDraft()
    draft_set_title(draft, "Five")
    draft_add_item(draft, ItemKind.SERVICE, service.id, "5")
    draft_set_price(draft, price, "XTR")
    return await create_package(make_uow(), COACH, draft, NOW)


async def test_one_payment_delivered_three_times_at_once_sells_once(make_uow: MakeUow) -> None:
    package = await _package(make_uow, "150")
    pending = await start_invoice(make_uow(), CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    payment = Payment(invoice_payload(pending.key), 150, "XTR", "tg-charge-1", "")
    sales = await asyncio.gather(
        *(record_payment(make_uow(), CLIENT, "Cleo", payment, NOW) for _ in range(3))
    )
    assert sum(sale is not None for sale in sales) == 1
    page, _ = await my_packages(make_uow(), CLIENT, 1, 10, NOW)
    assert page.total == 1 and page.items[0].sold.charge_id == "tg-charge-1"


async def test_a_short_payment_delivered_three_times_at_once_is_flagged_once_never_sold(
    make_uow: MakeUow,
) -> None:
    package = await _package(make_uow, "150")
    pending = await start_invoice(make_uow(), CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    payment = Payment(invoice_payload(pending.key), 1, "XTR", "tg-short", "")
    outcomes = await asyncio.gather(
        *(record_payment(make_uow(), CLIENT, "Cleo", payment, NOW) for _ in range(3))
    )
    assert [type(o) for o in outcomes if o is not None] == [Flagged]
    desk = await sold_desk(make_uow(), COACH, SoldFilter.ALL, 1, 10, NOW)
    attention = desk.attention
    assert (
        attention is not None
        and attention.total == 1
        and attention.newest[0].charge_id == "tg-short"
    )
    assert (attention.newest[0].paid_minor, attention.newest[0].expected_minor) == (1, 150)
    page, _ = await my_packages(make_uow(), CLIENT, 1, 10, NOW)
    assert page.total == 0
    unknown = await unrecorded_charges(make_uow(), ["tg-short", "tg-new"])
    assert unknown == {"tg-new"}


async def test_get_it_pressed_three_times_at_once_sells_once(make_uow: MakeUow) -> None:
    package = await _package(make_uow, "0")
    sales = await asyncio.gather(
        *(buy_free(make_uow(), CLIENT, "Cleo", package.public_id, "2:7", NOW) for _ in range(3))
    )
    assert sum(sale is not None for sale in sales) == 1
    page, _ = await my_packages(make_uow(), CLIENT, 1, 10, NOW)
    assert page.total == 1


async def test_asking_to_extend_five_times_at_once_tells_the_coach_once(
    make_uow: MakeUow,
) -> None:
    package = await _package(make_uow, "0")
    sale = await buy_free(make_uow(), CLIENT, "Cleo", package.public_id, "x:1", NOW)
    assert sale is not None and sale.sold.id is not None
    sold_id = sale.sold.id
    await change_expiry(make_uow(), COACH, sold_id, NOW + timedelta(days=10), NOW)
    asks = await asyncio.gather(
        *(ask_to_extend(make_uow(), CLIENT, sold_id, NOW) for _ in range(5))
    )
    assert sorted(ask.outcome for ask in asks) == [Asked.ALREADY] * 4 + [Asked.NEW]
    moved = NOW + timedelta(days=17)
    await change_expiry(make_uow(), COACH, sold_id, moved, NOW)
    asks = await asyncio.gather(
        *(ask_to_extend(make_uow(), CLIENT, sold_id, NOW + timedelta(minutes=1)) for _ in range(3))
    )
    assert sorted(ask.outcome for ask in asks) == [Asked.ALREADY] * 2 + [Asked.NEW]
    later = NOW + ASK_AGAIN_AFTER + timedelta(minutes=1)
    assert (await ask_to_extend(make_uow(), CLIENT, sold_id, later)).outcome is Asked.NEW
