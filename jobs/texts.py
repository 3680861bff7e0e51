"""What reminders say. Times are shown in the reader's zone, named in the text."""

from __future__ import annotations

from datetime import datetime
from html import escape

from domain.reminders.delivery import Notice, Offer
from domain.reminders.model import ReminderKind
from domain.timezones import to_local


def when(notice: Notice, moment: datetime | None = None) -> str:
    """Like "Sun 20 Dec 19:00 (Europe/Berlin)": the notice's moment, or `moment`."""
    local = to_local(moment or notice.event_at, notice.zone)
    return f"{local:%a} {local.day} {local:%b %H:%M} ({notice.zone})"


def sessions(count: int) -> str:
    return f"{count} session" if count == 1 else f"{count} sessions"


def reminder_text(notice: Notice) -> str:
    title = f"<b>{escape(notice.title)}</b>"
    left = sessions(notice.sessions_left or 0)
    if notice.kind is ReminderKind.EXPIRY:
        head = f"⏳ Your package {title} has {left} left, valid until {when(notice)}.\n"
        if Offer.BOOK in notice.offers:
            return head + "Book them before it expires, or ask your coach for more time."
        return head + "Book them before it expires — open your package link to choose a time."
    if notice.kind is ReminderKind.EXPIRED:
        text = f"Your package {title} expired on {when(notice)} with {left} unused."
        if Offer.ASK_TO_EXTEND in notice.offers:
            text += "\nYour coach can extend it so you can still use them."
        return text
    if notice.to_coach:
        return f"⏰ Coming up: {title}, {when(notice)}."
    text = f"⏰ Reminder: your session {title} is on {when(notice)}."
    if Offer.CHANGE_SESSION in notice.offers and notice.changeable_until is not None:
        text += f"\nYou can cancel or reschedule it until {when(notice, notice.changeable_until)}."
    return text
