"""💸 Refund on /sold's package screen: asked, confirmed, then a Stars payment is refunded
through Telegram (`refundStarPayment`, the stored charge id) or a card refund the coach made
is recorded; the package is withdrawn (domain/selling/refunds.py) and both sides are told,
each cancelled session's calendar file with them."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.booking.notify import calendar_to
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, show, user_id
from bot.selling import refund_views as views
from bot.selling.desk_views import back_keyboard
from domain.selling.desk import sold_package
from domain.selling.refunds import (
    AlreadyRefunded,
    Refunder,
    RefundRefused,
    Withdrawal,
    refund_sold,
)
from i18n import speaking

log = logging.getLogger(__name__)


async def ask(update: Update, context: BotContext, sold_id: int) -> None:
    """The coach is asked to confirm, told what a refund withdraws."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await show(update, *views.question(view.sold))


async def confirm(update: Update, context: BotContext, sold_id: int) -> None:
    """Refunds once however often pressed; a refusal is shown and changes nothing."""
    coach, now = user_id(update), context.now()
    try:
        done = await refund_sold(
            context.uow, coach, sold_id, now, _telegram(context), context.reminders
        )
    except RefundRefused as refused:
        view = await sold_package(context.uow(write=False), coach, sold_id, now)
        await show(update, views.refused_text(refused), back_keyboard(view.sold))
        return
    await show(update, views.done_text(done), back_keyboard(done.sold))
    await _tell(context, done)


def _telegram(context: BotContext) -> Refunder:
    async def refund(payer_id: int, charge_id: str) -> None:
        try:
            await context.bot.refund_star_payment(payer_id, charge_id)
        except BadRequest as exc:
            if "already_refunded" in exc.message.lower():
                raise AlreadyRefunded() from exc
            raise RefundRefused("telegram", exc.message) from exc
        except TelegramError as exc:  # no answer: asked again later, Telegram decides
            raise RefundRefused("telegram", exc.message) from exc

    return refund


async def _tell(context: BotContext, done: Withdrawal) -> None:
    """Each holder hears of it in their zone with the cancelled calendar files; the coach
    gets those files too."""
    coach_id = done.coach.user_id
    for reader in done.readers:
        try:
            with speaking(reader.language):  # the calendar files too
                await context.bot.send_message(
                    reader.user_id, views.client_text(done, reader.zone)
                )
                for booking in done.cancelled:
                    await calendar_to(context, reader.user_id, booking)
        except (Forbidden, BadRequest) as exc:
            log.info("could not tell a holder of a refund: %s", type(exc).__name__)
    with speaking(await context.language_of(coach_id)):
        for booking in done.cancelled:
            await calendar_to(context, coach_id, booking)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(buttons(Route(views.ASK, ask), Route(views.CONFIRM, confirm, once=True)))
