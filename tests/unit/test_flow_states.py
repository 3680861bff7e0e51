"""Every flow keeps a typed state stored as plain JSON in user_data (persisted across
restarts): the JSON the flows stored before they were typed loads into the typed state and
is stored back unchanged; what does not load is None (the step then ends the flow with a
word instead of a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from bot.booking.availability_state import Screen
from bot.calendars.connecting import Connecting
from bot.home.timezone import Choosing
from bot.kit.flows import Record
from bot.selling.flows import Granting, NewExpiry
from domain.booking.availability import DaysOff, TimeRange
from domain.booking.availability_text import Setting

STORED_BEFORE: list[tuple[Any, dict[str, Any], object]] = [
    (Screen, {}, Screen()),
    (Screen, {"field": "day", "weekday": 2}, Screen("day", weekday=2)),
    (Screen, {"field": "set", "setting": "cancel"}, Screen("set", setting=Setting.CANCEL_WINDOW)),
    (Screen, {"field": "offadd"}, Screen("offadd")),
    (Screen, {"field": "away"}, Screen("away")),
    (
        Screen,
        {"week": {"0": [[540, 720], [840, 1080]], "5": []}},
        Screen(week={0: (TimeRange(540, 720), TimeRange(840, 1080)), 5: ()}),
    ),
    (
        Screen,
        {"away": ["2026-12-24", "2027-01-02"]},
        Screen(away=DaysOff(date(2026, 12, 24), date(2027, 1, 2))),
    ),
    (Connecting, {}, Connecting()),
    (Connecting, {"sealed": "s1", "host": "dav.example"}, Connecting("s1", "dav.example")),
    (
        Connecting,
        {"sealed": "s2", "host": "dav.example", "label": "ann@dav.example"},
        Connecting("s2", "dav.example", "ann@dav.example"),
    ),
    (
        Connecting,
        {
            "sealed": "s3",
            "host": "dav.example",
            "label": "ann@dav.example",
            "calendars": [["https://dav.example/a/", "Home"], ["https://dav.example/b/", "Work"]],
            "blocking": [0, 1],
            "target": None,
        },
        Connecting(
            "s3",
            "dav.example",
            "ann@dav.example",
            (("https://dav.example/a/", "Home"), ("https://dav.example/b/", "Work")),
            (0, 1),
            None,
        ),
    ),
    (Granting, {"package_id": 7}, Granting(7)),
    (NewExpiry, {"sold_id": 3, "how": "date"}, NewExpiry(3, "date")),
    (Choosing, {}, Choosing()),
]


@pytest.mark.parametrize(("kind", "stored", "state"), STORED_BEFORE)
def test_a_state_stored_before_loads_and_is_stored_back_the_same(
    kind: Any, stored: dict[str, Any], state: object
) -> None:
    assert kind.load(stored) == state
    assert kind.load(stored).to_dict() == stored


@pytest.mark.parametrize(
    ("kind", "stored"),
    [
        (Screen, {"field": "day"}),  # its weekday lost
        (Screen, {"field": "set", "setting": "soon"}),
        (Screen, {"field": "elsewhere"}),
        (Screen, {"week": {"Mon": [[540, 720]]}}),
        (Screen, {"away": ["2026-12-24"]}),
        (Connecting, {"sealed": 5}),
        (Connecting, {"sealed": "s", "calendars": [["only an address"]], "blocking": []}),
        (Granting, {}),
        (Granting, {"package_id": "7"}),
        (Granting, {"package_id": True}),
        (NewExpiry, {"sold_id": 3}),
    ],
)
def test_a_state_that_does_not_load_is_none(kind: Any, stored: dict[str, Any]) -> None:
    assert kind.load(stored) is None


@dataclass(frozen=True)
class Asking(Record):
    item: int
    note: str | None = None


def test_a_record_stores_its_set_fields_and_loads_them_checked() -> None:
    assert Asking(4).to_dict() == {"item": 4}
    assert Asking(4, "soon").to_dict() == {"item": 4, "note": "soon"}
    assert Asking.load({"item": 4}) == Asking(4)
    assert Asking.load({"item": 4, "note": "soon"}) == Asking(4, "soon")
    assert Asking.load({"item": 4, "note": 5}) is None
    assert Asking.load({"note": "soon"}) is None
