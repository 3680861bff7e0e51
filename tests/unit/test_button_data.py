"""Buttons already sent stay in chats: the data of the time-zone and availability buttons,
now built and read by the codec, is the data those old messages carry; their dates are a
`Day` field (yyyymmdd)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.booking import availability
from bot.booking import availability_views as views
from bot.kit.callbacks import Callback, Day
from bot.kit.keyboards import ZONE, timezone_choices
from domain.booking.availability import Availability, DaysOff
from domain.booking.availability_text import Setting
from domain.errors import NotFound


def data_of(keyboard: object) -> list[str]:
    rows = keyboard.inline_keyboard  # type: ignore[attr-defined]
    return [button.callback_data for row in rows for button in row]


def test_the_time_zone_buttons_carry_tz_and_the_zone() -> None:
    assert data_of(timezone_choices())[:3] == ["tz:UTC", "tz:Europe/London", "tz:Europe/Berlin"]
    assert ZONE.parse("tz:America/New_York") == "America/New_York"
    assert ZONE.read("tz:") is None
    assert ZONE.read("tz:Europe/Berlin:x") is None


def test_the_availability_buttons_keep_their_data_and_read_back() -> None:
    off = DaysOff(date(2026, 12, 24), date(2027, 1, 2))
    availability = Availability(1, days_off=(off,))
    menu = data_of(views.menu_keyboard(availability))
    assert menu == [
        *(f"av:day:{d}" for d in range(7)),
        "av:offadd",
        "av:offrm",
        "avaw:ask",
        *(f"av:set:{s.value}" for s in Setting),
        "av:pol:late",
        "av:done",
    ]
    assert data_of(views.days_off_keyboard(availability)) == [
        "av:offx:20261224:20270102",
        "av:menu",
    ]
    assert views.DAY.parse("av:day:3") == views.Pressed("day", weekday=3)
    assert views.SETTING.parse("av:set:cancel") == views.Pressed(
        "set", setting=Setting.CANCEL_WINDOW
    )
    assert views.DROP_DAYS_OFF.parse("av:offx:20261224:20270102") == views.Pressed(
        "offx", days_off=off
    )
    assert views.BACK.parse("av:menu") == views.Pressed("menu")


@pytest.mark.parametrize(
    "data", ["av:day:7", "av:day:01", "av:set:soon", "av:offx:20261301:20270102", "av:done:1"]
)
def test_forged_availability_data_is_not_found(data: str) -> None:
    for route in availability.SCREEN:  # the router answers NotFound when none reads it
        with pytest.raises(NotFound):
            route.kind.parse(data)


def test_a_day_field_reads_a_real_date_written_yyyymmdd() -> None:
    kind = Callback("off", lambda first, last: (first, last), first=Day(), last=Day())
    data = kind.pack(first=date(2026, 12, 24), last=date(2027, 1, 2))
    assert data == "off:20261224:20270102"
    assert kind.parse(data) == (date(2026, 12, 24), date(2027, 1, 2))
    for forged in ("off:20261301:20270102", "off:2026122:20270102", "off:2026-1-1:20270102"):
        assert kind.read(forged) is None
    with pytest.raises(TypeError):
        kind.pack(first="20261224", last=date(2027, 1, 2))
