from datetime import UTC, datetime

import pytest

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Usage
from domain.catalog.packages import create_package, get_package
from domain.catalog.services import (
    SERVICES,
    ServiceDraft,
    create_service,
    update_service,
)
from domain.errors import InvalidInput, NotACoach, NotFound
from tests.unit.fakes import FakeUnitOfWork, seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ANNA, BORIS, CLIENT = 1, 2, 3
YOGA = ServiceDraft(title="Yoga 1:1", description="Private class", duration_minutes=60)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    seed_coach(uow, ANNA)
    seed_coach(uow, BORIS)
    return uow


async def _package_with(uow: FakeUnitOfWork, *service_ids: int) -> int:
    draft = PackageDraft()
    draft_set_title(draft, "Five classes")
    for service_id in service_ids:
        draft_add_item(draft, ItemKind.SERVICE, service_id, "5")
    draft_set_price(draft, "100", "EUR")
    package = await create_package(uow, ANNA, draft, NOW)
    assert package.id is not None
    return package.id


async def test_a_coach_creates_a_service_with_clean_fields(uow: FakeUnitOfWork) -> None:
    draft = ServiceDraft(title="  Yoga \n 1:1 ", description=" Private ", duration_minutes=45)
    service = await create_service(uow, ANNA, draft)
    assert service.id is not None
    assert (service.title, service.description, service.duration_minutes) == (
        "Yoga 1:1",
        "Private",
        45,
    )
    assert await SERVICES.get(uow, ANNA, service.id) == service


async def test_someone_who_is_not_a_coach_cannot_create_a_service(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotACoach):
        await create_service(uow, CLIENT, YOGA)
    assert uow.services.rows == {}


@pytest.mark.parametrize(
    "draft",
    [
        ServiceDraft(title="", description="", duration_minutes=60),
        ServiceDraft(title="x" * 101, description="", duration_minutes=60),
        ServiceDraft(title="Yoga", description="d" * 1001, duration_minutes=60),
        ServiceDraft(title="Yoga", description="", duration_minutes=14),
        ServiceDraft(title="Yoga", description="", duration_minutes=481),
    ],
)
async def test_an_invalid_service_is_refused_and_nothing_is_stored(
    uow: FakeUnitOfWork, draft: ServiceDraft
) -> None:
    with pytest.raises(InvalidInput):
        await create_service(uow, ANNA, draft)
    assert uow.services.rows == {}


def test_a_service_draft_survives_the_conversation_state() -> None:
    assert ServiceDraft.from_dict(YOGA.to_dict()) == YOGA


async def test_services_are_listed_a_page_at_a_time(uow: FakeUnitOfWork) -> None:
    for n in range(12):
        await create_service(uow, ANNA, ServiceDraft(f"Service {n}", "", 60))
    await create_service(uow, BORIS, YOGA)
    last = await SERVICES.page(uow, ANNA, page=3, per_page=5)
    assert [s.title for s in last.items] == ["Service 10", "Service 11"]
    assert (last.page, last.pages, last.total) == (3, 3, 12)
    beyond = await SERVICES.page(uow, ANNA, page=9, per_page=5)
    assert beyond.page == 3 and beyond.items == last.items


async def test_another_coachs_service_looks_exactly_like_a_missing_one(
    uow: FakeUnitOfWork,
) -> None:
    service = await create_service(uow, ANNA, YOGA)
    assert service.id is not None
    for attempt in (
        SERVICES.get(uow, BORIS, service.id),
        update_service(uow, BORIS, service.id, "title", "Mine now"),
        SERVICES.set_hidden(uow, BORIS, service.id, True),
        SERVICES.usage(uow, BORIS, service.id),
        SERVICES.delete(uow, BORIS, service.id, NOW),
        SERVICES.get(uow, ANNA, 999),
    ):
        with pytest.raises(NotFound):
            await attempt
    assert await SERVICES.get(uow, ANNA, service.id) == service


@pytest.mark.parametrize(
    ("field", "text", "attribute", "value"),
    [
        ("title", " Yoga deluxe ", "title", "Yoga deluxe"),
        ("description", "Bring a mat", "description", "Bring a mat"),
        ("duration", "1h30", "duration_minutes", 90),
    ],
)
async def test_a_coach_edits_one_field_of_a_service(
    uow: FakeUnitOfWork, field: str, text: str, attribute: str, value: object
) -> None:
    service = await create_service(uow, ANNA, YOGA)
    assert service.id is not None
    updated = await update_service(uow, ANNA, service.id, field, text)
    assert getattr(updated, attribute) == value
    assert getattr(await SERVICES.get(uow, ANNA, service.id), attribute) == value


@pytest.mark.parametrize(
    ("field", "text"),
    [("title", ""), ("duration", "481"), ("duration", "soon"), ("colour", "red")],
)
async def test_an_invalid_edit_is_refused_and_changes_nothing(
    uow: FakeUnitOfWork, field: str, text: str
) -> None:
    service = await create_service(uow, ANNA, YOGA)
    assert service.id is not None
    with pytest.raises(InvalidInput):
        await update_service(uow, ANNA, service.id, field, text)
    assert await SERVICES.get(uow, ANNA, service.id) == service


async def test_a_coach_hides_and_shows_a_service(uow: FakeUnitOfWork) -> None:
    service = await create_service(uow, ANNA, YOGA)
    assert service.id is not None
    assert (await SERVICES.set_hidden(uow, ANNA, service.id, True)).hidden
    assert (await SERVICES.get(uow, ANNA, service.id)).hidden
    assert not (await SERVICES.set_hidden(uow, ANNA, service.id, False)).hidden


async def test_usage_counts_the_packages_and_sold_packages_that_include_a_service(
    uow: FakeUnitOfWork,
) -> None:
    service = await create_service(uow, ANNA, YOGA)
    other = await create_service(uow, ANNA, ServiceDraft("Pilates", "", 45))
    assert service.id is not None and other.id is not None
    first = await _package_with(uow, service.id)
    await _package_with(uow, service.id, other.id)
    uow.sales.sell(await get_package(uow, ANNA, first))
    assert await SERVICES.usage(uow, ANNA, service.id) == Usage(
        packages=2, sold_packages=1, packages_left_empty=1
    )


async def test_deleting_a_service_removes_it_from_packages_and_sold_packages(
    uow: FakeUnitOfWork,
) -> None:
    yoga = await create_service(uow, ANNA, YOGA)
    pilates = await create_service(uow, ANNA, ServiceDraft("Pilates", "", 45))
    assert yoga.id is not None and pilates.id is not None
    package_id = await _package_with(uow, yoga.id, pilates.id)
    uow.sales.sell(await get_package(uow, ANNA, package_id))

    await SERVICES.delete(uow, ANNA, yoga.id, NOW)

    with pytest.raises(NotFound):
        await SERVICES.get(uow, ANNA, yoga.id)
    package = await get_package(uow, ANNA, package_id)
    assert [(i.ref_id, i.title) for i in package.items] == [(pilates.id, "Pilates")]
    assert await SERVICES.usage(uow, ANNA, pilates.id) == Usage(
        packages=1, sold_packages=1, packages_left_empty=1
    )
    assert uow.services.rows[yoga.id].deleted_at == NOW  # soft delete
    assert all((ItemKind.SERVICE, yoga.id) not in sale.refs for sale in uow.sales.rows.values())
    assert not package.hidden  # it still holds Pilates


async def test_a_package_whose_only_item_is_the_deleted_service_is_hidden_not_left_empty(
    uow: FakeUnitOfWork,
) -> None:
    yoga = await create_service(uow, ANNA, YOGA)
    pilates = await create_service(uow, ANNA, ServiceDraft("Pilates", "", 45))
    assert yoga.id is not None and pilates.id is not None
    only_yoga = await _package_with(uow, yoga.id)
    also_already_hidden = await _package_with(uow, yoga.id)
    mixed = await _package_with(uow, yoga.id, pilates.id)
    only_pilates = await _package_with(uow, pilates.id)
    uow.packages.rows[also_already_hidden].hidden = True
    assert (await SERVICES.usage(uow, ANNA, yoga.id)).packages_left_empty == 2

    assert (await SERVICES.delete(uow, ANNA, yoga.id, NOW)).hidden_packages == 2

    emptied = [await get_package(uow, ANNA, i) for i in (only_yoga, also_already_hidden)]
    assert [(p.hidden, p.items) for p in emptied] == [(True, []), (True, [])]
    assert not (await get_package(uow, ANNA, mixed)).hidden
    assert not (await get_package(uow, ANNA, only_pilates)).hidden
    assert (await get_package(uow, ANNA, mixed)).items[0].ref_id == pilates.id


async def test_a_refused_delete_hides_no_package(uow: FakeUnitOfWork) -> None:
    yoga = await create_service(uow, ANNA, YOGA)
    assert yoga.id is not None
    package_id = await _package_with(uow, yoga.id)
    with pytest.raises(NotFound):
        await SERVICES.delete(uow, BORIS, yoga.id, NOW)
    package = await get_package(uow, ANNA, package_id)
    assert not package.hidden and [i.ref_id for i in package.items] == [yoga.id]


async def test_another_coachs_packages_are_never_hidden_by_a_delete(uow: FakeUnitOfWork) -> None:
    yoga = await create_service(uow, ANNA, YOGA)
    boris_service = await create_service(uow, BORIS, YOGA)
    assert yoga.id is not None and boris_service.id is not None
    draft = PackageDraft()
    draft_set_title(draft, "Boris pass")
    draft_add_item(draft, ItemKind.SERVICE, boris_service.id, "3")
    draft_set_price(draft, "0", "XTR")
    boris_package = await create_package(uow, BORIS, draft, NOW)
    assert boris_package.id is not None

    assert (await SERVICES.delete(uow, ANNA, yoga.id, NOW)).hidden_packages == 0
    assert not (await get_package(uow, BORIS, boris_package.id)).hidden


def test_a_service_draft_remembers_hidden_and_old_drafts_load_visible() -> None:
    hidden = ServiceDraft("Yoga", "", 60, hidden=True)
    assert ServiceDraft.from_dict(hidden.to_dict()) == hidden
    old = {"title": "Yoga", "description": "", "duration_minutes": 60}
    assert ServiceDraft.from_dict(old).hidden is False


async def test_a_service_can_be_created_hidden(uow: FakeUnitOfWork) -> None:
    service = await create_service(uow, ANNA, ServiceDraft("Secret", "", 30, hidden=True))
    assert service.id is not None
    assert (await SERVICES.get(uow, ANNA, service.id)).hidden
