"""A package being built in the chat, one validated step at a time.

The bot keeps a `PackageDraft` in its (persisted) conversation state as `to_dict()` and
restores it with `from_dict()`. Every step validator mutates the draft only when the input is
valid; `check_draft` validates the whole again before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from domain.catalog.model import ItemKind, Package, PackageItem
from domain.catalog.rules import (
    ITEMS_MAX,
    QUANTITY_MAX,
    QUANTITY_MIN,
    VALIDITY_MAX,
    VALIDITY_MIN,
    validate_description,
    validate_item_count,
    validate_price,
    validate_quantity,
    validate_title,
    validate_validity,
)
from domain.errors import InvalidInput, PlanRequired
from domain.model import Plan
from domain.money import parse_amount, parse_currency
from domain.parsing import parse_positive_int


@dataclass
class PackageDraft:
    title: str = ""
    description: str = ""
    items: list[PackageItem] = field(default_factory=list)
    price_minor: int | None = None
    currency: str | None = None
    validity_days: int | None = None
    hidden: bool = False
    version: int | None = None  # of the package being edited; None for a new one

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values only."""
        return {
            "title": self.title,
            "description": self.description,
            "items": [_item_dict(item) for item in self.items],
            "price_minor": self.price_minor,
            "currency": self.currency,
            "validity_days": self.validity_days,
            "hidden": self.hidden,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PackageDraft:
        """Missing keys take their defaults, so drafts saved by older versions still load."""
        items = [_item_of(item) for item in data.get("items", [])]
        return cls(
            title=data.get("title", ""),
            description=data.get("description", ""),
            items=items,
            price_minor=_optional_int(data.get("price_minor")),
            currency=data.get("currency"),
            validity_days=_optional_int(data.get("validity_days")),
            hidden=bool(data.get("hidden", False)),
            version=_optional_int(data.get("version")),
        )

    def price(self) -> tuple[int, str]:
        """(minor units, currency), or InvalidInput while no price was set."""
        if self.price_minor is None or self.currency is None:
            raise InvalidInput("price", "price_unset")
        return self.price_minor, self.currency

    @classmethod
    def of(cls, package: Package) -> PackageDraft:
        """A draft holding every field of a stored package, for editing it."""
        return cls(
            title=package.title,
            description=package.description,
            items=list(package.items),
            price_minor=package.price_minor,
            currency=package.currency,
            validity_days=package.validity_days,
            hidden=package.hidden,
            version=package.version,
        )


def draft_set_title(draft: PackageDraft, text: str) -> None:
    draft.title = validate_title(text)


def draft_set_description(draft: PackageDraft, text: str) -> None:
    draft.description = validate_description(text)


def draft_add_item(
    draft: PackageDraft, kind: ItemKind | str, ref_id: int, quantity_text: str, title: str = ""
) -> None:
    """Add (kind, ref_id) × quantity. Adding something already in the draft adds to its
    quantity (still at most 100), so it never takes a second slot of the 20."""
    item_kind = _kind(kind)
    quantity = parse_positive_int(quantity_text, "quantity", QUANTITY_MIN, QUANTITY_MAX)
    for index, item in enumerate(draft.items):
        if (item.kind, item.ref_id) == (item_kind, ref_id):
            total = validate_quantity(item.quantity + quantity)
            draft.items[index] = replace(item, quantity=total, title=title or item.title)
            return
    if len(draft.items) >= ITEMS_MAX:
        raise InvalidInput("items", "items_too_many", limit=ITEMS_MAX)
    draft.items.append(PackageItem(item_kind, ref_id, quantity, title))


def draft_remove_item(draft: PackageDraft, kind: ItemKind | str, ref_id: int) -> bool:
    """Remove an item; False when it was not there (a stale button), which changes nothing."""
    item_kind = _kind(kind)
    kept = [i for i in draft.items if (i.kind, i.ref_id) != (item_kind, ref_id)]
    removed = len(kept) < len(draft.items)
    draft.items = kept
    return removed


def draft_set_price(draft: PackageDraft, amount_text: str, currency_text: str) -> None:
    """Price typed in the chosen currency ("49,90" + "EUR"); 0 makes the package free."""
    code = parse_currency(currency_text)
    draft.price_minor = parse_amount(amount_text, code)
    draft.currency = code


def draft_set_validity(draft: PackageDraft, text: str | None, plan: Plan) -> None:
    """Days a sold package stays usable ("30" or "30 days"); None means no limit (rule 2)."""
    if text is None:
        draft.validity_days = None
        return
    if not plan.allows_time_limited_packages:
        raise PlanRequired(Plan.GROWTH.value)
    clean = text.strip().lower().removesuffix("days").removesuffix("day").removesuffix("d")
    draft.validity_days = parse_positive_int(clean, "validity", VALIDITY_MIN, VALIDITY_MAX)


def draft_set_hidden(draft: PackageDraft, hidden: bool) -> None:
    draft.hidden = hidden


def check_draft(draft: PackageDraft, plan: Plan) -> PackageDraft:
    """The whole draft validated again (rules 1 and 2), as a clean copy with merged items."""
    title = validate_title(draft.title)
    description = validate_description(draft.description)
    merged = PackageDraft()
    for item in draft.items:
        draft_add_item(merged, item.kind, item.ref_id, str(item.quantity), item.title)
    validate_item_count(len(merged.items))
    price_minor, currency = draft.price()
    return PackageDraft(
        title=title,
        description=description,
        items=merged.items,
        price_minor=validate_price(price_minor, currency),
        currency=currency,
        validity_days=validate_validity(draft.validity_days, plan),
        hidden=draft.hidden,
    )


def _kind(kind: ItemKind | str) -> ItemKind:
    try:
        return ItemKind(kind)
    except ValueError as exc:
        raise InvalidInput("items", "item_kind_unknown") from exc


def _item_dict(item: PackageItem) -> dict[str, Any]:
    return {
        "kind": item.kind.value,
        "ref_id": item.ref_id,
        "quantity": item.quantity,
        "title": item.title,
    }


def _item_of(data: dict[str, Any]) -> PackageItem:
    kind = ItemKind(data["kind"])
    return PackageItem(
        kind, int(data["ref_id"]), int(data["quantity"]), str(data.get("title", ""))
    )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)
