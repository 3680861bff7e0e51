"""The buttons a reminder carries: what the domain offered (`Notice.offers`), as callback
data of the screens that already exist (booking `bk:`, /schedule `sch:`, asking `rx:`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking import holder_views, schedule_buttons
from bot.selling import extend_views
from domain.reminders.delivery import Notice, Offer
from i18n import N_, _

# i18n: button
BOOK = N_("📅 Book a session")
# i18n: button
ASK_TO_EXTEND = N_("🙋 Ask to extend")
# i18n: button
CHANGE_SESSION = N_("🔁 Cancel/reschedule")
# i18n: button
OPEN_IN_SCHEDULE = N_("🗓 Open in /schedule")


def reminder_keyboard(notice: Notice) -> InlineKeyboardMarkup | None:
    """The reminder's buttons, in the current language (the receiver's: the reminder job
    speaks theirs while it builds the message)."""
    rows: list[list[InlineKeyboardButton]] = []
    # The package's screen opens as a new message, so the reminder stays readable.
    package = holder_views.data("v", notice.sold_package_id, 0, 1)
    if Offer.BOOK in notice.offers:
        rows.append([InlineKeyboardButton(_(BOOK), callback_data=package)])
    if Offer.ASK_TO_EXTEND in notice.offers:
        ask = extend_views.ask_data(notice.sold_package_id)
        rows.append([InlineKeyboardButton(_(ASK_TO_EXTEND), callback_data=ask)])
    if Offer.CHANGE_SESSION in notice.offers and notice.session_id is not None:
        if notice.to_coach:
            data = schedule_buttons.session_data(notice.session_id, notice.schedule_week)
            rows.append([InlineKeyboardButton(_(OPEN_IN_SCHEDULE), callback_data=data)])
        else:
            rows.append([InlineKeyboardButton(_(CHANGE_SESSION), callback_data=package)])
    return InlineKeyboardMarkup(rows) if rows else None
