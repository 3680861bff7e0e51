"""What the service and series handlers share: flow drafts, typed and pressed answers,
button routing, and showing a screen in place (update readers live in `updates`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.handlers.common import reply
from bot.handlers.updates import callback_data, quiet_edit, settle, typed_text
from bot.views.catalog import DRAFT_GONE, STALE_BUTTON, Callback, parse_callback, try_again
from domain.errors import InvalidInput, NotFound

State = str | int
Step = Callable[[Update, BotContext], Coroutine[Any, Any, State]]
Action = Callable[[Update, BotContext, Callback], Coroutine[Any, Any, None]]
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


class DraftGone(Exception):
    """The flow's draft was dropped or replaced (another flow was cancelled or started)."""


def start_draft(context: BotContext, flow: str, **values: Any) -> dict[str, Any]:
    assert context.user_data is not None
    context.user_data["draft"] = draft = {"flow": flow, **values}
    return draft


def current_draft(context: BotContext, flow: str) -> dict[str, Any]:
    """This flow's draft (a plain JSON dict, persisted with the conversation)."""
    draft = (context.user_data or {}).get("draft")
    if not isinstance(draft, dict) or draft.get("flow") != flow:
        raise DraftGone()
    return draft


def end_draft(context: BotContext) -> None:
    if context.user_data is not None:
        context.user_data.pop("draft", None)


def step(handler: Step) -> Step:
    """A flow step whose draft vanished ends the flow with a word instead of a traceback."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> State:
        try:
            return await handler(update, context)
        except DraftGone:
            await reply(update, DRAFT_GONE)
            return ConversationHandler.END

    return guarded


async def keep_typed(
    update: Update,
    context: BotContext,
    flow: str,
    key: str,
    parse: Callable[[str], object],
    again: InlineKeyboardMarkup | None = None,
) -> bool:
    """Validate the typed answer into draft[key]; on InvalidInput say why and return False
    (the step asks again, nothing is stored)."""
    draft = current_draft(context, flow)
    try:
        draft[key] = parse(typed_text(update))
    except InvalidInput as exc:
        await reply(update, try_again(exc.reason), reply_markup=again)
        return False
    return True


async def pressed(update: Update) -> str:
    """Answer the button and take its keyboard away (no double presses); its data."""
    await settle(update)
    return callback_data(update)


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the pressed message in place (paging, views); a command gets a new message."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        await reply(update, text, reply_markup=markup)
        return
    await quiet_edit(query.edit_message_text(text, reply_markup=markup))


def router(prefix: str, actions: dict[str, Action]) -> Handler:
    """One handler for a family of buttons: answer, parse strictly, run the action.
    Malformed data or an unknown action is NotFound, exactly like another coach's id."""

    async def on_button(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        cb = parse_callback(prefix, query.data)
        action = actions.get(cb.action)
        if action is None:
            raise NotFound()
        await action(update, context, cb)

    return on_button


async def stale_button(update: Update, context: BotContext) -> None:
    """A flow's button pressed after that flow ended: a short note, not a spinning button."""
    assert update.callback_query is not None
    await update.callback_query.answer(STALE_BUTTON)
