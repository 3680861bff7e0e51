"""What a transfer says: the question, the new link to forward, and the notice to the
other side (the coach when the client transferred, the old client when the coach did)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.booking.holder_views import back_to_package
from bot.catalog.shared_views import button
from bot.selling import texts
from bot.selling.buttons import DETAIL, TRANSFER
from domain.selling.model import SoldPackage

NOTHING = (
    "Only an active package can be transferred: this one is expired, used up, paused or refunded."
)
ALREADY = "This link was already replaced, so nothing changed."


def question(
    sold: SoldPackage, fingerprint: str, by_coach: bool
) -> tuple[str, InlineKeyboardMarkup]:
    who = "the client" if by_coach else "you"
    text = (
        f"Transfer <b>{escape(sold.title)}</b> to someone else?\n"
        f"What is left: {texts.left_text(sold)}.\n\n"
        "You get a new access link to forward; the first person to open it becomes its "
        f"holder. The current link stops working at once for everyone, {who} included. "
        "Sessions already booked stay booked."
    )
    back = (
        button("✖ No", DETAIL.pack(sold=sold.stored_id))
        if by_coach
        else back_to_package(sold.stored_id)
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(
                    "🎁 Yes, transfer it",
                    TRANSFER.pack(sold=sold.stored_id, fingerprint=fingerprint),
                )
            ],
            [back],
        ]
    )
    return text, keyboard


def done_text(sold: SoldPackage, url: str) -> str:
    return (
        f"🎁 <b>{escape(sold.title)}</b> is ready to pass on ({texts.left_text(sold)}). "
        "Forward this new access link to the person you give it to; the first to open it "
        f"becomes its holder:\n{url}\n\nThe old link no longer works. History records the "
        "transfer."
    )


def coach_told(sold: SoldPackage, client_name: str) -> str:
    return (
        f"🎁 {escape(client_name)} transferred <b>{escape(sold.title)}</b> to someone else. "
        "A new access link was issued; the first person to open it becomes the client."
    )


def client_told(sold: SoldPackage, coach_name: str) -> str:
    return (
        f"🎁 {escape(coach_name)} transferred your package <b>{escape(sold.title)}</b> to "
        "someone else. Its access link no longer works for you."
    )
