"""Refunds (rule 20) on the in-memory ports: only a paid package, Stars through Telegram
with the stored charge id and the payer, a card refund only recorded; a refusal changes
nothing and leaves the refund possible; once refunded, never again."""

from __future__ import annotations

import pytest

from domain.errors import NotFound
from domain.selling.model import EventKind, SaleKind, SoldStatus
from domain.selling.refunds import AlreadyRefunded, RefundRefused, refund_sold
from tests.unit.selling_shop import CLIENT, COACH, NOW, OTHER_COACH, Shop


class Telegram:
    def __init__(self, error: RefundRefused | None = None) -> None:
        self.calls: list[tuple[int, str]] = []
        self.error = error

    async def __call__(self, payer_id: int, charge_id: str) -> None:
        self.calls.append((payer_id, charge_id))
        if self.error is not None:
            raise self.error


async def _sold_id(shop: Shop, price: str, currency: str) -> int:
    sale = await shop.paid(await shop.package(price, currency, "30"), charge="stx-1")
    assert sale is not None
    return sale.sold.stored_id


async def test_stars_are_refunded_to_the_payer_with_the_stored_charge() -> None:
    shop = Shop()
    sold_id = await _sold_id(shop, "150", "XTR")
    telegram = Telegram()
    done = await refund_sold(lambda: shop.uow, COACH, sold_id, NOW, telegram)
    assert telegram.calls == [(CLIENT, "stx-1")]
    assert done.sold.status(NOW) is SoldStatus.REFUNDED and done.cancelled == ()
    assert [r.user_id for r in done.readers] == [CLIENT]
    events = [e.kind for e in await shop.uow.sold.events(sold_id)]
    assert events[-1] is EventKind.REFUNDED
    with pytest.raises(RefundRefused) as again:
        await refund_sold(lambda: shop.uow, COACH, sold_id, NOW, telegram)
    assert again.value.code == "already_refunded" and len(telegram.calls) == 1


async def test_a_card_refund_is_recorded_without_asking_telegram() -> None:
    shop = Shop()
    sold_id = await _sold_id(shop, "150", "XTR")
    shop.uow.sold.rows["sold"][sold_id].currency = "EUR"  # paid by card through a provider
    telegram = Telegram()
    done = await refund_sold(lambda: shop.uow, COACH, sold_id, NOW, telegram)
    assert telegram.calls == [] and done.sold.refunded_at == NOW


@pytest.mark.parametrize("error", [RefundRefused("telegram", "REFUND_TOO_OLD"), AlreadyRefunded()])
async def test_telegrams_refusal_changes_nothing(error: RefundRefused) -> None:
    shop = Shop()
    sold_id = await _sold_id(shop, "150", "XTR")
    with pytest.raises(RefundRefused):
        await refund_sold(lambda: shop.uow, COACH, sold_id, NOW, Telegram(error))
    sold = await shop.uow.sold.get(sold_id)
    assert sold is not None and sold.status(NOW) is SoldStatus.ACTIVE
    assert sold.refund_claimed_at is None  # asked again later, it may go through
    await refund_sold(lambda: shop.uow, COACH, sold_id, NOW, Telegram())


async def test_a_free_package_is_not_refunded_and_another_coach_finds_nothing() -> None:
    shop = Shop()
    sale = await shop.paid(await shop.package("150", "XTR"), charge="stx-2")
    assert sale is not None
    with pytest.raises(NotFound):
        await refund_sold(lambda: shop.uow, OTHER_COACH, sale.sold.stored_id, NOW, Telegram())
    shop.uow.sold.rows["sold"][sale.sold.stored_id].kind = SaleKind.FREE
    with pytest.raises(RefundRefused) as refused:
        await refund_sold(lambda: shop.uow, COACH, sale.sold.stored_id, NOW, Telegram())
    assert refused.value.code == "not_paid"
