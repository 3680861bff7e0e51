"""Transfers on the in-memory ports: the client or the coach, nobody else; a new token,
the old holders gone, no client until the new link is opened; a stale question changes
nothing; only an active package."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.booking.holder import open_package
from domain.errors import NotFound
from domain.selling.model import EventKind
from domain.selling.transfers import NothingToTransfer, transfer_package, transfer_question
from tests.unit.selling_shop import CLIENT, COACH, FRIEND, NOW, Shop


async def _sold(shop: Shop, validity: str | None = None) -> int:
    sale = await shop.paid(await shop.package("150", "XTR", validity))
    assert sale is not None
    return sale.sold.stored_id


async def test_the_client_transfers_and_the_next_to_open_the_new_link_is_the_client() -> None:
    shop = Shop()
    sold_id = await _sold(shop)
    before, fingerprint = await transfer_question(shop.uow, CLIENT, sold_id, NOW)
    done = await transfer_package(shop.uow, CLIENT, sold_id, fingerprint, NOW)
    assert done.changed and not done.by_coach
    assert [r.user_id for r in done.tell] == [COACH]
    assert done.sold.access_token != before.access_token and done.sold.client_id is None
    assert await shop.uow.sold.holders(sold_id) == []
    events = await shop.uow.sold.events(sold_id)
    assert events[-1].kind is EventKind.TRANSFERRED and events[-1].note == "by the client"
    with pytest.raises(NotFound):
        await open_package(shop.uow, CLIENT, "Cleo", before.access_token, NOW)
    await open_package(shop.uow, FRIEND, "Finn", done.sold.access_token, NOW)
    assert (await shop.uow.sold.get(sold_id)).client_id == FRIEND  # type: ignore[union-attr]

    with pytest.raises(NotFound):  # Cleo no longer holds it: a second press finds nothing
        await transfer_package(shop.uow, CLIENT, sold_id, fingerprint, NOW)


async def test_the_coach_transfers_and_the_client_is_told() -> None:
    shop = Shop()
    sold_id = await _sold(shop)
    _, fingerprint = await transfer_question(shop.uow, COACH, sold_id, NOW)
    done = await transfer_package(shop.uow, COACH, sold_id, fingerprint, NOW)
    assert done.by_coach and [r.user_id for r in done.tell] == [CLIENT]
    stale = await transfer_package(shop.uow, COACH, sold_id, fingerprint, NOW)
    assert not stale.changed and stale.sold.access_token == done.sold.access_token


async def test_a_stranger_finds_nothing_and_an_expired_package_stays() -> None:
    shop = Shop()
    sold_id = await _sold(shop, "30")
    with pytest.raises(NotFound):
        await transfer_question(shop.uow, FRIEND, sold_id, NOW)
    later = NOW + timedelta(days=31)
    with pytest.raises(NothingToTransfer):
        await transfer_question(shop.uow, CLIENT, sold_id, later)
    sold = await shop.uow.sold.get(sold_id)
    assert sold is not None
    with pytest.raises(NothingToTransfer):
        await transfer_package(shop.uow, CLIENT, sold_id, sold.access_token[:8], later)
