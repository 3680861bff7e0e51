"""What Repeat weekly says and its buttons: how many weeks, which are free, what was booked,
and what the other side is told. Callback data: `bot.booking.holder_views.WEEKLY_KINDS`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking.holder_views import A_CLIENT, moment
from bot.booking.picker_views import button
from domain.booking.model import SessionBooking
from domain.booking.weekly import WeeklyPlan
from i18n import N_, _, ngettext, when

# i18n: button
REPEAT = N_("🔁 Repeat weekly")
COUNTS_PER_ROW = 4


def weeks_question(title: str, first: datetime, zone: str) -> str:
    local = first.astimezone(ZoneInfo(zone))
    # i18n: {weekday}: "Tuesday"; {clock}: "09:00"; {first}: "Tue 1 Dec 09:00"
    return _(
        "Book <b>{title}</b> every week on {weekday} at {clock} ({zone}), starting {first}. "
        "For how many weeks, this one included?"
    ).format(
        title=escape(title),
        weekday=when(local, "%A"),
        clock=when(local, "%H:%M"),
        zone=escape(zone),
        first=moment(first, zone),
    )


def weeks_keyboard(most: int, count_data: Callable[[int], str], back: str) -> InlineKeyboardMarkup:
    buttons = [
        # i18n: button
        button(ngettext("{count} week", "{count} weeks", n).format(count=n), count_data(n))
        for n in range(2, most + 1)
    ]
    rows = [buttons[i : i + COUNTS_PER_ROW] for i in range(0, len(buttons), COUNTS_PER_ROW)]
    # i18n: button
    return InlineKeyboardMarkup([*rows, [button(_("◀ Back"), back)]])


def plan_text(title: str, plan: WeeklyPlan, zone: str, note: str = "") -> str:
    weeks = len(plan.starts)
    lines = [f"{escape(note)}\n"] if note else []
    head = ngettext(
        "<b>{title}</b> every week, {count} week (times in {zone}):",
        "<b>{title}</b> every week, {count} weeks (times in {zone}):",
        weeks,
    )
    lines.append(head.format(title=escape(title), count=weeks, zone=escape(zone)))
    for start in plan.starts:
        mark = "✅" if start in plan.free else "❌"
        late = "" if start in plan.free else " — " + _("not free")
        lines.append(f"{mark} {moment(start, zone)}{late}")
    free = len(plan.free_starts)
    if free == weeks:
        all_free = ngettext("All {count} are free.", "All {count} are free.", weeks)
        lines.append("\n" + all_free.format(count=weeks))
    elif free:
        # i18n: {count} of {weeks} weeks
        some = ngettext(
            "{count} of {weeks} is free: book it?",
            "{count} of {weeks} are free: book those?",
            free,
        )
        lines.append("\n" + some.format(count=free, weeks=weeks))
    else:
        lines.append("\n" + _("None of these weeks is free. Pick another time."))
    return "\n".join(lines)


def book_label(free: int, weeks: int) -> str:
    if free == weeks:
        # i18n: button
        return ngettext("✅ Book all {count}", "✅ Book all {count}", weeks).format(count=weeks)
    # i18n: button
    label = ngettext("✅ Book the {count} free week", "✅ Book the {count} free weeks", free)
    return label.format(count=free)


def plan_keyboard(yes: InlineKeyboardButton | None, back: str) -> InlineKeyboardMarkup:
    # i18n: button
    return InlineKeyboardMarkup([[*([yes] if yes else []), button(_("◀ Back"), back)]])


def _times(bookings: list[SessionBooking], zone: str) -> str:
    return ", ".join(moment(b.starts_at, zone) for b in bookings)


def booked(bookings: list[SessionBooking], zone: str) -> str:
    count = len(bookings)
    head = ngettext(
        "Booked {count} session of {title}, every week (times in {zone}):",
        "Booked {count} sessions of {title}, every week (times in {zone}):",
        count,
    ).format(count=count, title=escape(bookings[0].title), zone=escape(zone))
    lines = [head]
    lines += [f"• {moment(b.starts_at, zone)}" for b in bookings]
    lines.append(_("Each one can be cancelled or moved on its own."))
    return "\n".join(lines)


def coach_notice(bookings: list[SessionBooking], zone: str, client: str | None) -> str:
    # i18n: {times}: "Tue 1 Dec 09:00, Tue 8 Dec 09:00"
    return _("{client} booked <b>{title}</b> every week: {times} ({zone}).").format(
        client=escape(client or _(A_CLIENT)),
        title=escape(bookings[0].title),
        times=_times(bookings, zone),
        zone=escape(zone),
    )


def client_notice(bookings: list[SessionBooking], zone: str) -> str:
    # i18n: {times}: "Tue 1 Dec 09:00, Tue 8 Dec 09:00"
    return _("Your coach booked <b>{title}</b> every week: {times} ({zone}).").format(
        title=escape(bookings[0].title), times=_times(bookings, zone), zone=escape(zone)
    )
