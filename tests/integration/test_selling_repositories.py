"""Sold packages and pending purchases on SQLite and PostgreSQL: snapshots, exactly-once
keys (really raced), conditional updates, holders, history and the desk's filters."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import ItemKind, Package
from domain.model import User
from domain.selling.model import (
    EventKind,
    PendingPurchase,
    SaleEvent,
    SaleKind,
    SoldFilter,
    SoldItem,
    SoldPackage,
)
from domain.selling.rules import snapshot
from domain.selling.tokens import new_access_token
from persistence.db import session_factory
from persistence.models import EntitlementRow, SoldPackageRow
from tests.integration.catalog_seed import (
    ANNA,
    BORIS,
    NOW,
    MakeUow,
    a_package,
    a_service,
    seed_coaches,
    service_item,
)

CLIENT = 30


@pytest.fixture(autouse=True)
async def seeded(make_uow: MakeUow) -> None:
    await seed_coaches(make_uow)
    async with make_uow() as uow:
        await uow.users.add(User(CLIENT, "Cleo"))
        await uow.commit()


async def _package(make_uow: MakeUow) -> Package:
    async with make_uow() as uow:
        lesson = await uow.services.add(a_service(title="Lesson"))
        package = await uow.packages.add(a_package([service_item(lesson.id, 5)]))
        await uow.commit()
    return package


def _sold(package: Package, **changes: object) -> SoldPackage:
    snap = snapshot(package)
    sold = SoldPackage(
        id=None,
        coach_id=package.coach_id,
        package_id=snap.package_id,
        client_id=CLIENT,
        kind=SaleKind.PAID,
        title=snap.title,
        description=snap.description,
        price_minor=snap.price_minor,
        currency=snap.currency,
        access_token=new_access_token(),
        purchased_at=NOW,
        expires_at=NOW + timedelta(days=30),
        items=list(snap.items),
    )
    return replace(sold, **changes)  # type: ignore[arg-type]


async def _add(make_uow: MakeUow, sold: SoldPackage) -> SoldPackage | None:
    async with make_uow() as uow:
        stored = await uow.sold.add(sold)
        await uow.commit()
    return stored


async def _count(engine: AsyncEngine, *where: object) -> int:
    async with session_factory(engine)() as session:
        stmt = select(func.count(SoldPackageRow.id)).where(*where)  # type: ignore[arg-type]
        return await session.scalar(stmt) or 0


async def test_sold_package_keeps_its_snapshot_and_is_found_by_token(make_uow: MakeUow) -> None:
    package = await _package(make_uow)
    stored = await _add(make_uow, _sold(package, charge_id="ch-1", note="cash"))
    assert stored is not None and stored.id is not None
    item = SoldItem(ItemKind.SERVICE, package.items[0].ref_id, "Lesson", 5, id=stored.items[0].id)
    assert stored.items == [item] and item.id is not None
    assert (stored.title, stored.price_minor, stored.client_name) == ("Starter", 5000, "Cleo")
    async with make_uow() as uow:
        found = await uow.sold.by_token(stored.access_token)
        assert found == stored
        assert await uow.sold.by_token(new_access_token()) is None


async def test_two_concurrent_inserts_of_one_charge_id_make_one_row(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    package = await _package(make_uow)
    first, second = (
        _sold(package, charge_id="tg-charge-1"),
        _sold(package, charge_id="tg-charge-1"),
    )
    results = await asyncio.gather(_add(make_uow, first), _add(make_uow, second))
    assert sorted(r is None for r in results) == [False, True]
    assert await _count(engine, SoldPackageRow.telegram_charge_id == "tg-charge-1") == 1
    async with session_factory(engine)() as session:
        assert await session.scalar(select(func.count(EntitlementRow.id))) == 1


async def test_two_concurrent_presses_of_one_button_make_one_row(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    package = await _package(make_uow)
    sales = [_sold(package, kind=SaleKind.FREE, request_key="2:2:7") for _ in range(3)]
    results = await asyncio.gather(*(_add(make_uow, s) for s in sales))
    assert sum(r is not None for r in results) == 1
    assert await _count(engine) == 1


async def test_a_pending_purchase_is_sent_once_per_button_and_keeps_its_snapshot(
    make_uow: MakeUow,
) -> None:
    package = await _package(make_uow)
    pending = PendingPurchase(None, "k" * 22, "2:2:9", CLIENT, snapshot(package), NOW)
    async with make_uow() as uow:
        stored = await uow.pending.add(pending)
        again = await uow.pending.add(replace(pending, key="j" * 22))
        await uow.commit()
    assert stored is not None and again is None
    async with make_uow() as uow:
        found = await uow.pending.by_key("k" * 22)
        assert await uow.pending.by_key("j" * 22) is None
    assert found is not None and found.snapshot == snapshot(package)


async def test_expiry_and_token_change_only_from_the_value_seen(make_uow: MakeUow) -> None:
    package = await _package(make_uow)
    stored = await _add(make_uow, _sold(package))
    assert stored is not None and stored.id is not None
    later = NOW + timedelta(days=60)
    async with make_uow() as uow:
        assert await uow.sold.set_expiry(stored.id, stored.expires_at, later)
        assert not await uow.sold.set_expiry(stored.id, stored.expires_at, None)
        assert await uow.sold.set_expiry(stored.id, later, None)
        assert await uow.sold.set_expiry(stored.id, None, later)
        new = new_access_token()
        assert await uow.sold.replace_token(stored.id, stored.access_token, new)
        assert not await uow.sold.replace_token(stored.id, stored.access_token, "x" * 43)
        await uow.commit()
    async with make_uow() as uow:
        found = await uow.sold.get(stored.id)
        assert await uow.sold.by_token(stored.access_token) is None
    assert found is not None and (found.expires_at, found.access_token) == (later, new)


async def test_holders_history_and_claiming_a_grant(make_uow: MakeUow) -> None:
    package = await _package(make_uow)
    stored = await _add(make_uow, _sold(package, client_id=None, kind=SaleKind.GRANT))
    assert stored is not None and stored.id is not None
    async with make_uow() as uow:
        await uow.sold.claim_client(stored.id, CLIENT)
        await uow.sold.claim_client(stored.id, BORIS)
        for user, at in (
            (CLIENT, NOW),
            (BORIS, NOW - timedelta(hours=1)),
            (CLIENT, NOW + timedelta(hours=1)),
        ):
            await uow.sold.add_holder(stored.id, user, at)
        await uow.sold.add_event(SaleEvent(stored.id, EventKind.GRANTED, NOW, note="cash"))
        await uow.sold.add_event(SaleEvent(stored.id, EventKind.EXPIRY_CHANGED, NOW, NOW))
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.sold.holders(stored.id) == [BORIS, CLIENT]
        assert [s.id for s in await uow.sold.list_held(BORIS, 0, 5)] == [stored.id]
        named = [(h.user_id, h.name, h.since) for h in await uow.sold.holder_list(stored.id)]
        assert named == [(BORIS, "Boris", NOW - timedelta(hours=1)), (CLIENT, "Cleo", NOW)]
        assert await uow.sold.remove_holder(stored.id, BORIS)
        assert not await uow.sold.remove_holder(stored.id, BORIS)
        assert await uow.sold.holders(stored.id) == [CLIENT]
        assert not await uow.sold.is_holder(stored.id, BORIS)
        assert not await uow.sold.replace_client(stored.id, BORIS, None)
        assert await uow.sold.replace_client(stored.id, CLIENT, None)
        assert (await uow.sold.get(stored.id)).client_id is None  # type: ignore[union-attr]
        await uow.sold.drop_holders(stored.id)
        assert await uow.sold.holders(stored.id) == []
        events = await uow.sold.events(stored.id)
    assert [(e.kind, e.note, e.expires_at) for e in events] == [
        (EventKind.GRANTED, "cash", None),
        (EventKind.EXPIRY_CHANGED, "", NOW),
    ]


async def test_desk_filters_match_the_status_rule(make_uow: MakeUow, engine: AsyncEngine) -> None:
    package = await _package(make_uow)
    specs = {
        "soon": NOW + timedelta(days=3),
        "later": NOW + timedelta(days=30),
        "gone": NOW - timedelta(days=1),
        "forever": None,
        "used": None,
    }
    ids = {}
    for name, expires in specs.items():
        stored = await _add(make_uow, _sold(package, expires_at=expires))
        assert stored is not None
        ids[stored.id] = name
    async with session_factory(engine)() as session:
        used_id = next(i for i, n in ids.items() if n == "used")
        await session.execute(
            update(EntitlementRow)
            .where(EntitlementRow.sold_package_id == used_id)
            .values(used=EntitlementRow.quantity)
        )
        await session.commit()

    async def names(which: SoldFilter, coach: int = ANNA) -> list[str]:
        async with make_uow() as uow:
            found = await uow.sold.list_for_coach(coach, which, NOW, 0, 10)
            assert await uow.sold.count_for_coach(coach, which, NOW) == len(found)
        return [ids[s.id] for s in found]  # type: ignore[index]

    assert await names(SoldFilter.ALL) == ["used", "forever", "gone", "later", "soon"]
    assert await names(SoldFilter.ACTIVE) == ["forever", "later", "soon"]
    assert await names(SoldFilter.EXPIRING) == ["soon"]
    assert await names(SoldFilter.EXPIRED) == ["gone"]
    assert await names(SoldFilter.USED_UP) == ["used"]
    assert await names(SoldFilter.ALL, BORIS) == []
