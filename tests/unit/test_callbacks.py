"""The callback-data codec (bot/kit/callbacks.py): one declaration builds and reads a kind;
reading is strict (the whole data, every field in its range) and building refuses what a
press could never carry back."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import cast

import pytest
from telegram import Update

from bot.kit.callbacks import INT32_MAX, Callback, Confirmable, Either, Id, Int, Word
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons
from domain.errors import NotFound


@dataclass(frozen=True)
class Day:
    sold: int
    item: int
    week: int


BOOK_WEEK = Callback("bk:w", Day, sold=Id, item=Id, week=Int(0, 53))


def test_a_packed_press_reads_back_as_its_typed_fields() -> None:
    data = BOOK_WEEK.pack(sold=7, item=3, week=12)
    assert data == "bk:w:7:3:12"
    assert BOOK_WEEK.parse(data) == Day(7, 3, 12)


@pytest.mark.parametrize(
    "data",
    [
        "bk:w:7:3:600000",  # a week past the horizon
        f"bk:w:{INT32_MAX + 1}:3:1",  # an id PostgreSQL's INTEGER cannot hold
        "bk:w:99999999999:3:1",
        "bk:w:0:3:1",  # ids start at 1
        "bk:w:7:3",  # a field short
        "bk:w:7:3:1:9",  # a field too many
        "bk:w:07:3:1",  # a leading zero: never built, so forged
        "bk:w:-7:3:1",
        "bk:w:7:3:١",  # a non-ASCII digit
        "bk:wx:7:3:1",
        "",
        None,
    ],
)
def test_forged_or_out_of_range_data_is_not_found(data: str | None) -> None:
    assert BOOK_WEEK.read(data) is None
    with pytest.raises(NotFound):
        BOOK_WEEK.parse(data)


def test_packing_refuses_values_out_of_range_or_of_the_wrong_kind() -> None:
    with pytest.raises(ValueError, match="outside"):
        BOOK_WEEK.pack(sold=7, item=3, week=54)
    with pytest.raises(ValueError):
        BOOK_WEEK.pack(sold=INT32_MAX + 1, item=3, week=1)
    with pytest.raises(TypeError):
        BOOK_WEEK.pack(sold="7", item=3, week=1)
    with pytest.raises(TypeError):
        BOOK_WEEK.pack(sold=7, item=3)


def test_packing_refuses_data_over_telegrams_64_bytes() -> None:
    long = Callback("x", lambda token: token, token=Word(r"[a-z]{1,80}"))
    assert long.pack(token="a" * 62) == "x:" + "a" * 62
    with pytest.raises(ValueError, match="64 bytes"):
        long.pack(token="a" * 63)


def test_either_field_reads_a_number_or_a_word() -> None:
    kind = Callback("s", lambda value: value, value=Either(Int(0, 10**11), Word("none")))
    assert kind.parse(kind.pack(value=12)) == 12
    assert kind.parse(kind.pack(value="none")) == "none"
    assert kind.read("s:never") is None


async def test_the_one_router_runs_the_kind_whose_prefix_and_shape_match() -> None:
    async def run(_update: Update, _context: BotContext, press: object) -> object:
        return press

    other = Callback("bk:wx", lambda n: ("wx", n), n=Int(0, 9))
    kinds = [Callback("bk:w", lambda n: ("w", n), n=Int(0, 9)), other]
    handler = buttons(*(Route(kind, run) for kind in kinds), answer=False)

    async def press(data: str) -> object:
        update = SimpleNamespace(callback_query=SimpleNamespace(data=data))
        return await handler.callback(cast(Update, update), cast(BotContext, None))

    assert await press("bk:wx:4") == ("wx", 4)
    assert await press("bk:w:4") == ("w", 4)
    with pytest.raises(NotFound):
        await press("bk:w:40")


@dataclass(frozen=True)
class Removal:
    sold: int
    user: int
    yes: bool


def test_a_confirmable_button_asks_then_confirms_with_the_same_data_and_y() -> None:
    remove = Confirmable("t:hr", Removal, sold=Id, user=Id)
    assert remove.pack(sold=7, user=42) == "t:hr:7:42"
    assert remove.pack(True, sold=7, user=42) == "t:hr:7:42:y"
    assert remove.ask.parse("t:hr:7:42") == Removal(7, 42, False)
    assert remove.yes.parse("t:hr:7:42:y") == Removal(7, 42, True)
    assert remove.ask.read("t:hr:7:42:y") is None
    with pytest.raises(NotFound):
        remove.yes.parse("t:hr:7:42:yes")
