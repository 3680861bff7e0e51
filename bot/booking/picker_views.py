"""The slot picker's texts and buttons (see `bot.booking.slot_picker`): days with free times
a week at a time, the times of one day in rows of four, always naming the zone the times
are in, and the summary's Confirm and Back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.kit.callbacks import Int
from domain.booking.picker import MAX_WEEK, WeekPage
from domain.errors import NotFound
from i18n import _, when

DAYS_PER_ROW = 3
TIMES_PER_ROW = 4
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MINUTES_MAX = 10**8  # past year 2160: not a time this bot ever offers

# What the picker's buttons carry, as callback fields (see bot.kit.callbacks).
WEEK = Int(0, MAX_WEEK)  # weeks from this one, within the longest booking horizon
DAY = Int(19700101, 99991231)  # yyyymmdd; `day_of` refuses one the calendar lacks
MINUTES = Int(0, _MINUTES_MAX)  # a start, in minutes since 1970


def days_text(title: str, page: WeekPage, zone: str) -> str:
    head = _("<b>{title}</b>: pick a day (week of {monday})").format(
        title=escape(title), monday=when(page.monday, "%a %d %b")
    )
    if not page.days:
        return f"{head}\n" + _("No free times this week. Times in {zone}.").format(
            zone=escape(zone)
        )
    return f"{head}\n" + _("Times in {zone}.").format(zone=escape(zone))


def days_keyboard(
    page: WeekPage,
    day_data: Callable[[date], str],
    week_data: Callable[[int], str],
    back: InlineKeyboardButton,
) -> InlineKeyboardMarkup:
    buttons = [button(when(d.day, "%a %d %b"), day_data(d.day)) for d in page.days]
    rows = [buttons[i : i + DAYS_PER_ROW] for i in range(0, len(buttons), DAYS_PER_ROW)]
    paging = []
    if page.has_previous:
        paging.append(button("◀", week_data(page.week - 1)))
    if page.has_next:
        paging.append(button("▶", week_data(page.week + 1)))
    return InlineKeyboardMarkup([*rows, *([paging] if paging else []), [back]])


def times_text(title: str, day: date, zone: str) -> str:
    return _("<b>{title}</b>: pick a time on {day} (times in {zone}).").format(
        title=escape(title), day=when(day, "%a %d %b"), zone=escape(zone)
    )


def times_keyboard(
    times: list[datetime], time_data: Callable[[datetime], str], back: InlineKeyboardButton
) -> InlineKeyboardMarkup:
    """`times` are local; a clock reading that occurs twice (the hour repeated when clocks
    go back) is labelled with its zone abbreviation."""
    readings = Counter(t.strftime("%H:%M") for t in times)
    buttons = [
        button(
            when(t, "%H:%M") + ("" if readings[t.strftime("%H:%M")] == 1 else t.strftime(" %Z")),
            time_data(t),
        )
        for t in times
    ]
    rows = [buttons[i : i + TIMES_PER_ROW] for i in range(0, len(buttons), TIMES_PER_ROW)]
    return InlineKeyboardMarkup([*rows, [back]])


def confirm_keyboard(
    yes: str,
    back: str,
    label: str = "",
    more: list[InlineKeyboardButton] | None = None,
) -> InlineKeyboardMarkup:
    """The summary's buttons: `label` (already said; none: Confirm) and ◀ Back, then a
    flow's `more` in a row."""
    # i18n: button
    label = label or _("✅ Confirm")
    # i18n: button
    rows = [[button(label, yes), button(_("◀ Back"), back)]]
    return InlineKeyboardMarkup([*rows, more] if more else rows)


def button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


# -- what the picker's buttons carry: a day as yyyymmdd, a start as minutes since 1970 --
def day_of(digits: int) -> date:
    try:
        return datetime.strptime(str(digits), "%Y%m%d").date()  # noqa: DTZ007 - a date only
    except ValueError as exc:
        raise NotFound() from exc


def minutes(moment: datetime) -> int:
    return int((moment - _EPOCH).total_seconds() // 60)


def moment_of(value: int) -> datetime:
    if not 0 <= value <= _MINUTES_MAX:
        raise NotFound()
    return _EPOCH + timedelta(minutes=value)


def day_digits(day: date) -> int:
    return int(f"{day:%Y%m%d}")
