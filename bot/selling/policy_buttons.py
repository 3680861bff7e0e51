"""The desk's buttons for a sold package's policies: refund (a paid one), pause or resume
(a time-limited one), transfer; the buttons are declared in `buttons`."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.catalog.shared_views import button
from bot.selling.buttons import PAUSE, REFUND_ASK, RESUME, TRANSFER_ASK
from domain.selling.model import SoldPackage
from domain.selling.refunds import refundable
from i18n import _


def policy_rows(sold: SoldPackage) -> list[list[InlineKeyboardButton]]:
    """The rows the desk adds under a sold package, as its state allows."""
    if sold.refunded_at is not None:
        return []
    row: list[InlineKeyboardButton] = []
    if refundable(sold):
        # i18n: button
        label = _("💸 Refund")
        row.append(button(label, REFUND_ASK.pack(sold=sold.stored_id)))
    # i18n: button
    label = _("🎁 Transfer")
    row.append(button(label, TRANSFER_ASK.pack(sold=sold.stored_id)))
    if sold.paused_at is not None:
        # i18n: button
        label = _("▶ Resume")
        row.append(button(label, RESUME.pack(sold=sold.stored_id)))
    elif sold.expires_at is not None:
        # i18n: button
        label = _("⏸ Pause")
        row.append(button(label, PAUSE.pack(sold=sold.stored_id)))
    return [row]
