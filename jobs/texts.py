"""What reminders say. Times are shown in the reader's zone, named in the text; the words
are the reader's language (the caller speaks it: `with speaking(...)`)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from domain.reminders.delivery import Notice, Offer
from domain.reminders.model import ReminderKind
from domain.timezones import to_local
from i18n import _, ngettext
from i18n import when as written

MOMENT = "%a %-d %b %H:%M"


def when(notice: Notice, moment: datetime | None = None) -> str:
    """Like "Sun 20 Dec 19:00 (Europe/Berlin)": the notice's moment, or `moment`."""
    local = to_local(moment or notice.event_at, notice.zone)
    return f"{written(local, MOMENT)} ({notice.zone})"


def reminder_text(notice: Notice) -> str:
    title = f"<b>{escape(notice.title)}</b>"
    left = notice.sessions_left or 0
    if notice.kind is ReminderKind.EXPIRY:
        head = ngettext(
            "⏳ Your package {title} has {count} session left, valid until {until}.",
            "⏳ Your package {title} has {count} sessions left, valid until {until}.",
            left,
        ).format(title=title, count=left, until=when(notice))
        if Offer.BOOK in notice.offers:
            return head + "\n" + _("Book them before it expires, or ask your coach for more time.")
        return (
            head
            + "\n"
            + _("Book them before it expires — open your package link to choose a time.")
        )
    if notice.kind is ReminderKind.EXPIRED:
        text = ngettext(
            "Your package {title} expired on {until} with {count} session unused.",
            "Your package {title} expired on {until} with {count} sessions unused.",
            left,
        ).format(title=title, until=when(notice), count=left)
        if Offer.ASK_TO_EXTEND in notice.offers:
            text += "\n" + _("Your coach can extend it so you can still use them.")
        return text
    if notice.to_coach:
        return _("⏰ Coming up: {title}, {when}.").format(title=title, when=when(notice))
    text = _("⏰ Reminder: your session {title} is on {when}.").format(
        title=title, when=when(notice)
    )
    if Offer.CHANGE_SESSION in notice.offers and notice.changeable_until is not None:
        until = when(notice, notice.changeable_until)
        text += "\n" + _("You can cancel or reschedule it until {until}.").format(until=until)
    return text
