"""Access links, /mypackages and the coach desk on the in-memory ports."""

from datetime import datetime, timedelta

import pytest

from domain.accounts import set_timezone
from domain.booking.holder import open_package, package_screen
from domain.errors import NotFound
from domain.selling.access import my_packages
from domain.selling.desk import (
    change_expiry,
    fingerprint,
    revoke_link,
    sold_desk,
    sold_history,
    sold_package,
)
from domain.selling.model import EventKind, SoldFilter, SoldStatus
from domain.selling.purchases import (
    buy_free,
    grant,
)
from tests.unit.selling_shop import CLIENT, COACH, FRIEND, NOW, OTHER_COACH, Shop


async def test_link_opened_from_another_account_shows_the_same_and_lists_it() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None
    shop.uow.sold.use(sale.sold.id, 0, 2)  # type: ignore[arg-type]
    view = (await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)).view
    assert view.sold.items[0].left == 3 and view.status is SoldStatus.ACTIVE
    assert not view.for_coach and view.zone == "Europe/Berlin"  # the coach's: Finn has none
    mine, _ = await my_packages(shop.uow, FRIEND, 1, 5, NOW)
    assert [line.sold.id for line in mine.items] == [sale.sold.id]
    sold_id = sale.sold.stored_id
    assert (await package_screen(shop.uow, FRIEND, sold_id, NOW)).view.sold.id == sold_id
    with pytest.raises(NotFound):
        await package_screen(shop.uow, OTHER_COACH, sold_id, NOW)


async def test_granted_package_belongs_to_its_first_holder_not_the_coach() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await grant(shop.uow, COACH, package.id, "", "g", NOW)  # type: ignore[arg-type]
    assert sale is not None
    coach_view = (await open_package(shop.uow, COACH, "C", sale.sold.access_token, NOW)).view
    assert coach_view.for_coach and coach_view.sold.client_id is None
    await open_package(shop.uow, CLIENT, "Cleo", sale.sold.access_token, NOW)
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)
    stored = await shop.uow.sold.get(sale.sold.id)  # type: ignore[arg-type]
    assert stored is not None and stored.client_id == CLIENT


@pytest.mark.parametrize("token", ["", "short", "a" * 42, "a" * 44, "!" * 43])
async def test_malformed_tokens_are_refused_without_a_lookup(token: str) -> None:
    shop = Shop()
    with pytest.raises(NotFound):
        await open_package(shop.uow, CLIENT, "Cleo", token, NOW)
    assert shop.uow.users.rows.get(CLIENT) is None  # nothing was even registered


async def test_status_follows_expiry_and_usage() -> None:
    shop = Shop()
    package = await shop.package(validity="5")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    token = sale.sold.access_token
    later = NOW + timedelta(days=5)
    assert (
        await open_package(shop.uow, CLIENT, "C", token, later)
    ).view.status is SoldStatus.EXPIRED
    shop.uow.sold.use(sale.sold.id, 0, 5)
    assert (
        await open_package(shop.uow, CLIENT, "C", token, NOW)
    ).view.status is SoldStatus.USED_UP


async def test_coach_changes_the_expiry_and_holders_are_to_be_told() -> None:
    shop = Shop()
    package = await shop.package(validity="5")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    sold_id = sale.sold.id
    new = NOW + timedelta(days=40)
    change = await change_expiry(shop.uow, COACH, sold_id, new, NOW)
    assert change.changed and change.notify == [CLIENT] and change.sold.expires_at == new
    twice = await change_expiry(shop.uow, COACH, sold_id, new, NOW)
    assert not twice.changed and twice.notify == []
    removed = await change_expiry(shop.uow, COACH, sold_id, None, NOW)
    assert removed.changed and removed.sold.expires_at is None
    with pytest.raises(NotFound):
        await change_expiry(shop.uow, OTHER_COACH, sold_id, None, NOW)
    events = (await sold_history(shop.uow, COACH, sold_id)).events
    assert [(e.kind, e.expires_at) for e in events] == [
        (EventKind.PURCHASED, None),
        (EventKind.EXPIRY_CHANGED, new),
        (EventKind.EXPIRY_CHANGED, None),
    ]


async def test_expiry_change_brings_the_coachs_view_and_each_holder_in_their_zone() -> None:
    shop = Shop()
    package = await shop.package(validity="5")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    await set_timezone(shop.uow, CLIENT, "Cleo", "Asia/Tokyo")
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)
    new = NOW + timedelta(days=40)
    change = await change_expiry(shop.uow, COACH, sale.sold.id, new, NOW)
    told = {r.user_id: r.zone for r in change.readers}
    assert told == {CLIENT: "Asia/Tokyo", FRIEND: "Europe/Berlin"}  # Finn has none: the coach's
    assert sorted(change.notify) == sorted(told)
    view = change.view
    assert view.for_coach and view.zone == "Europe/Berlin" and view.sold.expires_at == new
    assert sorted(h.user_id for h in view.holders) == sorted([CLIENT, FRIEND])
    again = await change_expiry(shop.uow, COACH, sale.sold.id, new, NOW)
    assert again.readers == () and again.view.sold.expires_at == new


async def test_revoking_kills_the_old_token_once_and_takes_it_from_every_holder() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    old = sale.sold.access_token
    await open_package(shop.uow, FRIEND, "Finn", old, NOW)
    print_ = fingerprint(sale.sold)
    change = await revoke_link(shop.uow, COACH, sale.sold.id, print_, NOW)
    assert change.changed and change.sold.access_token != old
    assert change.notify == [CLIENT] and change.sold.client_id == CLIENT  # the buyer stays
    again = await revoke_link(shop.uow, COACH, sale.sold.id, print_, NOW)
    assert not again.changed and again.sold.access_token == change.sold.access_token
    assert again.notify == []
    with pytest.raises(NotFound):
        await open_package(shop.uow, FRIEND, "Finn", old, NOW)
    assert await shop.uow.sold.count_held(FRIEND) == 0
    assert await shop.uow.sold.count_held(CLIENT) == 0
    with pytest.raises(NotFound):
        await package_screen(shop.uow, CLIENT, sale.sold.id, NOW)
    await open_package(shop.uow, CLIENT, "Cleo", change.sold.access_token, NOW)
    assert await shop.uow.sold.count_held(CLIENT) == 1


async def test_revoking_a_grant_leaves_it_to_the_next_to_open_the_new_link() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await grant(shop.uow, COACH, package.id, "", "g", NOW)  # type: ignore[arg-type]
    assert sale is not None and sale.sold.id is not None
    await open_package(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)  # a leak
    await open_package(shop.uow, CLIENT, "Cleo", sale.sold.access_token, NOW)
    assert (await sold_package(shop.uow, COACH, sale.sold.id, NOW)).sold.client_id == FRIEND
    change = await revoke_link(shop.uow, COACH, sale.sold.id, fingerprint(sale.sold), NOW)
    assert change.changed and change.sold.client_id is None and change.notify == []
    assert (await sold_package(shop.uow, COACH, sale.sold.id, NOW)).holders == ()
    await open_package(shop.uow, CLIENT, "Cleo", change.sold.access_token, NOW)
    view = await sold_package(shop.uow, COACH, sale.sold.id, NOW)
    assert view.sold.client_id == CLIENT and [h.name for h in view.holders] == ["Cleo"]


async def test_desk_filters_and_scopes_to_the_coach() -> None:
    shop = Shop()
    short = await shop.package(validity="3")
    long = await shop.package(validity="300")
    forever = await shop.package()
    for n, package in enumerate((short, long, forever)):
        await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, f"r{n}", NOW)
    used = await buy_free(shop.uow, CLIENT, "Cleo", forever.public_id, "r9", NOW)
    assert used is not None and used.sold.id is not None
    shop.uow.sold.use(used.sold.id, 0, 5)

    async def titles(which: SoldFilter, now: datetime = NOW) -> list[int]:
        desk = await sold_desk(shop.uow, COACH, which, 1, 10, now)
        return [line.sold.id for line in desk.page.items]  # type: ignore[misc]

    assert await titles(SoldFilter.ALL) == [4, 3, 2, 1]
    assert await titles(SoldFilter.ACTIVE) == [3, 2, 1]
    assert await titles(SoldFilter.EXPIRING) == [1]
    assert await titles(SoldFilter.EXPIRED, NOW + timedelta(days=4)) == [1]
    assert await titles(SoldFilter.USED_UP) == [4]
    assert (await sold_desk(shop.uow, OTHER_COACH, SoldFilter.ALL, 1, 10, NOW)).page.total == 0
    with pytest.raises(NotFound):
        await sold_package(shop.uow, OTHER_COACH, 1, NOW)
