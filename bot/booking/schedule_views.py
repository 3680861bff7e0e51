"""What `/schedule` says and its buttons (their data: `bot.booking.schedule_buttons`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking.schedule_buttons import SHOW_WEEK, move_data, session_data
from domain.booking.model import BookingStatus, ScheduleEntry, SessionBooking
from domain.booking.schedule import CoachSession, ScheduleWeek, coach_may_move
from domain.booking.waitlist import InLine, WaitState
from i18n import N_, _, when

CANCELLED_NOTE = N_("Cancelled. The client was told, and the session is back in their package.")
CANCELLED_EXPIRED_NOTE = N_(
    "Cancelled. The client was told; their package has expired, so no unit came back."
)
NO_SHOW_NOTE = N_("Marked as a no-show: the session stays used.")
STATUSES = {
    # i18n: a session's status
    BookingStatus.BOOKED: N_("booked"),
    # i18n: a session's status
    BookingStatus.CANCELLED: N_("cancelled"),
    # i18n: a session's status (the client did not come)
    BookingStatus.NO_SHOW: N_("no-show"),
}


def week_text(week: ScheduleWeek) -> str:
    head = _("<b>Your schedule</b> · week of {monday} · times in {zone}").format(
        monday=when(week.monday, "%a %d %b"), zone=escape(week.zone)
    )
    if not week.days:
        return f"{head}\n\n" + _("No sessions this week.")
    zone = ZoneInfo(week.zone)
    parts = [head]
    for day, entries in week.days:
        lines = [f"\n<b>{when(day, '%a %d %b')}</b>"]
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
    status = ""
    if not booking.is_active:
        status = "\n" + _("Status: {status}").format(status=_(STATUSES[booking.status]))
    head = f"{escape(note)}\n\n" if note else ""
    day = when(booking.starts_at.astimezone(tz), "%a %d %b")
    # i18n: {name}: the client's name, or "not known yet"
    client = _("Client: {name}").format(name=escape(entry.client_name or _("not known yet")))
    package = _("Package: {title}").format(title=escape(entry.package_title))
    return (
        f"{head}<b>{escape(booking.title)}</b>\n"
        f"{day} {_span(booking, tz)} ({escape(zone)})\n"
        f"{client}\n{package}{status}"
    )


def waitlist_text(line: Sequence[InLine], zone: str) -> str:
    """Who waits for the seat's date, in line order (empty: nothing to add)."""
    if not line:
        return ""
    tz = ZoneInfo(zone)
    names = []
    for place in line:
        # i18n: stands for a client's name when it is not known
        name = escape(place.name or _("a client"))
        until = place.entry.hold_until
        if place.entry.state is WaitState.OFFERED and until is not None:
            name += " " + _("(seat held until {time})").format(time=_moment(until, tz))
        names.append(name)
    listed = " · ".join(f"{n}. {name}" for n, name in enumerate(names, 1))
    return "\n\n" + _("<b>Waitlist for this date</b>: {line}").format(line=listed)


def session_keyboard(entry: ScheduleEntry, week: int, now: datetime) -> InlineKeyboardMarkup:
    rows = []
    booking = entry.booking
    if coach_may_move(booking, now):
        # i18n: button
        rows.append([_button(_("🕑 Move"), move_data("f", booking.id or 0, 0, week))])
    if booking.is_active:
        # i18n: button
        rows.append([_button(_("✖ Cancel session"), _data("c", entry, week))])
        if now >= entry.booking.starts_at:
            # i18n: button
            rows.append([_button(_("🚫 No-show"), _data("ns", entry, week))])
    # i18n: button
    rows.append([_button(_("◀ Back to the week"), SHOW_WEEK.pack(week=week))])
    return InlineKeyboardMarkup(rows)


def session_screen(
    found: CoachSession, week: int, now: datetime, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """A session with its actions, in the coach's zone, and who waits for a group date."""
    zone = found.coach.timezone
    text = session_text(found.entry, zone, note) + waitlist_text(found.line, zone)
    return text, session_keyboard(found.entry, week, now)


def cancel_question(entry: ScheduleEntry, zone: str) -> str:
    return _(
        "Cancel <b>{title}</b> on {time}? The client is told, and the session goes back into "
        "their package unless it has expired."
    ).format(
        title=escape(entry.booking.title), time=_moment(entry.booking.starts_at, ZoneInfo(zone))
    )


def cancel_keyboard(entry: ScheduleEntry, week: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                _button(_("✅ Yes, cancel it"), _data("cy", entry, week)),
                # i18n: button
                _button(_("◀ Back"), _data("s", entry, week)),
            ]
        ]
    )


def move_question(entry: ScheduleEntry, start: datetime, zone: str) -> str:
    tz = ZoneInfo(zone)
    return _("Move <b>{title}</b> from {old} to {new} ({zone})? The client is told.").format(
        title=escape(entry.booking.title),
        old=_moment(entry.booking.starts_at, tz),
        new=_moment(start, tz),
        zone=escape(zone),
    )


def moved_note(booking: SessionBooking, zone: str) -> str:
    return _("Moved to {time}. The client was told.").format(
        time=_moment(booking.starts_at, ZoneInfo(zone))
    )


def client_moved(before: SessionBooking, after: SessionBooking, zone: str) -> str:
    tz = ZoneInfo(zone)
    return _(
        "Your coach moved <b>{title}</b> from {old} to {new} ({zone}). "
        "The calendar file below updates it."
    ).format(
        title=escape(after.title),
        old=_moment(before.starts_at, tz),
        new=_moment(after.starts_at, tz),
        zone=escape(zone),
    )


def back_to_session(booking_id: int, week: int) -> InlineKeyboardButton:
    # i18n: button
    return _button(_("◀ Back to the session"), session_data(booking_id, week))


def client_cancelled(booking: SessionBooking, zone: str, unit_returned: bool) -> str:
    back = " " + _("It is back in your package.") if unit_returned else ""
    done = _told(_("Your coach cancelled <b>{title}</b> on {time} ({zone})."), booking, zone)
    return f"{done}{back}"


def client_no_show(booking: SessionBooking, zone: str) -> str:
    text = _(
        "Your coach marked <b>{title}</b> on {time} ({zone}) as missed; it counts as used. "
        "Please contact your coach if this is a mistake."
    )
    return _told(text, booking, zone)


def seat_removed(entry: ScheduleEntry, zone: str) -> str:
    text = _(
        "Your coach removed the <b>{title}</b> date {time} ({zone}), so your seat is "
        "cancelled. The session is back in your package unless it has expired."
    )
    return _told(text, entry.booking, zone)


def _told(text: str, booking: SessionBooking, zone: str) -> str:
    """`text` (translated) with the session's {title}, {time} and {zone} filled in."""
    return text.format(
        title=escape(booking.title),
        time=_moment(booking.starts_at, ZoneInfo(zone)),
        zone=escape(zone),
    )


def _who(entry: ScheduleEntry) -> str:
    # i18n: stands for the client's name when it is not known
    client = escape(entry.client_name or _("client"))
    return f"{escape(entry.booking.title)} · {client} · {escape(entry.package_title)}"


def _span(booking: SessionBooking, zone: ZoneInfo) -> str:
    start, end = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
    return f"{when(start, '%H:%M')}–{when(end, '%H:%M')}"


def _moment(moment: datetime, zone: ZoneInfo) -> str:
    return when(moment.astimezone(zone), "%a %d %b %H:%M")


def _data(act: str, entry: ScheduleEntry, week: int) -> str:
    return session_data(entry.booking.id or 0, week, act)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)
