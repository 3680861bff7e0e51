"""🙋 Ask to extend, pressed on an expiry reminder: the client's coach is asked once (a
repeat within a day is answered kindly without asking again), and the client is told.

Its button is `ASK_EXTEND` (bot/selling/buttons.py); a forged one, or a package the presser
does not hold, is NotFound (the same answer for both)."""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, reply, user_id
from bot.selling import extend_views as views
from bot.selling.buttons import ASK_EXTEND
from domain.selling.extend_requests import Asked, ask_to_extend, coach_not_reached
from i18n import _, speaking


async def on_ask(update: Update, context: BotContext, sold_id: int) -> None:
    """The holder's coach gets a request with one-press extensions; the holder is told."""
    now = context.now()
    ask = await ask_to_extend(context.uow(), user_id(update), sold_id, now)
    if ask.outcome is Asked.NEW:
        expired = ask.sold.has_expired(now)
        coach_id = ask.sold.coach_id
        with speaking(ask.coach_language):  # the coach reads it in theirs
            text, keyboard = views.coach_text(ask, expired), views.coach_keyboard(ask)
        try:
            await context.bot.send_message(coach_id, text, reply_markup=keyboard)
        except TelegramError:
            await coach_not_reached(context.uow(), ask)
            await reply(update, _(views.COACH_UNREACHABLE))
            return
    await reply(update, views.client_text(ask))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(buttons(Route(ASK_EXTEND, on_ask, once=True), family="rx"))
