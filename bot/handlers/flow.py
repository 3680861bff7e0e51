"""Pieces every conversation shares: /cancel, timeout, and "use the buttons"."""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.context import BotContext

# Our flows are per user and chat; buttons live on the messages of that chat (PTB's FAQ).
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)


async def cancel(update: Update, context: BotContext) -> int:
    """Leaves the flow; nothing that was not saved is kept."""
    if context.user_data is not None:
        context.user_data.pop("draft", None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.CANCELLED)
    return ConversationHandler.END


async def timed_out(update: Update, context: BotContext) -> None:
    """Tells the person the flow was closed for inactivity."""
    if context.user_data is not None:
        context.user_data.pop("draft", None)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, texts.FLOW_TIMED_OUT)


async def use_buttons(update: Update, context: BotContext) -> None:
    """Anything unexpected inside a flow gets a reminder instead of silence; a button that is
    not one of this step's is out of date."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.STALE_BUTTON)
        return
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.USE_BUTTONS, parse_mode=ParseMode.HTML)


async def busy(update: Update, context: BotContext) -> None:
    """Another command inside a flow: one flow at a time, so say how to leave this one."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.BUSY_IN_FLOW)


Handler = BaseHandler[Update, BotContext, object]


def fallbacks() -> list[Handler]:
    """/cancel, then a reminder for other commands, stray messages and stale buttons."""
    return [
        CommandHandler("cancel", cancel),
        MessageHandler(filters.COMMAND, busy),
        MessageHandler(~filters.COMMAND, use_buttons),
        CallbackQueryHandler(use_buttons),
    ]


TIMEOUT_HANDLERS: dict[object, list[Handler]] = {
    ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)]
}
