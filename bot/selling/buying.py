"""Buying from a package page: Get it (free, at once) or Buy (a Telegram invoice), the
pre-checkout answer and the successful payment, recorded once per charge id."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from html import escape

from telegram import LabeledPrice, Message, Update
from telegram.ext import (
    Application,
    MessageHandler,
    PreCheckoutQueryHandler,
    filters,
)

from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, reply, settle
from bot.selling import texts
from bot.selling.buttons import BUY, GET, Buy
from bot.selling.notices import announce_payment, announce_sale
from domain.errors import NotFound
from domain.selling.errors import (
    CheckoutRefused,
    NothingToSell,
    PaymentUnavailable,
    PriceChanged,
)
from domain.selling.model import PendingPurchase
from domain.selling.payments import Payment, record_payment
from domain.selling.purchases import buy_free, check_pre_checkout, earlier_sale, start_invoice
from domain.selling.rules import needs_provider
from domain.selling.tokens import invoice_payload
from i18n import _
from persistence.inbox import replaying_done

log = logging.getLogger(__name__)
INVOICE_TITLE_MAX = 32
INVOICE_DESCRIPTION_MAX = 255


async def buy_pressed(update: Update, context: BotContext, press: Buy) -> None:
    """The client gets the package at once when it is free, else an invoice to pay."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    if not isinstance(query.message, Message):
        raise NotFound()
    # The button's own message names the request: pressed twice, it acts once.
    request = f"{user.id}:{query.message.message_id}"
    try:
        if press.free:
            await _take_free(update, context, press.public_id, request)
        else:
            await _send_invoice(update, context, press.public_id, request)
    except PriceChanged:
        await settle(update)
        await reply(update, _(texts.PRICE_CHANGED))
    except NothingToSell:
        await settle(update)
        await reply(update, _(texts.NOTHING_TO_SELL))
    except PaymentUnavailable as exc:
        await settle(update)
        await reply(update, texts.payment_unavailable(exc.coach_name))


async def _take_free(update: Update, context: BotContext, public_id: str, request: str) -> None:
    user = update.effective_user
    assert user is not None
    sale = await buy_free(
        context.uow(),
        user.id,
        user.first_name,
        public_id,
        request,
        context.now(),
        context.reminders,
    )
    if sale is None and replaying_done():  # stored before a crash, never said
        sale = await earlier_sale(context.uow(write=False), request_key=request)
    await settle(update, None if sale else _(texts.ALREADY_DONE))
    if sale is not None:
        await announce_sale(context, sale)


async def _send_invoice(update: Update, context: BotContext, public_id: str, request: str) -> None:
    user = update.effective_user
    assert user is not None
    provider = context.deps.settings.payment_provider_token.get_secret_value()
    pending = await start_invoice(
        context.uow(), user.id, user.first_name, public_id, request, bool(provider), context.now()
    )
    await settle(update, None if pending else _(texts.INVOICE_ALREADY_SENT))
    if pending is not None:
        await _invoice(context, user.id, pending, provider)


async def _invoice(
    context: BotContext, chat_id: int, pending: PendingPurchase, provider: str
) -> None:
    snap = pending.snapshot
    # The coach's own title and description stay as typed; the generated description (what
    # the package holds) is in the buyer's language, whole entries within Telegram's limit.
    description = snap.description or _entries(
        # i18n: an invoice's description, one entry per item: "3 × Yoga"
        _("{count} × {title}").format(count=i.quantity, title=i.title)
        for i in snap.items
    )
    await context.bot.send_invoice(
        chat_id,
        title=snap.title[:INVOICE_TITLE_MAX],
        description=description[:INVOICE_DESCRIPTION_MAX],
        payload=invoice_payload(pending.key),
        currency=snap.currency,
        prices=[LabeledPrice(snap.title[:INVOICE_TITLE_MAX], snap.price_minor)],
        provider_token=provider if needs_provider(snap.currency) else None,
    )


def _entries(entries: Iterable[str], limit: int = INVOICE_DESCRIPTION_MAX) -> str:
    """The entries joined with ", ", as many whole ones as fit in `limit`, then "…"."""
    text = ""
    for entry in entries:
        joined = f"{text}, {entry}" if text else entry
        if len(joined) > limit:
            return f"{text}, …" if text and len(text) + 3 <= limit else joined[: limit - 1] + "…"
        text = joined
    return text


async def pre_checkout(update: Update, context: BotContext) -> None:
    """Telegram asks before charging: yes only for the package as invoiced, still sold.
    Telegram waits 10 s for the answer, so even a failure here answers (no)."""
    query = update.pre_checkout_query
    assert query is not None
    try:
        await check_pre_checkout(
            context.uow(write=False),
            query.invoice_payload,
            query.total_amount,
            query.currency,
            context.now(),
        )
    except CheckoutRefused as refused:
        await query.answer(ok=False, error_message=_(texts.CHECKOUT_REFUSALS[refused.code]))
        return
    except Exception:
        await query.answer(ok=False, error_message=_(texts.CHECKOUT_FAILED))
        raise
    await query.answer(ok=True)


async def paid(update: Update, context: BotContext) -> None:
    """The payer gets the sold package and its access link, once per charge id; a payment
    that differs from its invoice is kept and flagged instead (payer and coach told)."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.successful_payment is not None and user is not None
    got = message.successful_payment
    payment = Payment(
        got.invoice_payload,
        got.total_amount,
        got.currency,
        got.telegram_payment_charge_id,
        got.provider_payment_charge_id,
    )
    try:
        outcome = await record_payment(
            context.uow(), user.id, user.first_name, payment, context.now(), context.reminders
        )
    except Exception:
        # The money is taken: never "nothing was changed" here; the charge id finds it.
        log.exception("payment %s could not be recorded", payment.charge_id)
        await reply(update, _(texts.UNRECORDED_PAYMENT).format(charge=escape(payment.charge_id)))
        return
    if outcome is None and replaying_done():  # stored before a crash, never said
        outcome = await earlier_sale(context.uow(write=False), charge_id=payment.charge_id)
    await announce_payment(context, outcome)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Group -1: a payment must be recorded even while the payer is inside some flow.
    app.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, paid), group=-1)
    # Not blocking: Telegram waits only 10 s for this answer, whatever else is being handled.
    app.add_handler(PreCheckoutQueryHandler(pre_checkout, block=False), group=-1)
    app.add_handler(buttons(Route(BUY, buy_pressed), Route(GET, buy_pressed), answer=False))
