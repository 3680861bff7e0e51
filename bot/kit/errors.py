"""The error handler: domain refusals become friendly text; bugs are logged with context
and the person hears that nothing was changed. No traceback ever reaches a chat. A feature
words the refusals it owns itself; the bootstrap hands that wording to `add_wording`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import TypeVar, cast

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.metrics import ERRORS
from bot.kit.reasons import reason
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
from i18n import _

log = logging.getLogger(__name__)

E = TypeVar("E", bound=DomainError)
Wording = str | Callable[[DomainError], str]  # a msgid, or the sentence for the error itself
FEATURE_WORDING: dict[type[DomainError], Wording] = {}


def add_wording(kind: type[E], wording: str | Callable[[E], str]) -> None:
    """How a feature words a refusal it owns: an error of `kind`, or of a kind derived from it."""
    FEATURE_WORDING[kind] = cast(Wording, wording)


def describe(error: DomainError) -> str:
    """Chat text for a domain refusal."""
    if isinstance(error, InvalidInput):
        return _("Sorry, {reason}. Nothing was changed.").format(reason=escape(reason(error)))
    if isinstance(error, PlanRequired):
        # i18n: {plan} is the plan's name as /setplan knows it (free, growth, pro)
        return _("That needs the {plan} plan or higher. Nothing was changed.").format(
            plan=error.needed
        )
    for kind in type(error).__mro__:
        wording = FEATURE_WORDING.get(kind)
        if wording is not None:
            return _(wording) if isinstance(wording, str) else wording(error)
    known: dict[type[DomainError], str] = {
        NotACoach: texts.NOT_A_COACH,
        NotFound: texts.NOT_FOUND,
        ChangedMeanwhile: texts.CHANGED_MEANWHILE,
        NotAllowed: texts.NOT_ALLOWED,
        RegistrationClosed: texts.REGISTRATION_CLOSED,
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
