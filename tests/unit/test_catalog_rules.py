import re
from collections.abc import Callable

import pytest

from domain.catalog.rules import (
    TITLE_MAX,
    clone_title,
    is_public_id,
    new_public_id,
    validate_capacity,
    validate_description,
    validate_duration,
    validate_item_count,
    validate_price,
    validate_quantity,
    validate_title,
    validate_validity,
)
from domain.errors import InvalidInput, PlanRequired
from domain.model import Plan
from domain.pagination import Page, page_of, page_window
from tests.unit.worded import refused

DEEP_LINK_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def test_titles_are_stripped_and_kept_on_one_line() -> None:
    assert validate_title("  Yoga \n  basics\t") == "Yoga basics"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_title_is_refused(text: str) -> None:
    with refused(match="empty") as caught:
        validate_title(text)
    assert caught.value.field == "title"


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200b", "\u202e", "\x00", " \u2060\ufeff ", "\u200d", "\x00\u200b\u202e\t"],
)
def test_a_title_that_shows_as_nothing_is_refused(text: str) -> None:
    with refused(match="visible character"):
        validate_title(text)


def test_invisible_control_and_format_characters_are_dropped_but_emoji_joiners_kept() -> None:
    assert validate_title("Yo\x00ga\u200b \u202eclass") == "Yoga class"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # ZWJ sequence
    assert validate_title(f"Kids {family}") == f"Kids {family}"
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert validate_title(england) == england
    assert validate_description("line\x00 one\nline\u200b two") == "line one\nline two"
    assert validate_description("\u200b\u202e") == ""


def test_a_title_may_have_100_characters_but_not_101() -> None:
    assert validate_title("x" * 100) == "x" * 100
    assert validate_title(" " + "x" * 100 + " ") == "x" * 100
    with refused(match="at most 100"):
        validate_title("x" * 101)


def test_a_description_may_be_empty_or_1000_characters_but_not_1001() -> None:
    assert validate_description("  ") == ""
    assert validate_description("line one\nline two") == "line one\nline two"
    assert validate_description("d" * 1000) == "d" * 1000
    with refused(match="at most 1000") as caught:
        validate_description("d" * 1001)
    assert caught.value.field == "description"


@pytest.mark.parametrize(
    ("validate", "field", "lo", "hi"),
    [
        (validate_duration, "duration", 15, 480),
        (validate_capacity, "capacity", 1, 500),
        (validate_quantity, "quantity", 1, 100),
    ],
)
def test_numbers_are_accepted_exactly_within_their_bounds(
    validate: Callable[[int], int], field: str, lo: int, hi: int
) -> None:
    assert validate(lo) == lo
    assert validate(hi) == hi
    for outside in (lo - 1, hi + 1, -1):
        with pytest.raises(InvalidInput) as caught:
            validate(outside)
        assert caught.value.field == field


def test_a_package_holds_1_to_20_items() -> None:
    assert validate_item_count(1) == 1
    assert validate_item_count(20) == 20
    with refused(match="at least one"):
        validate_item_count(0)
    with refused(match="at most 20"):
        validate_item_count(21)


def test_prices_are_zero_or_more_minor_units_of_a_supported_currency() -> None:
    assert validate_price(0, "EUR") == 0
    assert validate_price(1_000_000_000, "EUR") == 1_000_000_000
    with refused(match="negative"):
        validate_price(-1, "EUR")
    with refused(match="too large"):
        validate_price(1_000_000_001, "EUR")
    with pytest.raises(InvalidInput) as caught:
        validate_price(100, "BTC")
    assert caught.value.field == "currency"


def test_no_validity_is_fine_on_every_plan() -> None:
    assert {validate_validity(None, plan) for plan in Plan} == {None}


def test_a_validity_on_the_free_plan_needs_growth() -> None:
    with pytest.raises(PlanRequired) as caught:
        validate_validity(30, Plan.FREE)
    assert caught.value.needed == "growth"


@pytest.mark.parametrize("plan", [Plan.GROWTH, Plan.PRO])
def test_validity_is_1_to_3650_days_on_paid_plans(plan: Plan) -> None:
    assert validate_validity(1, plan) == 1
    assert validate_validity(3650, plan) == 3650
    for outside in (0, 3651, 4000):
        with refused(match="1 to 3650 days"):
            validate_validity(outside, plan)


def test_public_ids_are_short_url_safe_and_fit_a_deep_link() -> None:
    ids = {new_public_id() for _ in range(1000)}
    assert len(ids) == 1000
    for public_id in ids:
        assert 10 <= len(public_id) <= 12
        assert DEEP_LINK_PAYLOAD.fullmatch(f"p_{public_id}")
        assert is_public_id(public_id)


@pytest.mark.parametrize("text", ["", "a/b", "x" * 63, "id with space", "ünï"])
def test_malformed_public_ids_are_recognised_before_any_lookup(text: str) -> None:
    assert not is_public_id(text)


def test_a_clone_is_titled_copy() -> None:
    assert clone_title("Yoga 10") == "Yoga 10 (copy)"


def test_a_clone_of_a_100_character_title_still_fits() -> None:
    title = clone_title("x" * 99 + " ")
    assert len(title) <= TITLE_MAX
    assert title.endswith("x (copy)")
    assert validate_title(clone_title("y" * 100)) == "y" * 93 + " (copy)"


@pytest.mark.parametrize(
    ("page", "per_page", "total", "expected"),
    [
        (1, 5, 0, (1, 1, 0)),
        (1, 5, 12, (1, 3, 0)),
        (3, 5, 12, (3, 3, 10)),
        (9, 5, 12, (3, 3, 10)),
        (0, 5, 12, (1, 3, 0)),
        (2, 10, 10, (1, 1, 0)),
    ],
)
def test_pages_are_clamped_so_a_shrunken_list_shows_its_last_page(
    page: int, per_page: int, total: int, expected: tuple[int, int, int]
) -> None:
    assert page_window(page, per_page, total) == expected


def test_a_page_knows_its_neighbours() -> None:
    middle: Page[int] = Page(items=[6, 7], page=2, pages=3, total=12)
    assert middle.has_previous and middle.has_next
    only: Page[int] = Page(items=[], page=1, pages=1, total=0)
    assert not only.has_previous and not only.has_next


def test_a_page_needs_at_least_one_item_per_page() -> None:
    with pytest.raises(ValueError):
        page_window(1, 0, 10)


def test_a_list_in_memory_is_paged_and_clamped_like_stored_ones() -> None:
    letters = list("abcdefghijkl")
    assert page_of(letters, 3, 5) == Page(items=["k", "l"], page=3, pages=3, total=12)
    assert page_of(letters, 9, 5) == page_of(letters, 3, 5)
    assert page_of([], 2, 5) == Page(items=[], page=1, pages=1, total=0)
