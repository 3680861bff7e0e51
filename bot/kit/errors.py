"""The error handler: domain refusals become friendly text; bugs are logged with context
and the person hears that nothing was changed. No traceback ever reaches a chat."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.booking.refusals import refusal_text
from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.metrics import ERRORS
from bot.kit.reasons import reason
from bot.selling import texts as selling_texts
from domain.booking.errors import BookingRefused
from domain.errors import (
    ChangedMeanwhile,
    DomainError,
    InvalidInput,
    NotACoach,
    NotAllowed,
    NotFound,
    PlanRequired,
    RegistrationClosed,
)
from domain.selling.errors import NothingToSell, PriceChanged
from i18n import _

log = logging.getLogger(__name__)


def describe(error: DomainError) -> str:
    """Chat text for a domain refusal."""
    if isinstance(error, InvalidInput):
        return _("Sorry, {reason}. Nothing was changed.").format(reason=escape(reason(error)))
    if isinstance(error, PlanRequired):
        # i18n: {plan} is the plan's name as /setplan knows it (free, growth, pro)
        return _("That needs the {plan} plan or higher. Nothing was changed.").format(
            plan=error.needed
        )
    if isinstance(error, BookingRefused):
        return refusal_text(error)
    known: dict[type[DomainError], str] = {
        NotACoach: texts.NOT_A_COACH,
        NotFound: texts.NOT_FOUND,
        ChangedMeanwhile: texts.CHANGED_MEANWHILE,
        NotAllowed: texts.NOT_ALLOWED,
        RegistrationClosed: texts.REGISTRATION_CLOSED,
        NothingToSell: selling_texts.NOTHING_TO_SELL,
        PriceChanged: selling_texts.PRICE_CHANGED,
    }
    return _(known.get(type(error), texts.SOMETHING_WENT_WRONG))


async def on_error(update: object, context: BotContext) -> None:
    """Answers every failure in the chat it came from."""
    error = context.error
    chat_id = (
        update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
    )
    if update is None and isinstance(error, NetworkError):
        # Polling hiccups: PTB retries by itself; one line is enough.
        log.warning("network error talking to the Bot API: %s", error)
        return
    if isinstance(error, DomainError):
        text = describe(error)
    else:
        user_id = (
            update.effective_user.id
            if isinstance(update, Update) and update.effective_user
            else None
        )
        update_id = update.update_id if isinstance(update, Update) else None
        ERRORS.inc()
        log.error(
            "update %s from user %s failed: %s",
            update_id,
            user_id,
            type(error).__name__,
            exc_info=error,
        )
        if isinstance(error, Forbidden | NetworkError):
            return
        text = _(texts.SOMETHING_WENT_WRONG)
    if chat_id is None:
        return
    if isinstance(update, Update) and update.callback_query is not None:
        try:
            await update.callback_query.answer()
        except Exception:  # noqa: BLE001 - answering a stale query may fail; the text still goes
            log.debug("could not answer callback query", exc_info=True)
    await context.bot.send_message(chat_id, text)
