"""The desk's buttons for a sold package's policies: refund (a paid one), pause or resume
(a time-limited one), transfer; the buttons are declared in `buttons`."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.catalog.shared_views import button
from bot.selling.buttons import REFUND_ASK, TRANSFER_ASK
from domain.selling.model import SoldPackage
from domain.selling.refunds import refundable


def policy_rows(sold: SoldPackage) -> list[list[InlineKeyboardButton]]:
    """The rows the desk adds under a sold package, as its state allows."""
    if sold.refunded_at is not None:
        return []
    row = []
    if refundable(sold):
        row.append(button("💸 Refund", REFUND_ASK.pack(sold=sold.stored_id)))
    row.append(button("🎁 Transfer", TRANSFER_ASK.pack(sold=sold.stored_id)))
    return [row] if row else []
