"""The coach's desk lists who holds a sold package's link and removes one of them."""

from datetime import timedelta

import pytest

from domain.booking.holder import open_package, package_screen
from domain.errors import NotFound
from domain.selling.access import my_packages
from domain.selling.desk import sold_history, sold_package
from domain.selling.holders import link_holder, remove_holder
from domain.selling.model import EventKind
from domain.selling.purchases import buy_free, grant
from tests.unit.selling_shop import CLIENT, COACH, FRIEND, NOW, OTHER_COACH, Shop


async def test_the_desk_names_each_holder_with_when_they_first_opened_it() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    later = NOW + timedelta(hours=3)
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, later)
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, later + later.resolution)
    await open_package(shop.uow, COACH, "Anna", sale.sold.access_token, later)  # not a holder
    view = await sold_package(shop.uow, COACH, sale.sold.id, NOW)
    assert [(h.user_id, h.name, h.since) for h in view.holders] == [
        (CLIENT, "Cleo", NOW),
        (FRIEND, "Finn", later),
    ]


async def test_a_removed_holder_loses_the_package_once_and_the_coach_keeps_it() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    sold_id = sale.sold.id
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)
    _, holder = await link_holder(shop.uow, COACH, sold_id, FRIEND, NOW)
    assert holder is not None and holder.name == "Finn"
    removal = await remove_holder(shop.uow, COACH, sold_id, FRIEND, NOW)
    assert removal.removed and removal.name == "Finn"
    again = await remove_holder(shop.uow, COACH, sold_id, FRIEND, NOW)
    assert not again.removed
    assert (await link_holder(shop.uow, COACH, sold_id, FRIEND, NOW))[1] is None
    with pytest.raises(NotFound):
        await package_screen(shop.uow, FRIEND, sold_id, NOW)
    assert (await my_packages(shop.uow, FRIEND, 1, 5, NOW))[0].total == 0
    assert (await package_screen(shop.uow, COACH, sold_id, NOW)).view.for_coach
    client_sees = (await package_screen(shop.uow, CLIENT, sold_id, NOW)).view
    assert client_sees.sold.client_id == CLIENT
    events = (await sold_history(shop.uow, COACH, sold_id)).events
    assert [(e.kind, e.note) for e in events][-1] == (EventKind.HOLDER_REMOVED, "Finn")
    assert len(events) == 2
    with pytest.raises(NotFound):
        await remove_holder(shop.uow, OTHER_COACH, sold_id, CLIENT, NOW)
    assert (await package_screen(shop.uow, CLIENT, sold_id, NOW)).view.sold.id == sold_id


async def test_removing_a_grants_client_hands_it_to_the_next_holder() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await grant(shop.uow, COACH, package.id, "", "g", NOW)  # type: ignore[arg-type]
    assert sale is not None and sale.sold.id is not None
    sold_id, token = sale.sold.id, sale.sold.access_token
    await open_package(shop.uow, FRIEND, "Finn", token, NOW)  # the stranger was first
    await open_package(shop.uow, CLIENT, "Cleo", token, NOW + timedelta(minutes=1))
    await remove_holder(shop.uow, COACH, sold_id, FRIEND, NOW)
    view = await sold_package(shop.uow, COACH, sold_id, NOW)
    assert view.sold.client_id == CLIENT and [h.user_id for h in view.holders] == [CLIENT]
    await remove_holder(shop.uow, COACH, sold_id, CLIENT, NOW)
    assert (await sold_package(shop.uow, COACH, sold_id, NOW)).sold.client_id is None
    await open_package(shop.uow, FRIEND, "Finn", token, NOW)  # the link itself still works
    assert (await sold_package(shop.uow, COACH, sold_id, NOW)).sold.client_id == FRIEND
