"""What a refund says: the coach's question and answer, and the notice to the client.

Buttons (bot/selling/buttons.py): `rf:a:<sold>` asks, `rf:ok:<sold>` refunds (acts once)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.catalog.packages_views import price_label
from bot.catalog.shared_views import button
from bot.selling import desk_views
from bot.selling.buttons import REFUND_ASK, REFUND_CONFIRM
from bot.selling.desk_views import client
from bot.selling.texts import when
from domain.booking.model import SessionBooking
from domain.selling.model import SoldPackage
from domain.selling.refunds import RefundRefused, Withdrawal, via_telegram
from i18n import N_, _

ASK, CONFIRM = REFUND_ASK, REFUND_CONFIRM

REFUSED = {
    "already_refunded": N_("This payment was already refunded. Nothing changed."),
    "not_paid": N_("Only a package that was paid for can be refunded. Nothing changed."),
    "in_progress": N_("A refund of this package is being made right now. Nothing else changed."),
    "telegram": N_("Telegram refused the refund: {said}. Nothing changed."),
}


def refused_text(error: RefundRefused) -> str:
    said = escape(error.said) if error.said else _("no reason given")
    return _(REFUSED[error.code]).format(said=said)


def question(sold: SoldPackage) -> tuple[str, InlineKeyboardMarkup]:
    amount = price_label(sold.price_minor, sold.currency)
    if via_telegram(sold):
        how = _("Telegram returns {amount} to {client} at once.").format(
            amount=amount, client=client(sold)
        )
        # i18n: button
        yes = _("💸 Yes, refund {amount}").format(amount=amount)
    else:
        how = _(
            "Refund {amount} with your payment provider first: the bot cannot move card "
            "money. Then press the button to record it."
        ).format(amount=amount)
        # i18n: button
        yes = _("💸 I refunded it: record it")
    text = _(
        "Refund <b>{title}</b> ({client})?\n\n{how}\n\n"
        "The package is withdrawn: its access link stops working, nothing more can be "
        "booked with it, and its sessions still to come are cancelled. The client is told. "
        "This cannot be undone."
    )
    return desk_views.question(sold, text, button(yes, CONFIRM.pack(sold=sold.stored_id)), how=how)


def sessions_block(cancelled: tuple[SessionBooking, ...], zone: str) -> str:
    if not cancelled:
        return _("No sessions were booked ahead.")
    lines = [f"• {escape(b.title)}, {when(b.starts_at, zone)}" for b in cancelled]
    return _("Cancelled sessions:\n{sessions}").format(sessions="\n".join(lines))


def done_text(done: Withdrawal) -> str:
    sold, zone = done.sold, done.coach.timezone
    amount = price_label(sold.price_minor, sold.currency)
    how = (
        _("Telegram returned {amount} to {client}.").format(amount=amount, client=client(sold))
        if via_telegram(sold)
        else _("Recorded your refund of {amount}.").format(amount=amount)
    )
    if done.readers:
        text = _(
            "💸 <b>{title}</b> is refunded. {how}\n"
            "{sessions}\nIts access link no longer works. The client was told."
        )
    else:
        text = _(
            "💸 <b>{title}</b> is refunded. {how}\n{sessions}\nIts access link no longer works."
        )
    return text.format(
        title=escape(sold.title), how=how, sessions=sessions_block(done.cancelled, zone)
    )


def client_text(done: Withdrawal, zone: str) -> str:
    sold = done.sold
    amount = price_label(sold.price_minor, sold.currency)
    back = (
        _("{amount} went back to your Telegram Stars balance.").format(amount=amount)
        if via_telegram(sold)
        else _("Your payment of {amount} was refunded.").format(amount=amount)
    )
    text = _(
        "💸 {coach} refunded <b>{title}</b>. {back}\n"
        "The package and its access link no longer work."
    ).format(coach=escape(done.coach.display_name), title=escape(sold.title), back=back)
    if done.cancelled:
        text += "\n" + _("{sessions} (times in {zone})").format(
            sessions=sessions_block(done.cancelled, zone), zone=escape(zone)
        )
    return text
