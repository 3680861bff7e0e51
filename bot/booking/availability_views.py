"""What `/availability` says and its buttons. Callback data: `av:<what>[:<arg>…]`, one kind
per button on the codec (bot/kit/callbacks.py), each routed to its action (availability.py)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.kit.callbacks import Callback, Day, Int, Word
from domain.booking.availability import Availability, CancelPolicy, DaysOff, TimeRange
from domain.booking.availability_text import Setting
from i18n import N_, _, ngettext, when

PREFIX = "av"
MENU = "av.menu"
TYPING = "av.typing"
AWAY = Callback("avaw:ask", lambda: "away")  # 🏖 Time away (bot/booking/availability_away.py)
_A_MONDAY = date(2024, 1, 1)
# Labels, both on the rules' buttons and in the screen's list of rules.
SETTING_LABELS = {
    # i18n: button
    Setting.NOTICE: N_("Minimum notice"),
    # i18n: button
    Setting.HORIZON: N_("Booking horizon"),
    # i18n: button
    Setting.BUFFER: N_("Buffer between sessions"),
    # i18n: button
    Setting.STEP: N_("Slot step"),
    # i18n: button
    Setting.CANCEL_WINDOW: N_("Cancellation window"),
}
SETTING_QUESTIONS = {
    # i18n: 12, 2d, 90m are typed as they are (d: days, m: minutes) in every language
    Setting.NOTICE: N_(
        "How long before a session must it be booked at the latest? Hours, or with a unit: "
        "<code>12</code>, <code>2d</code>, <code>90m</code> (0 to 30 days)."
    ),
    Setting.HORIZON: N_("How many days ahead can clients book? <code>60</code> (1 to 365)."),
    Setting.BUFFER: N_(
        "How many free minutes do you keep between two sessions? "
        "<code>0</code> to <code>240</code>."
    ),
    Setting.STEP: N_(
        "Every how many minutes may a session start? <code>30</code> means "
        "09:00, 09:30, … (5 to 240, a multiple of 5)."
    ),
    Setting.CANCEL_WINDOW: N_(
        "Until how many hours before a session may a client cancel or "
        "move it? <code>24</code>, or <code>2d</code> (0 to 30 days)."
    ),
}

DONE = N_("Your availability is saved. Clients see free times from it when they book.")
STOPPED = N_("Stopped. Every change you made before is saved.")
NO_DAYS_OFF = N_("You have no days off planned.")
ASK_DAYS_OFF = N_(
    "Which days are you off? Type one date or a range, in your time zone: "
    "<code>24.12.2026</code> or <code>24.12.2026 - 2.1.2027</code>. /cancel to stop."
)
SAVED = N_("Saved.")
POLICY_LABEL = N_("Inside the window")
POLICIES = {
    CancelPolicy.BLOCK: N_("clients cannot cancel; only you can"),
    CancelPolicy.LATE: N_("clients can cancel late, and the session counts as used"),
}
POLICY_BUTTONS = {
    # i18n: button
    CancelPolicy.BLOCK: N_("🔓 Allow late cancel (session used)"),
    # i18n: button
    CancelPolicy.LATE: N_("🔒 No cancelling inside the window"),
}


@dataclass(frozen=True)
class Pressed:
    """A parsed button: `what` is day, set, offx, offadd, offrm, done or menu."""

    what: str
    weekday: int = 0
    setting: Setting = Setting.NOTICE
    days_off: DaysOff | None = None
    policy: CancelPolicy = CancelPolicy.BLOCK


# Sets the policy to a value (pressing it twice sets the same value), so it is not routed
# once; it comes back on the same message with the other value.
POLICY = Callback(
    f"{PREFIX}:pol", lambda to: Pressed("pol", policy=CancelPolicy(to)), to=Word("block|late")
)


DAY = Callback(f"{PREFIX}:day", lambda day: Pressed("day", weekday=day), day=Int(0, 6))
SETTING = Callback(
    f"{PREFIX}:set",
    lambda name: Pressed("set", setting=Setting(name)),
    name=Word("|".join(s.value for s in Setting)),
)
DROP_DAYS_OFF = Callback(
    f"{PREFIX}:offx",
    lambda first, last: Pressed("offx", days_off=DaysOff(first, last)),
    first=Day(),
    last=Day(),
)
ADD_DAYS_OFF, LIST_DAYS_OFF, DONE_BUTTON, BACK = (
    Callback(f"{PREFIX}:{what}", functools.partial(Pressed, what))
    for what in ("offadd", "offrm", "done", "menu")
)


def weekday(day: int, pattern: str = "%a") -> str:
    """Weekday `day` (0: Monday) in the current language: `Mon` (`%a`) or `Monday` (`%A`)."""
    return when(_A_MONDAY + timedelta(days=day), pattern)


def menu_text(availability: Availability, zone: str, note: str = "") -> str:
    week = "\n".join(f"{weekday(day)}: {_ranges(availability.ranges_on(day))}" for day in range(7))
    # i18n: no days off planned
    off = "; ".join(_days_off(d) for d in availability.days_off) or _("none")
    s = availability.settings
    settings = "\n".join(
        f"{_(SETTING_LABELS[k])}: {v}"
        for k, v in (
            (Setting.NOTICE, span(s.notice)),
            (Setting.HORIZON, days(s.horizon_days)),
            (Setting.BUFFER, _minutes(s.buffer_minutes)),
            (Setting.STEP, _minutes(s.step_minutes)),
            (Setting.CANCEL_WINDOW, span(s.cancel_window)),
        )
    )
    settings += f"\n{_(POLICY_LABEL)}: {_(POLICIES[s.cancel_policy])}"
    head = f"{escape(note)}\n\n" if note else ""
    title = _("<b>Your availability</b> · times in {zone}").format(zone=escape(zone))
    off_line = _("<b>Days off</b>: {days}").format(days=off)
    # i18n: Mon-Fri and Sat are typed as they are (English day names) in every language
    how = _(
        "Press a day to set its hours, or a rule to change it. Or type your week in one "
        "message, a line per day or days: <code>Mon-Fri 09:00-12:00, 14:00-18:00</code> "
        "and <code>Sat 10:00-14:00</code>."
    )
    rules = _("<b>Booking rules</b>")
    return f"{head}{title}\n{week}\n\n{off_line}\n\n{rules}\n{settings}\n\n{how}"


def menu_keyboard(availability: Availability) -> InlineKeyboardMarkup:
    days = [_button(weekday(d), DAY.pack(day=d)) for d in range(7)]
    # i18n: button
    off_row = [_button(_("➕ Days off"), ADD_DAYS_OFF.pack())]
    if availability.days_off:
        # i18n: button
        off_row.append(_button(_("➖ Days off"), LIST_DAYS_OFF.pack()))
    # i18n: button
    off_row.append(_button(_("🏖 Time away"), AWAY.pack()))
    rules = [_button(_(SETTING_LABELS[s]), SETTING.pack(name=s.value)) for s in Setting]
    current = availability.settings.cancel_policy
    other = CancelPolicy.LATE if current is CancelPolicy.BLOCK else CancelPolicy.BLOCK
    policy = _button(_(POLICY_BUTTONS[current]), POLICY.pack(to=other.value))
    # i18n: button
    done = _button(_("✅ Done"), DONE_BUTTON.pack())
    return InlineKeyboardMarkup(
        [days[:4], days[4:], off_row, rules[:2], rules[2:4], rules[4:], [policy], [done]]
    )


def ask_day(day: int, availability: Availability) -> str:
    now = _ranges(availability.ranges_on(day))
    # i18n: "off" in <code> is typed as it is in every language
    return _(
        "Working hours on <b>{day}</b> (now: {hours}). Type one or more ranges, like "
        "<code>09:00-12:00, 14:00-18:00</code>, or <code>off</code>. /cancel to stop."
    ).format(day=weekday(day, "%A"), hours=now)


def ask_setting(setting: Setting) -> str:
    label, question = _(SETTING_LABELS[setting]), _(SETTING_QUESTIONS[setting])
    return _("<b>{label}</b>: {question} /cancel to stop.").format(label=label, question=question)


def days_off_keyboard(availability: Availability) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"🗑 {_days_off(d)}", DROP_DAYS_OFF.pack(first=d.first, last=d.last))]
        for d in availability.days_off
    ]
    # i18n: button
    return InlineKeyboardMarkup([*rows, [_button(_("◀ Back"), BACK.pack())]])


REMOVE_DAYS_OFF = N_("Which days off should go? Press one to remove it.")


def span(value: timedelta) -> str:
    """A duration in its largest whole unit: `2 days`, `24 h`, `90 min`."""
    minutes = int(value.total_seconds() // 60)
    if minutes and minutes % (24 * 60) == 0:
        return days(minutes // (24 * 60))
    if minutes % 60 == 0:
        return _("{hours} h").format(hours=minutes // 60)
    return _minutes(minutes)


def days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count).format(count=count)


def _minutes(count: int) -> str:
    return _("{minutes} min").format(minutes=count)


def off_or(ranges: str) -> str:
    """A day's hours, or that it is off."""
    # i18n: a weekday without working hours
    return ranges or _("off")


def _ranges(ranges: tuple[TimeRange, ...]) -> str:
    return off_or(", ".join(r.label() for r in ranges))


def _days_off(off: DaysOff) -> str:
    if off.first == off.last:
        return when(off.first, "%a %d %b %Y")
    return f"{when(off.first, '%d %b %Y')} – {when(off.last, '%d %b %Y')}"


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)
