"""Rows ⇄ domain objects: what is named and typed alike on both sides is copied by name, so
each mapper says only what differs (an enum, a renamed column, what comes from elsewhere)."""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")


@cache
def _field_names(cls: type[DataclassInstance]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)


def domain_of(cls: type[D], row: object, **given: Any) -> D:
    """A `cls` from `row`: every field not `given` is the row's attribute of that name (a
    field the row lacks is an error, never a silent default)."""
    same = {name: getattr(row, name) for name in _field_names(cls) if name not in given}
    return cls(**same, **given)


def values_of(source: object, names: tuple[str, ...], **given: Any) -> dict[str, Any]:
    """Column values for an insert or update: `names` read from `source`, then `given`."""
    return {**{name: getattr(source, name) for name in names}, **given}
