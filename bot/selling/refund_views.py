"""What a refund says: the coach's question and answer, and the notice to the client.

Buttons (bot/selling/buttons.py): `rf:a:<sold>` asks, `rf:ok:<sold>` refunds (acts once)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.catalog.packages_views import price_label
from bot.catalog.shared_views import button
from bot.selling.buttons import DETAIL, REFUND_ASK, REFUND_CONFIRM
from bot.selling.desk_views import client
from bot.selling.texts import when
from domain.booking.model import SessionBooking
from domain.selling.model import SoldPackage
from domain.selling.refunds import RefundRefused, Withdrawal, via_telegram

ASK, CONFIRM = REFUND_ASK, REFUND_CONFIRM

REFUSED = {
    "already_refunded": "This payment was already refunded. Nothing changed.",
    "not_paid": "Only a package that was paid for can be refunded. Nothing changed.",
    "in_progress": "A refund of this package is being made right now. Nothing else changed.",
    "telegram": "Telegram refused the refund: {said}. Nothing changed.",
}


def refused_text(error: RefundRefused) -> str:
    return REFUSED[error.code].format(said=escape(error.said or "no reason given"))


def question(sold: SoldPackage) -> tuple[str, InlineKeyboardMarkup]:
    amount = price_label(sold.price_minor, sold.currency)
    if via_telegram(sold):
        how = f"Telegram returns {amount} to {client(sold)} at once."
        yes = f"💸 Yes, refund {amount}"
    else:
        how = (
            f"Refund {amount} with your payment provider first: the bot cannot move card "
            "money. Then press the button to record it."
        )
        yes = "💸 I refunded it: record it"
    text = (
        f"Refund <b>{escape(sold.title)}</b> ({client(sold)})?\n\n{how}\n\n"
        "The package is withdrawn: its access link stops working, nothing more can be "
        "booked with it, and its sessions still to come are cancelled. The client is told. "
        "This cannot be undone."
    )
    keyboard = InlineKeyboardMarkup(
        [
            [button(yes, CONFIRM.pack(sold=sold.stored_id))],
            [button("✖ No", DETAIL.pack(sold=sold.stored_id))],
        ]
    )
    return text, keyboard


def sessions_block(cancelled: tuple[SessionBooking, ...], zone: str) -> str:
    if not cancelled:
        return "No sessions were booked ahead."
    lines = [f"• {escape(b.title)}, {when(b.starts_at, zone)}" for b in cancelled]
    return "Cancelled sessions:\n" + "\n".join(lines)


def done_text(done: Withdrawal) -> str:
    sold, zone = done.sold, done.coach.timezone
    amount = price_label(sold.price_minor, sold.currency)
    how = (
        f"Telegram returned {amount} to {client(sold)}."
        if via_telegram(sold)
        else f"Recorded your refund of {amount}."
    )
    told = " The client was told." if done.readers else ""
    return (
        f"💸 <b>{escape(sold.title)}</b> is refunded. {how}\n"
        f"{sessions_block(done.cancelled, zone)}\nIts access link no longer works.{told}"
    )


def client_text(done: Withdrawal, zone: str) -> str:
    sold = done.sold
    amount = price_label(sold.price_minor, sold.currency)
    back = (
        f"{amount} went back to your Telegram Stars balance."
        if via_telegram(sold)
        else f"Your payment of {amount} was refunded."
    )
    text = (
        f"💸 {escape(done.coach.display_name)} refunded <b>{escape(sold.title)}</b>. {back}\n"
        "The package and its access link no longer work."
    )
    if done.cancelled:
        text += f"\n{sessions_block(done.cancelled, zone)} (times in {escape(zone)})"
    return text
