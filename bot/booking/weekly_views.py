"""What Repeat weekly says and its buttons: how many weeks, which are free, what was booked,
and what the other side is told. Callback data: `bot.booking.holder_views.WEEKLY_KINDS`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking.holder_views import moment
from bot.booking.picker_views import button
from domain.booking.model import SessionBooking
from domain.booking.weekly import WeeklyPlan

REPEAT = "🔁 Repeat weekly"
COUNTS_PER_ROW = 4


def weeks_question(title: str, first: datetime, zone: str) -> str:
    local = first.astimezone(ZoneInfo(zone))
    return (
        f"Book <b>{escape(title)}</b> every week on {local:%A} at {local:%H:%M} "
        f"({escape(zone)}), starting {moment(first, zone)}. For how many weeks, this one "
        "included?"
    )


def weeks_keyboard(most: int, count_data: Callable[[int], str], back: str) -> InlineKeyboardMarkup:
    buttons = [button(f"{n} weeks", count_data(n)) for n in range(2, most + 1)]
    rows = [buttons[i : i + COUNTS_PER_ROW] for i in range(0, len(buttons), COUNTS_PER_ROW)]
    return InlineKeyboardMarkup([*rows, [button("◀ Back", back)]])


def plan_text(title: str, plan: WeeklyPlan, zone: str, note: str = "") -> str:
    weeks = len(plan.starts)
    lines = [f"{escape(note)}\n"] if note else []
    lines.append(f"<b>{escape(title)}</b> every week, {weeks} weeks (times in {escape(zone)}):")
    for start in plan.starts:
        mark = "✅" if start in plan.free else "❌"
        late = "" if start in plan.free else " — not free"
        lines.append(f"{mark} {moment(start, zone)}{late}")
    free = len(plan.free_starts)
    if free == weeks:
        lines.append(f"\nAll {weeks} are free.")
    elif free:
        lines.append(f"\n{free} of {weeks} are free: book those?")
    else:
        lines.append("\nNone of these weeks is free. Pick another time.")
    return "\n".join(lines)


def book_label(free: int, weeks: int) -> str:
    return f"✅ Book all {weeks}" if free == weeks else f"✅ Book the {free} free weeks"


def plan_keyboard(yes: InlineKeyboardButton | None, back: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[*([yes] if yes else []), button("◀ Back", back)]])


def _times(bookings: list[SessionBooking], zone: str) -> str:
    return ", ".join(moment(b.starts_at, zone) for b in bookings)


def booked(bookings: list[SessionBooking], zone: str) -> str:
    lines = [
        f"Booked {len(bookings)} sessions of {escape(bookings[0].title)}, every week "
        f"(times in {escape(zone)}):"
    ]
    lines += [f"• {moment(b.starts_at, zone)}" for b in bookings]
    lines.append("Each one can be cancelled or moved on its own.")
    return "\n".join(lines)


def coach_notice(bookings: list[SessionBooking], zone: str, client: str | None) -> str:
    who = escape(client or "A client")
    title = escape(bookings[0].title)
    return f"{who} booked <b>{title}</b> every week: {_times(bookings, zone)} ({escape(zone)})."


def client_notice(bookings: list[SessionBooking], zone: str) -> str:
    title, times = escape(bookings[0].title), _times(bookings, zone)
    return f"Your coach booked <b>{title}</b> every week: {times} ({escape(zone)})."
