"""What a transfer says: the question, the new link to forward, and the notice to the
other side (the coach when the client transferred, the old client when the coach did)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.booking.holder_views import back_to_package
from bot.catalog.shared_views import button
from bot.selling import texts
from bot.selling.buttons import DETAIL, TRANSFER
from bot.selling.views import no_button
from domain.selling.model import SoldPackage
from i18n import N_, _

NOTHING = N_(
    "Only an active package can be transferred: this one is expired, used up, paused or refunded."
)
ALREADY = N_("This link was already replaced, so nothing changed.")


def question(
    sold: SoldPackage, fingerprint: str, by_coach: bool
) -> tuple[str, InlineKeyboardMarkup]:
    if by_coach:
        text = _(
            "Transfer <b>{title}</b> to someone else?\n"
            "What is left: {left}.\n\n"
            "You get a new access link to forward; the first person to open it becomes its "
            "holder. The current link stops working at once for everyone, the client included. "
            "Sessions already booked stay booked."
        )
    else:
        text = _(
            "Transfer <b>{title}</b> to someone else?\n"
            "What is left: {left}.\n\n"
            "You get a new access link to forward; the first person to open it becomes its "
            "holder. The current link stops working at once for everyone, you included. "
            "Sessions already booked stay booked."
        )
    text = text.format(title=escape(sold.title), left=texts.left_text(sold))
    back = (
        no_button(DETAIL.pack(sold=sold.stored_id))
        if by_coach
        else back_to_package(sold.stored_id)
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(
                    # i18n: button
                    _("🎁 Yes, transfer it"),
                    TRANSFER.pack(sold=sold.stored_id, fingerprint=fingerprint),
                )
            ],
            [back],
        ]
    )
    return text, keyboard


def done_text(sold: SoldPackage, url: str) -> str:
    return _(
        "🎁 <b>{title}</b> is ready to pass on ({left}). "
        "Forward this new access link to the person you give it to; the first to open it "
        "becomes its holder:\n{url}\n\nThe old link no longer works. History records the "
        "transfer."
    ).format(title=escape(sold.title), left=texts.left_text(sold), url=url)


def coach_told(sold: SoldPackage, client_name: str) -> str:
    return _(
        "🎁 {client} transferred <b>{title}</b> to someone else. "
        "A new access link was issued; the first person to open it becomes the client."
    ).format(client=escape(client_name), title=escape(sold.title))


def client_told(sold: SoldPackage, coach_name: str) -> str:
    return _(
        "🎁 {coach} transferred your package <b>{title}</b> to "
        "someone else. Its access link no longer works for you."
    ).format(coach=escape(coach_name), title=escape(sold.title))
