"""A holder asks the coach to extend a sold package: once a day per expiry, holders only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.booking.holder import open_package
from domain.errors import NotFound
from domain.selling.desk import change_expiry
from domain.selling.extend_requests import ASK_AGAIN_AFTER, Asked, ask_to_extend
from domain.selling.model import SoldPackage
from domain.selling.purchases import buy_free
from tests.unit.selling_shop import CLIENT, COACH, FRIEND, NOW, OTHER_COACH, Shop

EXPIRES = NOW + timedelta(days=30)


async def sold_month(shop: Shop) -> SoldPackage:
    package = await shop.package(validity="30")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.expires_at == EXPIRES
    return sale.sold


async def test_the_first_ask_is_new_and_offers_a_week_or_a_month_more() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    ask = await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW)
    assert ask.outcome is Asked.NEW
    assert (ask.asker_name, ask.coach_zone, ask.sessions_left) == ("Cleo", "Europe/Berlin", 5)
    assert ask.options == (
        (7, EXPIRES + timedelta(days=7)),
        (30, EXPIRES + timedelta(days=30)),
    )


async def test_asking_again_within_a_day_is_not_new_and_a_day_later_it_is() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW)
    later = NOW + ASK_AGAIN_AFTER - timedelta(seconds=1)
    assert (await ask_to_extend(shop.uow, CLIENT, sold.id or 0, later)).outcome is Asked.ALREADY
    await open_package(shop.uow, FRIEND, "Finn", sold.access_token, NOW)
    assert (await ask_to_extend(shop.uow, FRIEND, sold.id or 0, later)).outcome is Asked.ALREADY
    next_day = NOW + ASK_AGAIN_AFTER
    assert (await ask_to_extend(shop.uow, CLIENT, sold.id or 0, next_day)).outcome is Asked.NEW


async def test_after_the_coach_moves_the_expiry_the_new_date_may_be_asked_about() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW)
    await change_expiry(shop.uow, COACH, sold.id or 0, EXPIRES + timedelta(days=7), NOW)
    ask = await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW + timedelta(hours=1))
    assert ask.outcome is Asked.NEW and ask.sold.expires_at == EXPIRES + timedelta(days=7)


async def test_an_expired_package_is_extended_from_now() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    after = EXPIRES + timedelta(days=2)
    ask = await ask_to_extend(shop.uow, CLIENT, sold.id or 0, after)
    assert ask.outcome is Asked.NEW
    assert ask.options[0] == (7, after + timedelta(days=7))


async def test_nothing_left_or_no_expiry_means_nothing_to_extend_and_nothing_recorded() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    shop.uow.sold.use(sold.id or 0, 0, 5)
    ask = await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW)
    assert ask.outcome is Asked.NOTHING_TO_EXTEND
    shop.uow.sold.use(sold.id or 0, 0, 0)
    assert (await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW)).outcome is Asked.NEW
    await change_expiry(shop.uow, COACH, sold.id or 0, None, NOW)
    ask = await ask_to_extend(shop.uow, CLIENT, sold.id or 0, NOW + timedelta(days=2))
    assert ask.outcome is Asked.NOTHING_TO_EXTEND


async def test_only_a_holder_may_ask_anyone_else_finds_nothing() -> None:
    shop = Shop()
    sold = await sold_month(shop)
    for person in (FRIEND, COACH, OTHER_COACH):
        with pytest.raises(NotFound):
            await ask_to_extend(shop.uow, person, sold.id or 0, NOW)
    with pytest.raises(NotFound):
        await ask_to_extend(shop.uow, CLIENT, (sold.id or 0) + 1, NOW)
    assert shop.uow.sold.rows["asks"] == {}
