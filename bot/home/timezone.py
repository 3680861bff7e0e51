"""/timezone: a small persistent conversation that validates an IANA zone."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.home.common import default_zone
from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, Record, begin, conversation, finish
from bot.kit.keyboards import ZONE, timezone_choices
from bot.kit.reasons import reason
from bot.kit.replies import Route, buttons, register, reply
from domain import accounts
from domain.errors import InvalidInput
from domain.timezones import to_local
from i18n import N_, _, when

ASK = "tz.ask"
NAME = "timezone"


@dataclass(frozen=True)
class Choosing(Record):
    """/timezone keeps nothing but being open: the zone is saved as soon as it is given."""


async def ask(update: Update, context: BotContext) -> str:
    """Shows the current zone and offers common ones."""
    greeting = await register(update, context)
    begin(context, NAME, Choosing())
    zone = greeting.user.timezone or default_zone(context)
    await reply(update, _(texts.TIMEZONE_ASK).format(zone=zone), reply_markup=timezone_choices())
    return ASK


async def _save(update: Update, context: BotContext, text: str) -> str | int:
    user = update.effective_user
    assert user is not None
    try:
        zone = await accounts.set_timezone(context.uow(), user.id, user.first_name, text)
    except InvalidInput as exc:
        await reply(update, _(texts.TIMEZONE_BAD).format(reason=escape(reason(exc))))
        return ASK
    local = when(to_local(context.now(), zone), "%H:%M, %a %d %b")
    finish(context, NAME)
    await reply(update, _(texts.TIMEZONE_SET).format(zone=zone, local=local))
    return END


async def typed(update: Update, context: BotContext) -> str | int:
    """Saves a typed zone name."""
    assert update.message is not None and update.message.text is not None
    return await _save(update, context, update.message.text)


async def picked(update: Update, context: BotContext, zone: str) -> str | int:
    """Saves the zone of the pressed button."""
    query = update.callback_query
    assert query is not None
    if query.message is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    return await _save(update, context, zone)


def build() -> ConversationHandler:  # type: ignore[type-arg]
    return conversation(
        NAME,
        # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
        N_("choosing your time zone (/timezone)"),
        entry_points=[CommandHandler("timezone", ask)],
        states={
            ASK: [
                buttons(Route(ZONE, picked)),
                MessageHandler(TEXT, typed),
            ],
        },
    )
