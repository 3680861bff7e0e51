"""What "🙋 Ask to extend" says: to the coach (with one-press extensions) and to the client.

The coach's buttons are /sold's confirmed expiry change (`sold:set:<id>:<timestamp>:y`), so
an extension from here tells the client and replans reminders exactly as /sold does."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.selling import buttons as kinds
from bot.selling.texts import when
from domain.selling.extend_requests import Asked, ExtendAsk
from i18n import N_, _, ngettext

TOLD_CLIENT = {
    Asked.NEW: N_(
        "🙋 Your coach has been asked to extend <b>{title}</b>. You will hear here "
        "as soon as they do."
    ),
    Asked.ALREADY: N_(
        "Your coach was already asked to extend <b>{title}</b> recently, so I "
        "did not ask again. You will hear here as soon as they extend it."
    ),
    Asked.NOTHING_TO_EXTEND: N_(
        "<b>{title}</b> has no expiry to extend or nothing left to "
        "book, so I did not ask your coach."
    ),
}
COACH_UNREACHABLE = N_(
    "Sorry, I couldn't reach your coach just now. Please contact them directly."
)


def ask_data(sold_id: int) -> str:
    return kinds.ASK_EXTEND.pack(sold=sold_id)


def client_text(ask: ExtendAsk) -> str:
    return _(TOLD_CLIENT[ask.outcome]).format(title=escape(ask.sold.title))


def coach_text(ask: ExtendAsk, now_expired: bool) -> str:
    """The coach's notice, times in the coach's zone."""
    assert ask.sold.expires_at is not None
    zone = ask.coach_zone
    count = ask.sessions_left
    left = ngettext("{count} session left", "{count} sessions left", count).format(count=count)
    if now_expired:
        text = _(
            "🙋 {name} asks you to extend <b>{title}</b>: {left}, expired on {date} ({zone}).\n"
            "Extend it with one press (they will be told), or open the package:"
        )
    else:
        text = _(
            "🙋 {name} asks you to extend <b>{title}</b>: {left}, valid until {date} ({zone}).\n"
            "Extend it with one press (they will be told), or open the package:"
        )
    return text.format(
        name=escape(ask.asker_name),
        title=escape(ask.sold.title),
        left=left,
        date=when(ask.sold.expires_at, zone),
        zone=escape(zone),
    )


def coach_keyboard(ask: ExtendAsk) -> InlineKeyboardMarkup:
    sold_id, zone = ask.sold.stored_id, ask.coach_zone
    rows = [
        [
            InlineKeyboardButton(
                # i18n: button
                ngettext("➕ {count} day → {date}", "➕ {count} days → {date}", days).format(
                    count=days, date=when(new, zone)
                ),
                callback_data=kinds.expiry_data(sold_id, new, yes=True),
            )
        ]
        for days, new in ask.options
    ]
    rows.append(
        [
            InlineKeyboardButton(
                # i18n: button
                _("🗂 Open the package"),
                callback_data=kinds.DETAIL.pack(sold=sold_id),
            )
        ]
    )
    return InlineKeyboardMarkup(rows)
