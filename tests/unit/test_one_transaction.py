"""Use cases that give a screen everything it shows, so its handler opens one transaction:
the question before deleting a service or series, and deleting a package."""

from datetime import UTC, datetime

import pytest

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Usage
from domain.catalog.packages import create_package, delete_package, list_packages
from domain.catalog.series import SERIES, SeriesDraft, create_series
from domain.catalog.services import SERVICES, ServiceDraft, create_service
from domain.errors import NotFound
from tests.unit.fakes import FakeUnitOfWork, seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ANNA, BORIS = 1, 2


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    seed_coach(uow, ANNA)
    seed_coach(uow, BORIS)
    return uow


async def test_the_delete_question_reads_entry_and_usage_in_one_transaction(
    uow: FakeUnitOfWork,
) -> None:
    service = await create_service(uow, ANNA, ServiceDraft("Yoga", "", 60))
    series = await create_series(uow, ANNA, SeriesDraft("Run club", "", 8, 45))
    assert service.id is not None and series.id is not None
    draft = PackageDraft()
    draft_set_title(draft, "Yoga x5")
    draft_add_item(draft, ItemKind.SERVICE, service.id, "5")
    draft_set_price(draft, "0", "XTR")
    await create_package(uow, ANNA, draft, NOW)
    before = uow.transactions
    check = await SERVICES.delete_check(uow, ANNA, service.id)
    assert uow.transactions == before + 1
    assert check.entry == service and check.usage == Usage(1, 0, packages_left_empty=1)
    assert (await SERIES.delete_check(uow, ANNA, series.id)).usage == Usage(0, 0)
    with pytest.raises(NotFound):
        await SERVICES.delete_check(uow, BORIS, service.id)


async def test_deleting_a_package_returns_it_as_it_was(uow: FakeUnitOfWork) -> None:
    service = await create_service(uow, ANNA, ServiceDraft("Yoga", "", 60))
    assert service.id is not None
    draft = PackageDraft()
    draft_set_title(draft, "Intro call")
    draft_add_item(draft, ItemKind.SERVICE, service.id, "1")
    draft_set_price(draft, "0", "XTR")
    package = await create_package(uow, ANNA, draft, NOW)
    assert package.id is not None
    with pytest.raises(NotFound):
        await delete_package(uow, BORIS, package.id, NOW)
    before = uow.transactions
    deleted = await delete_package(uow, ANNA, package.id, NOW)
    assert uow.transactions == before + 1
    assert deleted.title == "Intro call" and deleted.id == package.id
    assert (await list_packages(uow, ANNA)).items == []
