"""The row ⇄ domain copy by name that the repositories' mappers share."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from persistence.repositories.rows import domain_of, values_of


@dataclass(frozen=True)
class Thing:
    id: int
    title: str
    kind: str
    note: str = ""


def test_fields_named_alike_are_copied_and_given_ones_win() -> None:
    row = SimpleNamespace(id=7, title="Yoga", kind="raw", note="n", extra="ignored")
    assert domain_of(Thing, row, kind="typed") == Thing(7, "Yoga", "typed", "n")


def test_a_field_the_row_lacks_is_an_error_not_a_default() -> None:
    with pytest.raises(AttributeError):
        domain_of(Thing, SimpleNamespace(id=7, title="Yoga", kind="k"))


def test_values_are_read_by_name_then_given() -> None:
    thing = Thing(7, "Yoga", "k")
    assert values_of(thing, ("title", "note"), kind="K") == {
        "title": "Yoga",
        "note": "",
        "kind": "K",
    }
