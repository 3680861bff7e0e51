"""Packages: storage with ordered items, visibility, soft delete, sales count, constraints."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import ItemKind, Package, PackageItem
from persistence.db import session_factory
from persistence.models import PackageItemRow
from tests.integration.catalog_seed import (
    ANNA,
    BORIS,
    NOW,
    MakeUow,
    a_package,
    a_series,
    a_service,
    seed_coaches,
    sell,
    series_item,
    service_item,
    sold_package,
)


@pytest.fixture(autouse=True)
async def coaches(make_uow: MakeUow) -> None:
    await seed_coaches(make_uow)


async def _catalog(make_uow: MakeUow) -> tuple[int, int, int]:
    """Anna's lesson (service), hidden massage (service) and yoga (series) ids."""
    async with make_uow() as uow:
        lesson = await uow.services.add(a_service(title="Lesson"))
        massage = await uow.services.add(replace(a_service(title="Massage"), hidden=True))
        yoga = await uow.series.add(a_series(title="Yoga"))
        await uow.commit()
    assert lesson.id is not None and massage.id is not None and yoga.id is not None
    return lesson.id, massage.id, yoga.id


async def _add(make_uow: MakeUow, package: Package) -> Package:
    async with make_uow() as uow:
        added = await uow.packages.add(package)
        await uow.commit()
    assert added.id is not None
    return added


async def test_package_is_stored_with_its_items_titled_in_order(make_uow: MakeUow) -> None:
    lesson, massage, yoga = await _catalog(make_uow)
    items = [series_item(yoga, 8), service_item(lesson, 5), service_item(massage, 1)]
    added = await _add(make_uow, a_package(items))
    assert added.id is not None
    async with make_uow() as uow:
        stored = await uow.packages.get(ANNA, added.id)
        assert await uow.packages.list(ANNA) == [added]
        assert await uow.packages.count(ANNA) == 1
    assert stored == added
    assert stored.created_at == NOW and stored.validity_days == 30
    assert stored.items == [
        PackageItem(ItemKind.SERIES, yoga, 8, "Yoga"),
        PackageItem(ItemKind.SERVICE, lesson, 5, "Lesson"),
        PackageItem(ItemKind.SERVICE, massage, 1, "Massage"),
    ]


async def test_packages_page_through_in_creation_order(make_uow: MakeUow) -> None:
    lesson, _, _ = await _catalog(make_uow)
    for n in range(4):
        await _add(make_uow, a_package([service_item(lesson)], public_id=f"p{n}", title=f"P{n}"))
    async with make_uow() as uow:
        page = await uow.packages.list(ANNA, offset=1, limit=2)
    assert [p.title for p in page] == ["P1", "P2"]


async def test_a_coach_cannot_read_or_edit_another_coachs_package(make_uow: MakeUow) -> None:
    lesson, _, _ = await _catalog(make_uow)
    added = await _add(make_uow, a_package([service_item(lesson)]))
    assert added.id is not None
    async with make_uow() as uow:
        assert await uow.packages.get(BORIS, added.id) is None
        assert await uow.packages.list(BORIS) == []
        assert await uow.packages.list_visible(BORIS) == []
        assert await uow.packages.count(BORIS) == 0
        with pytest.raises(LookupError):
            await uow.packages.save(replace(added, coach_id=BORIS, title="Stolen"))


async def test_hidden_package_opens_by_public_id_but_is_not_listed_visible(
    make_uow: MakeUow,
) -> None:
    lesson, _, _ = await _catalog(make_uow)
    shown = await _add(make_uow, a_package([service_item(lesson)], public_id="shown"))
    hidden = await _add(
        make_uow, a_package([service_item(lesson)], public_id="secret", hidden=True)
    )
    async with make_uow() as uow:
        assert await uow.packages.by_public_id("secret") == hidden
        assert await uow.packages.by_public_id("shown") == shown
        assert await uow.packages.by_public_id("nope") is None
        assert await uow.packages.list_visible(ANNA) == [shown]
        assert await uow.packages.list(ANNA) == [shown, hidden]


async def test_deleted_package_is_gone_but_sold_packages_keep_their_snapshot(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    lesson, _, _ = await _catalog(make_uow)
    added = await _add(make_uow, a_package([service_item(lesson, 5)], public_id="gone"))
    assert added.id is not None
    sold = await sell(engine, added, "token-1")
    async with make_uow() as uow:
        await uow.packages.delete(added.id, NOW)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.packages.get(ANNA, added.id) is None
        assert await uow.packages.by_public_id("gone") is None
        assert await uow.packages.list(ANNA) == []
        assert await uow.packages.list_visible(ANNA) == []
        assert await uow.packages.count(ANNA) == 0
        assert await uow.packages.count_sold([added.id]) == {added.id: 1}
        with pytest.raises(LookupError):
            await uow.packages.save(added)
    snapshot = await sold_package(engine, sold)
    assert snapshot is not None
    assert (snapshot.title, snapshot.price_minor) == ("Starter", 5000)


async def test_saving_a_package_overwrites_fields_and_replaces_items_in_order(
    make_uow: MakeUow,
) -> None:
    lesson, massage, yoga = await _catalog(make_uow)
    added = await _add(make_uow, a_package([service_item(lesson, 5), series_item(yoga, 2)]))
    assert added.id is not None
    edited = replace(
        added,
        title="Deluxe",
        description="",
        price_minor=0,
        currency="XTR",
        hidden=True,
        validity_days=None,
        items=[service_item(massage, 3), series_item(yoga, 4), service_item(lesson, 1)],
    )
    async with make_uow() as uow:
        await uow.packages.save(edited)
        await uow.commit()
    async with make_uow() as uow:
        stored = await uow.packages.get(ANNA, added.id)
    assert stored is not None
    assert (stored.title, stored.price_minor, stored.currency) == ("Deluxe", 0, "XTR")
    assert (stored.hidden, stored.validity_days, stored.public_id) == (True, None, "pkg-1")
    assert [(i.kind, i.ref_id, i.quantity, i.title) for i in stored.items] == [
        (ItemKind.SERVICE, massage, 3, "Massage"),
        (ItemKind.SERIES, yoga, 4, "Yoga"),
        (ItemKind.SERVICE, lesson, 1, "Lesson"),
    ]


async def test_count_sold_reports_every_requested_package(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    lesson, _, _ = await _catalog(make_uow)
    popular = await _add(make_uow, a_package([service_item(lesson)], public_id="p1"))
    unsold = await _add(make_uow, a_package([service_item(lesson)], public_id="p2"))
    assert popular.id is not None and unsold.id is not None
    await sell(engine, popular, "token-1")
    await sell(engine, popular, "token-2")
    async with make_uow() as uow:
        assert await uow.packages.count_sold([popular.id, unsold.id, 999]) == {
            popular.id: 2,
            unsold.id: 0,
            999: 0,
        }
        assert await uow.packages.count_sold([]) == {}


async def test_public_id_is_unique(make_uow: MakeUow) -> None:
    lesson, _, _ = await _catalog(make_uow)
    await _add(make_uow, a_package([service_item(lesson)], public_id="same"))
    async with make_uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.packages.add(a_package([service_item(lesson)], public_id="same"))


@pytest.mark.parametrize(
    ("quantity", "targets"),
    [
        pytest.param(0, "service", id="quantity-zero"),
        pytest.param(101, "service", id="quantity-over-100"),
        pytest.param(1, "both", id="service-and-series"),
        pytest.param(1, "neither", id="no-target"),
    ],
)
async def test_database_rejects_an_invalid_package_item(
    make_uow: MakeUow, engine: AsyncEngine, quantity: int, targets: str
) -> None:
    lesson, _, yoga = await _catalog(make_uow)
    package = await _add(make_uow, a_package([service_item(lesson)]))
    assert package.id is not None
    row = PackageItemRow(
        package_id=package.id,
        position=1,
        service_id=lesson if targets in ("service", "both") else None,
        series_id=yoga if targets == "both" else None,
        quantity=quantity,
    )
    async with session_factory(engine)() as session:
        session.add(row)
        with pytest.raises(IntegrityError):
            await session.flush()
