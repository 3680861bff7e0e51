import json
from collections.abc import Callable

import pytest

from domain.catalog.drafts import (
    PackageDraft,
    check_draft,
    draft_add_item,
    draft_remove_item,
    draft_set_description,
    draft_set_hidden,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, PackageItem
from domain.errors import InvalidInput, PlanRequired
from domain.model import Plan
from tests.unit.worded import refused

SERVICE, SERIES = ItemKind.SERVICE, ItemKind.SERIES


def _ready() -> PackageDraft:
    draft = PackageDraft()
    draft_set_title(draft, "Ten sessions")
    draft_add_item(draft, SERVICE, 1, "10", "Yoga")
    draft_set_price(draft, "49.90", "EUR")
    return draft


def test_each_step_stores_the_clean_value() -> None:
    draft = PackageDraft()
    draft_set_title(draft, "  Ten \n sessions ")
    draft_set_description(draft, " Best value \n")
    draft_set_hidden(draft, True)
    assert (draft.title, draft.description, draft.hidden) == ("Ten sessions", "Best value", True)


def test_a_refused_step_leaves_the_draft_as_it_was() -> None:
    draft = _ready()
    before = draft.to_dict()
    for step in (
        lambda: draft_set_title(draft, "x" * 101),
        lambda: draft_set_description(draft, "d" * 1001),
        lambda: draft_add_item(draft, SERVICE, 2, "0"),
        lambda: draft_set_price(draft, "-5", "EUR"),
        lambda: draft_set_price(draft, "5", "BTC"),
        lambda: draft_set_validity(draft, "0", Plan.PRO),
    ):
        with pytest.raises(InvalidInput):
            step()
    assert draft.to_dict() == before


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("0", False), ("1", True), ("100", True), ("101", False), ("two", False)],
)
def test_an_item_quantity_is_1_to_100(text: str, accepted: bool) -> None:
    draft = PackageDraft()
    if accepted:
        draft_add_item(draft, SERVICE, 1, text)
        assert draft.items == [PackageItem(SERVICE, 1, int(text))]
    else:
        with pytest.raises(InvalidInput) as caught:
            draft_add_item(draft, SERVICE, 1, text)
        assert caught.value.field == "quantity"
        assert draft.items == []


def test_a_package_takes_20_items_but_not_21() -> None:
    draft = PackageDraft()
    for ref_id in range(1, 21):
        draft_add_item(draft, SERVICE, ref_id, "1")
    with refused(match="at most 20"):
        draft_add_item(draft, SERIES, 99, "1")
    assert len(draft.items) == 20


def test_adding_the_same_service_again_adds_to_its_quantity() -> None:
    draft = PackageDraft()
    draft_add_item(draft, SERVICE, 1, "3", "Yoga")
    draft_add_item(draft, SERIES, 1, "2", "Bootcamp")
    draft_add_item(draft, SERVICE, 1, "4")
    assert draft.items == [
        PackageItem(SERVICE, 1, 7, "Yoga"),
        PackageItem(SERIES, 1, 2, "Bootcamp"),
    ]


def test_merging_into_a_full_package_needs_no_new_slot() -> None:
    draft = PackageDraft()
    for ref_id in range(1, 21):
        draft_add_item(draft, SERVICE, ref_id, "1")
    draft_add_item(draft, SERVICE, 20, "5")
    assert draft.items[-1].quantity == 6


def test_merging_beyond_100_is_refused_and_keeps_the_old_quantity() -> None:
    draft = PackageDraft()
    draft_add_item(draft, SERVICE, 1, "60")
    with refused(match="1 to 100"):
        draft_add_item(draft, SERVICE, 1, "41")
    assert draft.items == [PackageItem(SERVICE, 1, 60)]


def test_an_item_is_a_service_or_a_series() -> None:
    with refused(match="service or a series"):
        draft_add_item(PackageDraft(), "workshop", 1, "1")
    draft = PackageDraft()
    draft_add_item(draft, "series", 4, "2")
    assert draft.items[0].kind is SERIES


def test_removing_an_item_says_whether_it_was_there() -> None:
    draft = _ready()
    draft_add_item(draft, SERIES, 1, "2")
    assert draft_remove_item(draft, SERVICE, 1)
    assert not draft_remove_item(draft, SERVICE, 1)
    assert draft.items == [PackageItem(SERIES, 1, 2)]


@pytest.mark.parametrize(
    ("amount", "currency", "minor", "code"),
    [
        ("49.90", "EUR", 4990, "EUR"),
        ("49,9", "€", 4990, "EUR"),
        ("0", "XTR", 0, "XTR"),
        ("150", "stars", 150, "XTR"),
        ("1500", "jpy", 1500, "JPY"),
    ],
)
def test_the_price_is_typed_in_the_chosen_currency(
    amount: str, currency: str, minor: int, code: str
) -> None:
    draft = PackageDraft()
    draft_set_price(draft, amount, currency)
    assert (draft.price_minor, draft.currency) == (minor, code)


@pytest.mark.parametrize(
    ("amount", "currency"), [("1.5", "JPY"), ("1.5", "XTR"), ("-1", "EUR"), ("lots", "EUR")]
)
def test_a_price_the_currency_cannot_hold_is_refused(amount: str, currency: str) -> None:
    draft = PackageDraft()
    with pytest.raises(InvalidInput):
        draft_set_price(draft, amount, currency)
    assert draft.price_minor is None and draft.currency is None


def test_a_free_plan_coach_gets_no_time_limit_but_may_have_none() -> None:
    draft = _ready()
    with pytest.raises(PlanRequired) as caught:
        draft_set_validity(draft, "30", Plan.FREE)
    assert caught.value.needed == "growth"
    draft_set_validity(draft, None, Plan.FREE)
    assert draft.validity_days is None


@pytest.mark.parametrize(
    ("text", "days"), [("1", 1), ("30", 30), ("30 days", 30), ("30d", 30), ("3650", 3650)]
)
def test_a_growth_coach_sets_a_validity_of_1_to_3650_days(text: str, days: int) -> None:
    draft = _ready()
    draft_set_validity(draft, text, Plan.GROWTH)
    assert draft.validity_days == days
    draft_set_validity(draft, None, Plan.GROWTH)
    assert draft.validity_days is None


@pytest.mark.parametrize("text", ["0", "3651", "4000", "a month", "-1", ""])
def test_validity_outside_1_to_3650_days_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        draft_set_validity(_ready(), text, Plan.PRO)
    assert caught.value.field == "validity"


def test_a_draft_survives_the_conversation_state_as_plain_json() -> None:
    draft = _ready()
    draft_add_item(draft, SERIES, 7, "3", "Bootcamp")
    draft_set_description(draft, "Über gut ✓")
    draft_set_validity(draft, "90", Plan.PRO)
    draft_set_hidden(draft, True)
    restored = PackageDraft.from_dict(json.loads(json.dumps(draft.to_dict())))
    assert restored == draft
    assert restored.items[1].kind is SERIES


def test_an_empty_or_older_saved_draft_loads_with_defaults() -> None:
    assert PackageDraft.from_dict({}) == PackageDraft()
    assert PackageDraft.from_dict(PackageDraft().to_dict()) == PackageDraft()
    old = {"title": "T", "items": [{"kind": "service", "ref_id": 1, "quantity": 2}]}
    assert PackageDraft.from_dict(old).items == [PackageItem(SERVICE, 1, 2, "")]


def test_a_complete_draft_passes_the_final_check() -> None:
    clean = check_draft(_ready(), Plan.FREE)
    assert clean == _ready()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: setattr(d, "title", ""), "title"),
        (lambda d: setattr(d, "description", "d" * 1001), "description"),
        (lambda d: setattr(d, "items", []), "items"),
        (lambda d: setattr(d, "items", [PackageItem(SERVICE, n, 1) for n in range(21)]), "items"),
        (lambda d: setattr(d, "items", [PackageItem(SERVICE, 1, 101)]), "quantity"),
        (lambda d: setattr(d, "price_minor", None), "price"),
        (lambda d: setattr(d, "price_minor", -1), "price"),
        (lambda d: setattr(d, "currency", "BTC"), "currency"),
        (lambda d: setattr(d, "validity_days", 4000), "validity"),
    ],
)
def test_the_final_check_catches_a_tampered_draft(
    change: Callable[[PackageDraft], None], field: str
) -> None:
    draft = _ready()
    change(draft)
    with pytest.raises(InvalidInput) as caught:
        check_draft(draft, Plan.PRO)
    assert caught.value.field == field


def test_the_final_check_applies_the_plan_rule() -> None:
    draft = _ready()
    draft.validity_days = 30
    with pytest.raises(PlanRequired):
        check_draft(draft, Plan.FREE)
    assert check_draft(draft, Plan.GROWTH).validity_days == 30


def test_the_final_check_merges_duplicate_items_from_saved_state() -> None:
    draft = _ready()
    draft.items.append(PackageItem(SERVICE, 1, 5, "Yoga"))
    assert check_draft(draft, Plan.FREE).items == [PackageItem(SERVICE, 1, 15, "Yoga")]
