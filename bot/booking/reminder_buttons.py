"""The buttons a reminder carries: what the domain offered (`Notice.offers`), as callback
data of the screens that already exist (booking `bk:`, /schedule `sch:`, asking `rx:`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking import holder_views, schedule_buttons
from bot.selling import extend_views
from domain.reminders.delivery import Notice, Offer

BOOK = "📅 Book a session"
ASK_TO_EXTEND = "🙋 Ask to extend"
CHANGE_SESSION = "🔁 Cancel/reschedule"
OPEN_IN_SCHEDULE = "🗓 Open in /schedule"


def reminder_keyboard(notice: Notice) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    # The package's screen opens as a new message, so the reminder stays readable.
    package = holder_views.data("v", notice.sold_package_id, 0, 1)
    if Offer.BOOK in notice.offers:
        rows.append([InlineKeyboardButton(BOOK, callback_data=package)])
    if Offer.ASK_TO_EXTEND in notice.offers:
        ask = extend_views.ask_data(notice.sold_package_id)
        rows.append([InlineKeyboardButton(ASK_TO_EXTEND, callback_data=ask)])
    if Offer.CHANGE_SESSION in notice.offers and notice.session_id is not None:
        if notice.to_coach:
            data = schedule_buttons.session_data(notice.session_id, notice.schedule_week)
            rows.append([InlineKeyboardButton(OPEN_IN_SCHEDULE, callback_data=data)])
        else:
            rows.append([InlineKeyboardButton(CHANGE_SESSION, callback_data=package)])
    return InlineKeyboardMarkup(rows) if rows else None
