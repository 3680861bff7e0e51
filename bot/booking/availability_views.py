"""What `/availability` says and its buttons. Callback data: `av:<what>[:<arg>]`, parsed
strictly by `parse`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.booking.availability import Availability, DaysOff, TimeRange
from domain.booking.availability_text import Setting
from domain.errors import NotFound

PREFIX = "av"
FLOW = "availability"  # the conversation and its flow state
MENU = "av.menu"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SETTING_LABELS = {
    Setting.NOTICE: "Minimum notice",
    Setting.HORIZON: "Booking horizon",
    Setting.BUFFER: "Buffer between sessions",
    Setting.STEP: "Slot step",
    Setting.CANCEL_WINDOW: "Cancellation window",
}
SETTING_QUESTIONS = {
    Setting.NOTICE: "How long before a session must it be booked at the latest? "
    "Hours, or with a unit: <code>12</code>, <code>2d</code>, <code>90m</code> (0 to 30 days).",
    Setting.HORIZON: "How many days ahead can clients book? <code>60</code> (1 to 365).",
    Setting.BUFFER: "How many free minutes do you keep between two sessions? "
    "<code>0</code> to <code>240</code>.",
    Setting.STEP: "Every how many minutes may a session start? <code>30</code> means "
    "09:00, 09:30, … (5 to 240, a multiple of 5).",
    Setting.CANCEL_WINDOW: "Until how many hours before a session may a client cancel or "
    "move it? <code>24</code>, or <code>2d</code> (0 to 30 days).",
}

_DATA = re.compile(
    r"av:(?:(?P<what>day):(?P<day>[0-6])|(?P<set>set):(?P<setting>[a-z]{1,8})"
    r"|(?P<offx>offx):(?P<first>[0-9]{8}):(?P<last>[0-9]{8})|(?P<plain>offadd|offrm|done|menu))"
)

DONE = "Your availability is saved. Clients see free times from it when they book."
STOPPED = "Stopped. Every change you made before is saved."
NO_DAYS_OFF = "You have no days off planned."
ASK_DAYS_OFF = (
    "Which days are you off? Type one date or a range, in your time zone: "
    "<code>24.12.2026</code> or <code>24.12.2026 - 2.1.2027</code>. /cancel to stop."
)
SAVED = "Saved."


@dataclass(frozen=True)
class Pressed:
    """A parsed button: `what` is day, set, offx, offadd, offrm, done or menu."""

    what: str
    weekday: int = 0
    setting: Setting = Setting.NOTICE
    days_off: DaysOff | None = None


def parse(data: str | None) -> Pressed:
    """Strict parse; anything else is NotFound."""
    match = _DATA.fullmatch(data or "")
    if match is None:
        raise NotFound()
    if match["what"]:
        return Pressed("day", weekday=int(match["day"]))
    if match["set"]:
        try:
            return Pressed("set", setting=Setting(match["setting"]))
        except ValueError as exc:
            raise NotFound() from exc
    if match["offx"]:
        return Pressed("offx", days_off=DaysOff(_date(match["first"]), _date(match["last"])))
    return Pressed(match["plain"])


def _date(digits: str) -> date:
    try:
        return datetime.strptime(digits, "%Y%m%d").date()  # noqa: DTZ007 - a date only
    except ValueError as exc:
        raise NotFound() from exc


def menu_text(availability: Availability, zone: str, note: str = "") -> str:
    week = "\n".join(
        f"{WEEKDAYS[day]}: {_ranges(availability.ranges_on(day))}" for day in range(7)
    )
    off = "; ".join(_days_off(d) for d in availability.days_off) or "none"
    s = availability.settings
    settings = "\n".join(
        f"{SETTING_LABELS[k]}: {v}"
        for k, v in (
            (Setting.NOTICE, span(s.notice)),
            (Setting.HORIZON, f"{s.horizon_days} days"),
            (Setting.BUFFER, f"{s.buffer_minutes} min"),
            (Setting.STEP, f"{s.step_minutes} min"),
            (Setting.CANCEL_WINDOW, span(s.cancel_window)),
        )
    )
    head = f"{escape(note)}\n\n" if note else ""
    return (
        f"{head}<b>Your availability</b> · times in {escape(zone)}\n{week}\n\n"
        f"<b>Days off</b>: {off}\n\n<b>Booking rules</b>\n{settings}\n\n"
        "Press a day to set its hours, or a rule to change it. Or type your week in one "
        "message, a line per day or days: <code>Mon-Fri 09:00-12:00, 14:00-18:00</code> "
        "and <code>Sat 10:00-14:00</code>."
    )


def menu_keyboard(availability: Availability) -> InlineKeyboardMarkup:
    days = [_button(WEEKDAYS[d], f"{PREFIX}:day:{d}") for d in range(7)]
    off_row = [_button("➕ Days off", f"{PREFIX}:offadd")]
    if availability.days_off:
        off_row.append(_button("➖ Days off", f"{PREFIX}:offrm"))
    rules = [_button(SETTING_LABELS[s], f"{PREFIX}:set:{s.value}") for s in Setting]
    return InlineKeyboardMarkup(
        [days[:4], days[4:], off_row, rules[:2], rules[2:4], rules[4:],
         [_button("✅ Done", f"{PREFIX}:done")]]
    )  # fmt: skip


def ask_day(weekday: int, availability: Availability) -> str:
    now = _ranges(availability.ranges_on(weekday))
    return (
        f"Working hours on <b>{WEEKDAY_NAMES[weekday]}</b> (now: {now}). Type one or more "
        "ranges, like <code>09:00-12:00, 14:00-18:00</code>, or <code>off</code>. /cancel to stop."
    )


def ask_setting(setting: Setting) -> str:
    return f"<b>{SETTING_LABELS[setting]}</b>: {SETTING_QUESTIONS[setting]} /cancel to stop."


def days_off_keyboard(availability: Availability) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"🗑 {_days_off(d)}", f"{PREFIX}:offx:{d.first:%Y%m%d}:{d.last:%Y%m%d}")]
        for d in availability.days_off
    ]
    return InlineKeyboardMarkup([*rows, [_button("◀ Back", f"{PREFIX}:menu")]])


REMOVE_DAYS_OFF = "Which days off should go? Press one to remove it."


def span(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    if minutes and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return f"{days} day" if days == 1 else f"{days} days"
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def _ranges(ranges: tuple[TimeRange, ...]) -> str:
    return ", ".join(r.label() for r in ranges) or "off"


def _days_off(off: DaysOff) -> str:
    if off.first == off.last:
        return f"{off.first:%a %d %b %Y}"
    return f"{off.first:%d %b %Y} – {off.last:%d %b %Y}"


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)
