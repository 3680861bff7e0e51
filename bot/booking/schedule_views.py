"""What `/schedule` says and its buttons (their data: `bot.booking.schedule_buttons`)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking.schedule_buttons import SHOW_WEEK, move_data, session_data
from domain.booking.model import ScheduleEntry, SessionBooking
from domain.booking.schedule import ScheduleWeek
from domain.booking.waitlist import InLine, WaitState

CANCELLED_NOTE = "Cancelled. The client was told, and the session is back in their package."
CANCELLED_EXPIRED_NOTE = (
    "Cancelled. The client was told; their package has expired, so no unit came back."
)
NO_SHOW_NOTE = "Marked as a no-show: the session stays used."


def week_text(week: ScheduleWeek) -> str:
    head = f"<b>Your schedule</b> · week of {week.monday:%a %d %b} · times in {escape(week.zone)}"
    if not week.days:
        return f"{head}\n\nNo sessions this week."
    zone = ZoneInfo(week.zone)
    parts = [head]
    for day, entries in week.days:
        lines = [f"\n<b>{day:%a %d %b}</b>"]
        lines += [f"{_span(e.booking, zone)} {_who(e)}" for e in entries]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def week_keyboard(week: ScheduleWeek) -> InlineKeyboardMarkup:
    zone = ZoneInfo(week.zone)
    rows = [
        [
            _button(
                f"{_moment(e.booking.starts_at, zone)} · {e.booking.title}"[:60],
                _data("s", e, week.week),
            )
        ]
        for _day, entries in week.days
        for e in entries
    ]
    paging = []
    if week.has_previous:
        paging.append(_button("◀", SHOW_WEEK.pack(week=week.week - 1)))
    if week.has_next:
        paging.append(_button("▶", SHOW_WEEK.pack(week=week.week + 1)))
    return InlineKeyboardMarkup([*rows, paging] if paging else rows)


def session_text(entry: ScheduleEntry, zone: str, note: str = "") -> str:
    booking = entry.booking
    tz = ZoneInfo(zone)
    status = "" if booking.is_active else f"\nStatus: {booking.status.value.replace('_', '-')}"
    head = f"{escape(note)}\n\n" if note else ""
    return (
        f"{head}<b>{escape(booking.title)}</b>\n"
        f"{booking.starts_at.astimezone(tz):%a %d %b} {_span(booking, tz)} ({escape(zone)})\n"
        f"Client: {escape(entry.client_name or 'not known yet')}\n"
        f"Package: {escape(entry.package_title)}{status}"
    )


def waitlist_text(line: list[InLine], zone: str) -> str:
    """Who waits for the seat's date, in line order (empty: nothing to add)."""
    if not line:
        return ""
    tz = ZoneInfo(zone)
    names = []
    for place in line:
        name = escape(place.name or "a client")
        until = place.entry.hold_until
        if place.entry.state is WaitState.OFFERED and until is not None:
            name += f" (seat held until {_moment(until, tz)})"
        names.append(name)
    return "\n\n<b>Waitlist for this date</b>: " + " · ".join(
        f"{n}. {name}" for n, name in enumerate(names, 1)
    )


def session_keyboard(entry: ScheduleEntry, week: int, now: datetime) -> InlineKeyboardMarkup:
    rows = []
    booking = entry.booking
    if booking.is_active and booking.occurrence_id is None and now < booking.starts_at:
        rows.append([_button("🕑 Move", move_data("f", booking.id or 0, 0, week))])
    if booking.is_active:
        rows.append([_button("✖ Cancel session", _data("c", entry, week))])
        if now >= entry.booking.starts_at:
            rows.append([_button("🚫 No-show", _data("ns", entry, week))])
    rows.append([_button("◀ Back to the week", SHOW_WEEK.pack(week=week))])
    return InlineKeyboardMarkup(rows)


def cancel_question(entry: ScheduleEntry, zone: str) -> str:
    when = _moment(entry.booking.starts_at, ZoneInfo(zone))
    return (
        f"Cancel <b>{escape(entry.booking.title)}</b> on {when}? The client is told, and the "
        "session goes back into their package unless it has expired."
    )


def cancel_keyboard(entry: ScheduleEntry, week: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button("✅ Yes, cancel it", _data("cy", entry, week)),
                _button("◀ Back", _data("s", entry, week)),
            ]
        ]
    )


def move_question(entry: ScheduleEntry, start: datetime, zone: str) -> str:
    tz = ZoneInfo(zone)
    return (
        f"Move <b>{escape(entry.booking.title)}</b> from {_moment(entry.booking.starts_at, tz)} "
        f"to {_moment(start, tz)} ({escape(zone)})? The client is told."
    )


def moved_note(booking: SessionBooking, zone: str) -> str:
    return f"Moved to {_moment(booking.starts_at, ZoneInfo(zone))}. The client was told."


def client_moved(before: SessionBooking, after: SessionBooking, zone: str) -> str:
    tz = ZoneInfo(zone)
    return (
        f"Your coach moved <b>{escape(after.title)}</b> from {_moment(before.starts_at, tz)} "
        f"to {_moment(after.starts_at, tz)} ({escape(zone)}). The calendar file below updates it."
    )


def back_to_session(booking_id: int, week: int) -> InlineKeyboardButton:
    return _button("◀ Back to the session", session_data(booking_id, week))


def client_cancelled(booking: SessionBooking, zone: str, unit_returned: bool) -> str:
    back = " It is back in your package." if unit_returned else ""
    when = _moment(booking.starts_at, ZoneInfo(zone))
    return f"Your coach cancelled <b>{escape(booking.title)}</b> on {when} ({escape(zone)}).{back}"


def client_no_show(booking: SessionBooking, zone: str) -> str:
    when = _moment(booking.starts_at, ZoneInfo(zone))
    return (
        f"Your coach marked <b>{escape(booking.title)}</b> on {when} ({escape(zone)}) as missed; "
        "it counts as used. Please contact your coach if this is a mistake."
    )


def seat_removed(entry: ScheduleEntry, zone: str) -> str:
    when = _moment(entry.booking.starts_at, ZoneInfo(zone))
    back = " The session is back in your package unless it has expired."
    return (
        f"Your coach removed the <b>{escape(entry.booking.title)}</b> date {when} "
        f"({escape(zone)}), so your seat is cancelled.{back}"
    )


def _who(entry: ScheduleEntry) -> str:
    client = escape(entry.client_name or "client")
    return f"{escape(entry.booking.title)} · {client} · {escape(entry.package_title)}"


def _span(booking: SessionBooking, zone: ZoneInfo) -> str:
    return f"{booking.starts_at.astimezone(zone):%H:%M}–{booking.ends_at.astimezone(zone):%H:%M}"


def _moment(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%a %d %b %H:%M}"


def _data(act: str, entry: ScheduleEntry, week: int) -> str:
    return session_data(entry.booking.id or 0, week, act)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)
