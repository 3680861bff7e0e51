"""What reminders say. Times are shown in the reader's zone, named in the text."""

from __future__ import annotations

from html import escape

from domain.reminders.delivery import Notice
from domain.reminders.model import ReminderKind
from domain.timezones import to_local


def when(notice: Notice) -> str:
    """Like "Sun 20 Dec 19:00 (Europe/Berlin)"."""
    local = to_local(notice.event_at, notice.zone)
    return f"{local:%a} {local.day} {local:%b %H:%M} ({notice.zone})"


def sessions(count: int) -> str:
    return f"{count} session" if count == 1 else f"{count} sessions"


def reminder_text(notice: Notice) -> str:
    title = f"<b>{escape(notice.title)}</b>"
    left = sessions(notice.sessions_left or 0)
    if notice.kind is ReminderKind.EXPIRY:
        return (
            f"⏳ Your package {title} has {left} left, valid until {when(notice)}.\n"
            "Book them before it expires — open your package link to choose a time."
        )
    if notice.kind is ReminderKind.EXPIRED:
        return f"Your package {title} expired on {when(notice)} with {left} unused."
    if notice.to_coach:
        return f"⏰ Coming up: {title}, {when(notice)}."
    return f"⏰ Reminder: your session {title} is on {when(notice)}."
