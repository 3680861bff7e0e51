"""Services and series: storage, owner scoping, soft delete, usage, occurrences."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import ItemKind, Usage
from persistence.db import session_factory
from persistence.models import OccurrenceRow
from tests.integration.catalog_seed import (
    ANNA,
    BORIS,
    NOW,
    MakeUow,
    a_package,
    a_series,
    a_service,
    entitlements,
    seed_coaches,
    sell,
    series_item,
    service_item,
    sold_package,
)


@pytest.fixture(autouse=True)
async def coaches(make_uow: MakeUow) -> None:
    await seed_coaches(make_uow)


async def test_service_is_stored_listed_counted_and_edited(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        added = await uow.services.add(a_service())
        await uow.commit()
    assert added.id is not None
    async with make_uow() as uow:
        assert await uow.services.get(ANNA, added.id) == added
        assert await uow.services.list(ANNA) == [added]
        assert await uow.services.count(ANNA) == 1
        await uow.services.save(
            replace(added, title="Long lesson", description="", duration_minutes=90, hidden=True)
        )
        await uow.commit()
    async with make_uow() as uow:
        saved = await uow.services.get(ANNA, added.id)
    assert saved is not None
    assert (saved.title, saved.description, saved.duration_minutes, saved.hidden) == (
        "Long lesson",
        "",
        90,
        True,
    )


async def test_series_is_stored_listed_counted_and_edited(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        added = await uow.series.add(a_series())
        await uow.commit()
    assert added.id is not None
    async with make_uow() as uow:
        assert await uow.series.get(ANNA, added.id) == added
        assert await uow.series.list(ANNA) == [added]
        assert await uow.series.count(ANNA) == 1
        await uow.series.save(replace(added, title="Evening yoga", capacity=20, hidden=True))
        await uow.commit()
    async with make_uow() as uow:
        saved = await uow.series.get(ANNA, added.id)
    assert saved is not None
    assert (saved.title, saved.capacity, saved.duration_minutes, saved.hidden) == (
        "Evening yoga",
        20,
        45,
        True,
    )


async def test_lists_page_through_in_creation_order(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        for n in range(5):
            await uow.services.add(a_service(title=f"S{n}"))
            await uow.series.add(a_series(title=f"G{n}"))
        await uow.commit()
    async with make_uow() as uow:
        services = [s.title for s in await uow.services.list(ANNA, offset=1, limit=3)]
        series = [s.title for s in await uow.series.list(ANNA, offset=3)]
    assert services == ["S1", "S2", "S3"]
    assert series == ["G3", "G4"]


async def test_a_coach_cannot_read_or_edit_another_coachs_catalog(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        service = await uow.services.add(a_service(ANNA))
        series = await uow.series.add(a_series(ANNA))
        await uow.commit()
    assert service.id is not None and series.id is not None
    async with make_uow() as uow:
        assert await uow.services.get(BORIS, service.id) is None
        assert await uow.series.get(BORIS, series.id) is None
        assert await uow.services.list(BORIS) == []
        assert await uow.series.list(BORIS) == []
        assert await uow.services.count(BORIS) == 0
        assert await uow.series.count(BORIS) == 0
        with pytest.raises(LookupError):
            await uow.services.save(replace(service, coach_id=BORIS, title="Stolen"))
        with pytest.raises(LookupError):
            await uow.series.save(replace(series, coach_id=BORIS, title="Stolen"))


async def test_deleted_service_and_series_are_hidden_from_every_read(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        service = await uow.services.add(a_service())
        kept = await uow.services.add(a_service(title="Kept"))
        series = await uow.series.add(a_series())
        await uow.commit()
    assert service.id is not None and series.id is not None
    async with make_uow() as uow:
        await uow.services.delete(service.id, NOW)
        await uow.series.delete(series.id, NOW)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.services.get(ANNA, service.id) is None
        assert await uow.services.list(ANNA) == [kept]
        assert await uow.services.count(ANNA) == 1
        assert await uow.series.get(ANNA, series.id) is None
        assert await uow.series.list(ANNA) == []
        assert await uow.series.count(ANNA) == 0
        with pytest.raises(LookupError):
            await uow.services.save(service)


async def test_deleting_a_service_withdraws_it_from_packages_and_sold_packages(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    async with make_uow() as uow:
        lesson = await uow.services.add(a_service(title="Lesson"))
        other = await uow.services.add(a_service(title="Other"))
        starter = await uow.packages.add(
            a_package([service_item(lesson.id, 5), service_item(other.id, 2)], public_id="p1")
        )
        solo = await uow.packages.add(a_package([service_item(lesson.id, 3)], public_id="p2"))
        await uow.commit()
    assert lesson.id is not None and starter.id is not None and solo.id is not None
    sold_starter = await sell(engine, starter, "token-1")
    sold_solo = await sell(engine, solo, "token-2")

    async with make_uow() as uow:
        assert await uow.services.usage(lesson.id) == Usage(packages=2, sold_packages=2)
        await uow.services.delete(lesson.id, NOW)
        await uow.commit()

    async with make_uow() as uow:
        assert await uow.services.usage(lesson.id) == Usage(packages=0, sold_packages=0)
        starter_now = await uow.packages.get(ANNA, starter.id)
        solo_now = await uow.packages.get(ANNA, solo.id)
    assert starter_now is not None and solo_now is not None
    assert [(i.ref_id, i.title) for i in starter_now.items] == [(other.id, "Other")]
    assert solo_now.items == []
    lesson_rights, other_rights = await entitlements(engine, sold_starter)
    assert (lesson_rights.removed_at, lesson_rights.quantity, lesson_rights.used) == (NOW, 5, 1)
    assert other_rights.removed_at is None
    assert [e.removed_at for e in await entitlements(engine, sold_solo)] == [NOW]
    snapshot = await sold_package(engine, sold_starter)
    assert snapshot is not None and snapshot.title == "Starter"


async def test_deleting_a_series_withdraws_it_from_packages_and_sold_packages(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        lesson = await uow.services.add(a_service())
        mixed = await uow.packages.add(
            a_package([series_item(yoga.id, 8), service_item(lesson.id, 1)])
        )
        await uow.commit()
    assert yoga.id is not None and mixed.id is not None
    sold = await sell(engine, mixed, "token-1")

    async with make_uow() as uow:
        assert await uow.series.usage(yoga.id) == Usage(packages=1, sold_packages=1)
        await uow.series.delete(yoga.id, NOW)
        await uow.commit()

    async with make_uow() as uow:
        assert await uow.series.usage(yoga.id) == Usage(packages=0, sold_packages=0)
        assert await uow.services.usage(lesson.id or 0) == Usage(packages=1, sold_packages=1)
        package = await uow.packages.get(ANNA, mixed.id)
    assert package is not None
    assert [i.kind for i in package.items] == [ItemKind.SERVICE]
    assert [e.removed_at for e in await entitlements(engine, sold)] == [NOW, None]


async def test_usage_ignores_deleted_packages(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        lesson = await uow.services.add(a_service())
        package = await uow.packages.add(a_package([service_item(lesson.id, 2)]))
        assert lesson.id is not None and package.id is not None
        await uow.packages.delete(package.id, NOW)
        assert await uow.services.usage(lesson.id) == Usage(packages=0, sold_packages=0)


async def test_occurrences_come_back_in_start_order_as_aware_utc(make_uow: MakeUow) -> None:
    berlin_winter = timezone(timedelta(hours=1))
    later = datetime(2026, 12, 3, 19, 0, tzinfo=berlin_winter)
    sooner = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        assert yoga.id is not None
        created = await uow.series.add_occurrences(yoga.id, [later, sooner])
        await uow.commit()
    assert [o.starts_at for o in created] == [sooner, later]
    async with make_uow() as uow:
        stored = await uow.series.occurrences(yoga.id)
    assert stored == created
    assert [o.starts_at.tzinfo for o in stored] == [UTC, UTC]
    assert stored[1].starts_at == datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


async def test_occurrences_report_seats_taken(make_uow: MakeUow, engine: AsyncEngine) -> None:
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        assert yoga.id is not None
        (first,) = await uow.series.add_occurrences(yoga.id, [NOW])
        await uow.commit()
    async with session_factory(engine)() as session:
        await session.execute(
            update(OccurrenceRow).where(OccurrenceRow.id == first.id).values(seats_taken=3)
        )
        await session.commit()
    async with make_uow() as uow:
        assert [o.seats_taken for o in await uow.series.occurrences(yoga.id)] == [3]


async def test_adding_occurrences_skips_starts_that_already_exist(make_uow: MakeUow) -> None:
    day = timedelta(days=1)
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        assert yoga.id is not None
        await uow.series.add_occurrences(yoga.id, [NOW, NOW + day])
        await uow.commit()
    async with make_uow() as uow:
        created = await uow.series.add_occurrences(
            yoga.id, [NOW + 2 * day, NOW + day, NOW + 2 * day, NOW]
        )
        await uow.commit()
    assert [o.starts_at for o in created] == [NOW + 2 * day]
    async with make_uow() as uow:
        stored = await uow.series.occurrences(yoga.id)
    assert [o.starts_at for o in stored] == [NOW, NOW + day, NOW + 2 * day]


async def test_the_same_start_may_exist_in_two_series(make_uow: MakeUow) -> None:
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        pilates = await uow.series.add(a_series(title="Pilates"))
        assert yoga.id is not None and pilates.id is not None
        assert len(await uow.series.add_occurrences(yoga.id, [NOW])) == 1
        assert len(await uow.series.add_occurrences(pilates.id, [NOW])) == 1
        assert await uow.series.add_occurrences(pilates.id, []) == []


async def test_removing_an_occurrence_needs_its_own_series(make_uow: MakeUow) -> None:
    day = timedelta(days=1)
    async with make_uow() as uow:
        yoga = await uow.series.add(a_series())
        pilates = await uow.series.add(a_series(title="Pilates"))
        assert yoga.id is not None and pilates.id is not None
        first, second = await uow.series.add_occurrences(yoga.id, [NOW, NOW + day])
        assert first.id is not None and second.id is not None
        await uow.series.remove_occurrence(pilates.id, first.id)
        await uow.series.remove_occurrence(yoga.id, second.id)
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.series.occurrences(yoga.id) == [first]
