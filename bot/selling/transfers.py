"""🎁 Transfer: the client (from the package's view) or the coach (from /sold) hands what is
left to someone else: asked, confirmed, then a new access link to forward; the old link
dies for everyone (domain/selling/transfers.py) and the other side is told."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application

from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, show, user_id
from bot.selling import transfer_views as views
from bot.selling.buttons import TRANSFER, TRANSFER_ASK, TransferPressed
from bot.selling.notices import access_url
from domain.selling.transfers import NothingToTransfer, transfer_package, transfer_question
from i18n import _, speaking

log = logging.getLogger(__name__)


async def ask(update: Update, context: BotContext, sold_id: int) -> None:
    """The client or the coach is asked to confirm, told what a transfer does."""
    assert update.callback_query is not None
    actor = user_id(update)
    try:
        sold, fingerprint = await transfer_question(
            context.uow(write=False), actor, sold_id, context.now()
        )
    except NothingToTransfer:
        await update.callback_query.answer(_(views.NOTHING), show_alert=True)
        return
    await show(update, *views.question(sold, fingerprint, actor == sold.coach_id))


async def confirm(update: Update, context: BotContext, pressed: TransferPressed) -> None:
    """The new link to forward (pressed twice: one transfer); the other side is told."""
    actor = user_id(update)
    try:
        done = await transfer_package(
            context.uow(), actor, pressed.sold, pressed.fingerprint, context.now(),
            context.reminders,
        )  # fmt: skip
    except NothingToTransfer:
        await show(update, _(views.NOTHING), None)
        return
    if not done.changed:
        await show(update, _(views.ALREADY), None)
        return
    await show(
        update, views.done_text(done.sold, access_url(context, done.sold.access_token)), None
    )
    name = update.effective_user.first_name if update.effective_user else ""
    for reader in done.tell:
        with speaking(reader.language):
            text = (
                views.client_told(done.sold, done.coach.display_name)
                if done.by_coach
                else views.coach_told(done.sold, name)
            )
        try:
            await context.bot.send_message(reader.user_id, text)
        except (Forbidden, BadRequest) as exc:
            log.info("could not tell of a transfer: %s", type(exc).__name__)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(buttons(Route(TRANSFER_ASK, ask), Route(TRANSFER, confirm, once=True)))
