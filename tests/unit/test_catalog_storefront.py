from datetime import UTC, datetime

import pytest

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Package
from domain.catalog.overview import CatalogCounts, ItemChoice, catalog_counts, choices_for_items
from domain.catalog.packages import create_package, delete_package, set_package_hidden
from domain.catalog.series import SERIES, SeriesDraft, create_series
from domain.catalog.services import SERVICES, ServiceDraft, create_service
from domain.catalog.storefront import booking_page, package_for_link
from domain.errors import NotACoach, NotFound
from tests.unit.fakes import FakeUnitOfWork, seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ANNA, BORIS, CLIENT = 1, 2, 3


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    seed_coach(uow, ANNA)
    seed_coach(uow, BORIS)
    return uow


async def _service(uow: FakeUnitOfWork, coach_id: int, title: str) -> int:
    service = await create_service(uow, coach_id, ServiceDraft(title, "", 60))
    assert service.id is not None
    return service.id


async def _package(uow: FakeUnitOfWork, coach_id: int, title: str, service_id: int) -> Package:
    draft = PackageDraft()
    draft_set_title(draft, title)
    draft_add_item(draft, ItemKind.SERVICE, service_id, "3")
    draft_set_price(draft, "0", "XTR")
    package = await create_package(uow, coach_id, draft, NOW)
    assert package.id is not None
    return package


async def test_the_booking_page_lists_only_the_coachs_visible_packages(
    uow: FakeUnitOfWork,
) -> None:
    yoga = await _service(uow, ANNA, "Yoga")
    shown = await _package(uow, ANNA, "Shown", yoga)
    hidden = await _package(uow, ANNA, "Hidden", yoga)
    deleted = await _package(uow, ANNA, "Deleted", yoga)
    await _package(uow, BORIS, "Boris", await _service(uow, BORIS, "Run"))
    assert hidden.id is not None and deleted.id is not None
    await set_package_hidden(uow, ANNA, hidden.id, True)
    await delete_package(uow, ANNA, deleted.id, NOW)

    coach, packages = await booking_page(uow, "coach-1")

    assert coach.user_id == ANNA
    assert [p.title for p in packages] == [shown.title]


async def test_a_package_emptied_by_deleting_its_service_leaves_the_booking_page(
    uow: FakeUnitOfWork,
) -> None:
    yoga = await _service(uow, ANNA, "Yoga")
    emptied = await _package(uow, ANNA, "Yoga only", yoga)
    await SERVICES.delete(uow, ANNA, yoga, NOW)
    assert (await booking_page(uow, "coach-1"))[1] == []
    assert (await package_for_link(uow, emptied.public_id)).items == []


async def test_an_unknown_booking_page_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        await booking_page(uow, "nobody-123")


async def test_a_hidden_package_is_still_found_by_its_public_id(uow: FakeUnitOfWork) -> None:
    package = await _package(uow, ANNA, "Secret", await _service(uow, ANNA, "Yoga"))
    assert package.id is not None
    await set_package_hidden(uow, ANNA, package.id, True)
    found = await package_for_link(uow, package.public_id)
    assert (found.id, found.hidden) == (package.id, True)


@pytest.mark.parametrize("public_id", ["", "unknown1234", "../../etc", "x" * 63, "p_abc def"])
async def test_unknown_or_malformed_public_ids_are_not_found(
    uow: FakeUnitOfWork, public_id: str
) -> None:
    with pytest.raises(NotFound):
        await package_for_link(uow, public_id)


async def test_the_coach_home_counts_services_series_and_packages(uow: FakeUnitOfWork) -> None:
    yoga = await _service(uow, ANNA, "Yoga")
    gone = await _service(uow, ANNA, "Gone")
    await SERVICES.delete(uow, ANNA, gone, NOW)
    await create_series(uow, ANNA, SeriesDraft("Camp", "", 5, 60))
    hidden = await _package(uow, ANNA, "Hidden", yoga)
    assert hidden.id is not None
    await set_package_hidden(uow, ANNA, hidden.id, True)
    await _service(uow, BORIS, "Boris")
    counts = await catalog_counts(uow, ANNA)
    assert counts == CatalogCounts(services=1, series=1, packages=1)
    assert await catalog_counts(uow, BORIS) == CatalogCounts(services=1, series=0, packages=0)


async def test_hidden_services_and_series_can_still_go_into_a_package(
    uow: FakeUnitOfWork,
) -> None:
    yoga = await _service(uow, ANNA, "Yoga")
    gone = await _service(uow, ANNA, "Gone")
    await SERVICES.delete(uow, ANNA, gone, NOW)
    camp = await create_series(uow, ANNA, SeriesDraft("Camp", "", 5, 60))
    old = await create_series(uow, ANNA, SeriesDraft("Old", "", 5, 60))
    assert camp.id is not None and old.id is not None
    await SERIES.set_hidden(uow, ANNA, camp.id, True)
    await SERIES.delete(uow, ANNA, old.id, NOW)
    await _service(uow, BORIS, "Boris")

    assert await choices_for_items(uow, ANNA) == [
        ItemChoice(ItemKind.SERVICE, yoga, "Yoga", hidden=False),
        ItemChoice(ItemKind.SERIES, camp.id, "Camp", hidden=True),
    ]


async def test_only_coaches_see_their_catalog_overview(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotACoach):
        await catalog_counts(uow, CLIENT)
    with pytest.raises(NotACoach):
        await choices_for_items(uow, CLIENT)
