"""The one helpers module of the handlers: read an update (who, what was typed or pressed),
answer it (reply, show in place, settle a button, "out of date"), route a family of buttons,
make a button act once, and find the person (register, require a coach).

Flows (state, steps, /cancel, one flow at a time) are in `flows`; this module knows nothing
of them. Every feature's handlers use these instead of writing their own.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.catalog.shared_views import Callback, parse_callback
from bot.kit import texts
from bot.kit.context import BotContext
from domain import accounts
from domain.errors import NotACoach, NotFound
from domain.model import Coach
from domain.presses import (
    Acting,
    Press,
    PressedBefore,
    claim_press,
    pending,
    release_press,
    was_pressed,
)

R = TypeVar("R")
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]
Action = Callable[[Update, BotContext, Callback], Coroutine[Any, Any, None]]
ALREADY_DONE = "Already done."


# -- reading an update -----------------------------------------------------------------
def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


def typed_text(update: Update) -> str:
    assert update.message is not None and update.message.text is not None
    return update.message.text


def callback_data(update: Update) -> str:
    assert update.callback_query is not None and update.callback_query.data is not None
    return update.callback_query.data


# -- answering ---------------------------------------------------------------------------
async def reply(update: Update, text: str, **kwargs: object) -> None:
    """A new message (HTML) in the chat the update came from."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, parse_mode=ParseMode.HTML, **kwargs)  # type: ignore[arg-type]


async def quiet_edit(edit: Awaitable[object]) -> None:
    """An edit that may find the message already as wanted (a double tap, a page pressed
    twice): Telegram's "message is not modified" is not an error here."""
    try:
        await edit
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the pressed message in place (paging, views); a command gets a new message."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        await reply(update, text, reply_markup=markup)
        return
    await quiet_edit(query.edit_message_text(text, reply_markup=markup))


async def settle(update: Update, answer: str | None = None) -> None:
    """Answers a pressed button and takes the keyboard off its message, so an old question
    cannot be answered twice."""
    query = update.callback_query
    if query is None:
        return
    await query.answer(answer)
    if isinstance(query.message, Message):  # not an old, inaccessible one
        await quiet_edit(query.edit_message_reply_markup(reply_markup=None))


async def pressed(update: Update) -> str:
    """Settle the button (no double presses of a question); its data."""
    await settle(update)
    return callback_data(update)


def out_of_date(note: str = texts.STALE_BUTTON) -> Handler:
    """A handler for buttons whose screen or flow is over: a short note, not a spinner."""

    async def stale_button(update: Update, context: BotContext) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer(note)

    return stale_button


# -- buttons -----------------------------------------------------------------------------
def router(prefix: str, actions: dict[str, Action]) -> Handler:
    """One handler for a family of buttons `<prefix>:<action>:<id>[:<arg>]`: answer, parse
    strictly, run the action. Malformed data or an unknown action is NotFound, exactly like
    another coach's id."""

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


def acts_once(
    handler: Callable[[Update, BotContext], Coroutine[Any, Any, R]],
) -> Callable[[Update, BotContext], Coroutine[Any, Any, R | None]]:
    """For a button that creates, changes or deletes: only the first press of it on its
    message runs `handler`; a later press is answered "Already done." and changes nothing.
    The press is claimed in the transaction of the handler's change (domain/presses.py), or
    after it when it changed nothing. If `handler` fails, the claim is released. Use it only
    where the same button never comes back on the same message."""

    @functools.wraps(handler)
    async def once(update: Update, context: BotContext) -> R | None:
        query = update.callback_query
        if query is None or not isinstance(query.message, Message) or not query.data:
            return await handler(update, context)
        press = Press(query.message.chat.id, query.message.message_id, query.data)
        if await was_pressed(context.uow(write=False), press, context.now()):
            await query.answer(ALREADY_DONE)
            return None
        acting = Acting(press, context.now())
        token = pending.set(acting)
        try:
            result = await handler(update, context)
        except PressedBefore:  # a second press, a moment behind the first
            await query.answer(ALREADY_DONE)
            return None
        except Exception:
            if acting.claimed:
                await release_press(context.uow(), press)
            raise
        finally:
            pending.reset(token)
        if not acting.claimed:
            await claim_press(context.uow(), press, acting.now)
        return result

    return once


# -- the person --------------------------------------------------------------------------
async def register(update: Update, context: BotContext) -> accounts.Greeting:
    """Registers the person as /start does: a listed coach whose first message is a coach
    command (their menu shows them) is a coach from that message on."""
    user = update.effective_user
    assert user is not None
    return await accounts.greet(
        context.uow(), user.id, user.first_name, context.deps.policy, context.now()
    )


async def require_coach(update: Update, context: BotContext) -> Coach:
    """The coach asking, or NotACoach (the error handler explains)."""
    coach = await accounts.get_coach(context.uow(write=False), user_id(update))
    if coach is None:
        raise NotACoach()
    return coach


async def greet_coach(update: Update, context: BotContext) -> Coach:
    """Like `require_coach`, registering the person first (see `register`)."""
    greeting = await register(update, context)
    if greeting.coach is None:
        raise NotACoach()
    return greeting.coach
