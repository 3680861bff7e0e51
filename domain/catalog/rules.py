"""Bounds of the catalog (DESIGN.md rule 1 and friends) as small validators.

Each validator returns the clean value or raises InvalidInput naming the rule it broke.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from domain.errors import InvalidInput, PlanRequired
from domain.model import Plan
from domain.money import currency

TITLE_MAX = 100
DESCRIPTION_MAX = 1000
DURATION_MIN = 15
DURATION_MAX = 480
CAPACITY_MIN = 1
CAPACITY_MAX = 500
ITEMS_MIN = 1
ITEMS_MAX = 20
QUANTITY_MIN = 1
QUANTITY_MAX = 100
VALIDITY_MIN = 1
VALIDITY_MAX = 3650

CLONE_SUFFIX = " (copy)"
_PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,62}")
_WHITESPACE = re.compile(r"\s+")


# Format characters that emoji and scripts need: zero-width joiner and non-joiner, and the
# tag characters of subdivision flags. Every other control or format character renders
# nothing (or reorders what follows, as a right-to-left override does) and is dropped.
_KEPT_FORMAT = frozenset({"\u200c", "\u200d", *map(chr, range(0xE0020, 0xE0080))})
_KEPT_CONTROL = frozenset("\n\t")
# Letters that show as a blank space.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def clean_text(text: str) -> str:
    """Drops control and format characters that render nothing (NUL among them, which
    PostgreSQL cannot store), keeping line breaks, tabs and what emoji need."""
    return "".join(
        c
        for c in text
        if c in _KEPT_CONTROL
        or c in _KEPT_FORMAT
        or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def has_visible(text: str) -> bool:
    """At least one character a reader can see."""
    return any(unicodedata.category(c)[0] not in "CZM" and c not in _BLANK_LETTERS for c in text)


def validate_title(text: str) -> str:
    """Whitespace runs (newlines too) become one space: a title is one line on a button."""
    title = _WHITESPACE.sub(" ", clean_text(text)).strip()
    if not has_visible(title):
        raise InvalidInput("title", "title_blank")
    if len(title) > TITLE_MAX:
        raise InvalidInput("title", "title_too_long", limit=TITLE_MAX, length=len(title))
    return title


def validate_description(text: str) -> str:
    """Line breaks are kept; empty means no description."""
    description = clean_text(text).strip()
    if not has_visible(description):
        return ""
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput(
            "description", "description_too_long", limit=DESCRIPTION_MAX, length=len(description)
        )
    return description


def validate_duration(minutes: int) -> int:
    if not DURATION_MIN <= minutes <= DURATION_MAX:
        raise InvalidInput("duration", "duration_out_of_range")
    return minutes


def validate_capacity(seats: int) -> int:
    return _within("capacity", "capacity_out_of_range", seats, CAPACITY_MIN, CAPACITY_MAX)


def validate_quantity(quantity: int) -> int:
    return _within("quantity", "quantity_out_of_range", quantity, QUANTITY_MIN, QUANTITY_MAX)


def validate_item_count(count: int) -> int:
    if count < ITEMS_MIN:
        raise InvalidInput("items", "items_none")
    if count > ITEMS_MAX:
        raise InvalidInput("items", "items_too_many", limit=ITEMS_MAX)
    return count


def validate_price(minor: int, currency_code: str) -> int:
    """Price ≥ 0 in minor units of a supported currency, within its cap."""
    cur = currency(currency_code)
    if minor < 0:
        raise InvalidInput("price", "price_negative")
    if minor > cur.max_minor():
        raise InvalidInput("price", "price_too_large", currency=cur.code)
    return minor


def validate_validity(days: int | None, plan: Plan) -> int | None:
    """None means no time limit; a limit needs a plan that allows it (rule 2)."""
    if days is None:
        return None
    if not plan.allows_time_limited_packages:
        raise PlanRequired(Plan.GROWTH.value)
    return _within("validity", "validity_out_of_range", days, VALIDITY_MIN, VALIDITY_MAX)


def new_public_id() -> str:
    """11 URL-safe characters (64 random bits): `p_<id>` fits a deep link easily."""
    return secrets.token_urlsafe(8)


def is_public_id(text: str) -> bool:
    """Cheap shape check before a lookup; any deep-link value shape is allowed."""
    return _PUBLIC_ID.fullmatch(text) is not None


def clone_title(title: str) -> str:
    """The clone's title "<title> (copy)", shortened so the whole fits TITLE_MAX."""
    return title[: TITLE_MAX - len(CLONE_SUFFIX)].rstrip() + CLONE_SUFFIX


def _within(field: str, code: str, value: int, lo: int, hi: int) -> int:
    if not lo <= value <= hi:
        raise InvalidInput(field, code, lo=lo, hi=hi)
    return value
