from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_remove_item,
    draft_set_description,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, Package, PackageItem, Series, Service
from domain.catalog.packages import (
    clone_package,
    create_package,
    delete_package,
    get_package,
    list_packages,
    package_draft,
    set_package_hidden,
    update_package,
)
from domain.catalog.series import SeriesDraft, create_series
from domain.catalog.services import SERVICES, ServiceDraft, create_service
from domain.catalog.storefront import package_for_link
from domain.errors import ChangedMeanwhile, InvalidInput, NotACoach, NotFound, PlanRequired
from domain.model import Plan
from tests.unit.fakes import FakeUnitOfWork, seed_coach
from tests.unit.worded import refused

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
ANNA, BORIS, CLIENT = 1, 2, 3

Change = Callable[[PackageDraft], None]


class Catalog:
    """Anna (growth plan) with a service and a series; Boris (free plan) with a service."""

    def __init__(self) -> None:
        self.uow = FakeUnitOfWork()
        seed_coach(self.uow, ANNA, Plan.GROWTH)
        seed_coach(self.uow, BORIS, Plan.FREE)

    async def setup(self) -> None:
        self.yoga = await self._id(create_service(self.uow, ANNA, ServiceDraft("Yoga", "", 60)))
        self.camp = await self._id(create_series(self.uow, ANNA, SeriesDraft("Camp", "", 8, 60)))
        self.boris_yoga = await self._id(
            create_service(self.uow, BORIS, ServiceDraft("Boris yoga", "", 60))
        )

    @staticmethod
    async def _id(created: Awaitable[Service | Series]) -> int:
        item = await created
        assert item.id is not None
        return item.id

    def draft(self, validity: str | None = None) -> PackageDraft:
        draft = PackageDraft()
        draft_set_title(draft, "Starter")
        draft_add_item(draft, ItemKind.SERVICE, self.yoga, "5", "typed title")
        draft_add_item(draft, ItemKind.SERIES, self.camp, "8")
        draft_set_price(draft, "49.90", "EUR")
        draft_set_validity(draft, validity, Plan.GROWTH)
        return draft

    async def package(self, validity: str | None = None) -> Package:
        package = await create_package(self.uow, ANNA, self.draft(validity), NOW)
        assert package.id is not None
        return package


@pytest.fixture
async def cat() -> Catalog:
    catalog = Catalog()
    await catalog.setup()
    return catalog


async def edit(cat: Catalog, package_id: int, change: Change) -> Package:
    """What the bot does: a draft of the stored package, one step on it, then `update_package`."""
    draft = await package_draft(cat.uow, ANNA, package_id)
    change(draft)
    return await update_package(cat.uow, ANNA, package_id, draft)


async def test_a_coach_creates_a_package_with_its_own_public_link(cat: Catalog) -> None:
    package = await cat.package("30")
    assert package.coach_id == ANNA
    assert (package.title, package.price_minor, package.currency) == ("Starter", 4990, "EUR")
    assert package.validity_days == 30
    assert package.created_at == NOW
    assert package.items == [
        PackageItem(ItemKind.SERVICE, cat.yoga, 5, "Yoga"),
        PackageItem(ItemKind.SERIES, cat.camp, 8, "Camp"),
    ]
    assert len(package.public_id) == 11
    assert await package_for_link(cat.uow, package.public_id) == package


async def test_two_packages_get_different_public_links(cat: Catalog) -> None:
    first, second = await cat.package(), await cat.package()
    assert first.public_id != second.public_id


async def test_someone_who_is_not_a_coach_cannot_create_or_list_packages(cat: Catalog) -> None:
    with pytest.raises(NotACoach):
        await create_package(cat.uow, CLIENT, cat.draft(), NOW)
    with pytest.raises(NotACoach):
        await list_packages(cat.uow, CLIENT)


async def test_a_package_cannot_include_another_coachs_service(cat: Catalog) -> None:
    draft = cat.draft()
    draft_add_item(draft, ItemKind.SERVICE, cat.boris_yoga, "1", "Boris yoga")
    with refused(match="no longer in your catalog") as caught:
        await create_package(cat.uow, ANNA, draft, NOW)
    assert caught.value.field == "items"
    assert cat.uow.packages.rows == {}


async def test_a_service_deleted_while_drafting_is_caught_on_create(cat: Catalog) -> None:
    draft = cat.draft()
    await SERVICES.delete(cat.uow, ANNA, cat.yoga, NOW)
    with refused(match="“typed title” is no longer"):
        await create_package(cat.uow, ANNA, draft, NOW)


async def test_a_free_plan_coach_cannot_sell_time_limited_packages(cat: Catalog) -> None:
    seed_coach(cat.uow, ANNA, Plan.FREE)  # downgraded while drafting
    with pytest.raises(PlanRequired) as caught:
        await create_package(cat.uow, ANNA, cat.draft("30"), NOW)
    assert caught.value.needed == "growth"
    assert (await create_package(cat.uow, ANNA, cat.draft(None), NOW)).validity_days is None


async def test_a_coach_moved_to_growth_may_then_set_a_validity(cat: Catalog) -> None:
    seed_coach(cat.uow, ANNA, Plan.FREE)
    package = await cat.package()
    assert package.id is not None
    with pytest.raises(PlanRequired):
        await edit(cat, package.id, lambda d: draft_set_validity(d, "30", Plan.FREE))
    with pytest.raises(PlanRequired):  # a draft set up on growth is checked again on save
        await edit(cat, package.id, lambda d: draft_set_validity(d, "30", Plan.GROWTH))
    assert (await get_package(cat.uow, ANNA, package.id)).validity_days is None
    seed_coach(cat.uow, ANNA, Plan.GROWTH)
    updated = await edit(cat, package.id, lambda d: draft_set_validity(d, "30", Plan.GROWTH))
    assert updated.validity_days == 30


async def test_another_coachs_package_looks_exactly_like_a_missing_one(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    for attempt in (
        get_package(cat.uow, BORIS, package.id),
        package_draft(cat.uow, BORIS, package.id),
        update_package(cat.uow, BORIS, package.id, cat.draft()),
        clone_package(cat.uow, BORIS, package.id, NOW),
        set_package_hidden(cat.uow, BORIS, package.id, True),
        delete_package(cat.uow, BORIS, package.id, NOW),
        get_package(cat.uow, ANNA, 999),
    ):
        with pytest.raises(NotFound):
            await attempt
    assert await get_package(cat.uow, ANNA, package.id) == package
    assert len(cat.uow.packages.rows) == 1


@pytest.mark.parametrize(
    ("change", "attribute", "value"),
    [
        (lambda d: draft_set_title(d, " Premium "), "title", "Premium"),
        (lambda d: draft_set_description(d, "All in"), "description", "All in"),
        (lambda d: draft_set_price(d, "59,50", "EUR"), "price_minor", 5950),
        (lambda d: draft_set_price(d, "500", "XTR"), "currency", "XTR"),
        (lambda d: draft_set_validity(d, "90 days", Plan.GROWTH), "validity_days", 90),
        (lambda d: draft_set_validity(d, None, Plan.GROWTH), "validity_days", None),
    ],
    ids=["title", "description", "price", "currency", "validity", "no-limit"],
)
async def test_a_coach_edits_one_field_of_a_package(
    cat: Catalog, change: Change, attribute: str, value: object
) -> None:
    package = await cat.package("30")
    assert package.id is not None
    await edit(cat, package.id, change)
    stored = await get_package(cat.uow, ANNA, package.id)
    assert getattr(stored, attribute) == value
    assert stored.items == package.items and stored.public_id == package.public_id


@pytest.mark.parametrize(
    "change",
    [
        lambda d: draft_set_title(d, "x" * 101),
        lambda d: draft_set_title(d, "  "),
        lambda d: draft_set_description(d, "d" * 1001),
        lambda d: draft_set_price(d, "-1", "EUR"),
        lambda d: draft_set_price(d, "1.5", "JPY"),
        lambda d: draft_set_validity(d, "3651", Plan.GROWTH),
    ],
    ids=[
        "long-title",
        "empty-title",
        "long-description",
        "negative-price",
        "jpy-cents",
        "validity",
    ],
)
async def test_an_invalid_package_edit_is_refused_and_changes_nothing(
    cat: Catalog, change: Change
) -> None:
    package = await cat.package("30")
    assert package.id is not None
    with pytest.raises(InvalidInput):
        await edit(cat, package.id, change)
    assert await get_package(cat.uow, ANNA, package.id) == package


async def test_a_coach_changes_the_items_through_a_draft_of_the_package(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    draft = await package_draft(cat.uow, ANNA, package.id)
    assert draft_remove_item(draft, ItemKind.SERIES, cat.camp)
    draft_add_item(draft, ItemKind.SERVICE, cat.yoga, "5")
    updated = await update_package(cat.uow, ANNA, package.id, draft)
    assert updated.items == [PackageItem(ItemKind.SERVICE, cat.yoga, 10, "Yoga")]
    assert (await get_package(cat.uow, ANNA, package.id)).items == updated.items


async def test_an_update_that_empties_the_package_is_refused(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    draft = await package_draft(cat.uow, ANNA, package.id)
    draft.items = []
    with refused(match="at least one"):
        await update_package(cat.uow, ANNA, package.id, draft)
    assert await get_package(cat.uow, ANNA, package.id) == package


async def test_a_clone_copies_every_field_and_item_under_a_new_link(cat: Catalog) -> None:
    created = await cat.package("30")
    assert created.id is not None
    await edit(cat, created.id, lambda d: draft_set_description(d, "Full programme"))
    original = await set_package_hidden(cat.uow, ANNA, created.id, True)
    assert original.id is not None

    copy = await clone_package(cat.uow, ANNA, original.id, LATER)

    assert copy.id not in (None, original.id)
    assert copy.public_id != original.public_id
    assert copy.title == "Starter (copy)"
    assert copy.created_at == LATER
    same = ("description", "price_minor", "currency", "hidden", "validity_days", "items")
    assert {a: getattr(copy, a) for a in same} == {a: getattr(original, a) for a in same}


async def test_a_clone_is_independent_of_its_original(cat: Catalog) -> None:
    original = await cat.package()
    assert original.id is not None
    copy = await clone_package(cat.uow, ANNA, original.id, NOW)
    assert copy.id is not None
    await edit(cat, copy.id, lambda d: draft_set_price(d, "1", "EUR"))
    draft = await package_draft(cat.uow, ANNA, copy.id)
    draft_remove_item(draft, ItemKind.SERIES, cat.camp)
    await update_package(cat.uow, ANNA, copy.id, draft)
    await delete_package(cat.uow, ANNA, original.id, NOW)
    assert len((await get_package(cat.uow, ANNA, copy.id)).items) == 1
    assert (await package_for_link(cat.uow, copy.public_id)).price_minor == 100
    assert cat.uow.packages.rows[original.id].items == original.items


async def test_a_clone_of_a_100_character_title_fits(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    await edit(cat, package.id, lambda d: draft_set_title(d, "t" * 100))
    copy = await clone_package(cat.uow, ANNA, package.id, NOW)
    assert len(copy.title) == 100 and copy.title.endswith(" (copy)")


async def test_a_time_limited_package_is_not_cloned_on_the_free_plan(cat: Catalog) -> None:
    package = await cat.package("30")
    assert package.id is not None
    seed_coach(cat.uow, ANNA, Plan.FREE)
    with pytest.raises(PlanRequired):
        await clone_package(cat.uow, ANNA, package.id, NOW)
    assert len(cat.uow.packages.rows) == 1


async def test_a_hidden_package_still_opens_by_its_link(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    hidden = await set_package_hidden(cat.uow, ANNA, package.id, True)
    assert hidden.hidden
    assert (await package_for_link(cat.uow, package.public_id)).hidden


async def test_a_deleted_package_no_longer_opens_but_its_sales_remain(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    cat.uow.sales.sell(package)
    await delete_package(cat.uow, ANNA, package.id, LATER)
    with pytest.raises(NotFound):
        await package_for_link(cat.uow, package.public_id)
    with pytest.raises(NotFound):
        await get_package(cat.uow, ANNA, package.id)
    assert (await list_packages(cat.uow, ANNA)).total == 0
    assert cat.uow.packages.rows[package.id].deleted_at == LATER  # soft delete
    assert [s.refs for s in cat.uow.sales.rows.values()] == [
        {(ItemKind.SERVICE, cat.yoga), (ItemKind.SERIES, cat.camp)}
    ]


async def test_packages_are_listed_with_how_many_were_sold(cat: Catalog) -> None:
    first, second, third = await cat.package(), await cat.package(), await cat.package()
    cat.uow.sales.sell(first)
    cat.uow.sales.sell(first)
    cat.uow.sales.sell(third)
    page = await list_packages(cat.uow, ANNA, page=1, per_page=2)
    assert [(s.package.id, s.sold) for s in page.items] == [(first.id, 2), (second.id, 0)]
    assert (page.pages, page.total) == (2, 3)
    last = await list_packages(cat.uow, ANNA, page=2, per_page=2)
    assert [(s.package.id, s.sold) for s in last.items] == [(third.id, 1)]
    assert (await list_packages(cat.uow, BORIS)).items == []


async def test_deleting_a_service_takes_it_out_of_the_package(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    await SERVICES.delete(cat.uow, ANNA, cat.yoga, NOW)
    items = (await get_package(cat.uow, ANNA, package.id)).items
    assert items == [PackageItem(ItemKind.SERIES, cat.camp, 8, "Camp")]


async def test_a_save_from_an_edit_begun_before_another_save_is_refused(cat: Catalog) -> None:
    package = await cat.package()
    assert package.id is not None
    first = await package_draft(cat.uow, ANNA, package.id)
    second = await package_draft(cat.uow, ANNA, package.id)  # the same coach, another chat
    first.title = "Saved first"
    await update_package(cat.uow, ANNA, package.id, first)
    second.title = "Saved second"
    with pytest.raises(ChangedMeanwhile):
        await update_package(cat.uow, ANNA, package.id, second)
    assert (await get_package(cat.uow, ANNA, package.id)).title == "Saved first"
