"""The one helpers module of the handlers: read an update (who, what was typed or pressed),
answer it (reply, show in place, settle a button, "out of date"), route every button kind
(`buttons`, the one router; a route may act once), and find the person (register, require
a coach).

Flows (state, steps, /cancel, one flow at a time) are in `flows`; this module knows nothing
of them. Every feature's handlers use these instead of writing their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.kit import texts
from bot.kit.callbacks import Callback
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
from i18n import N_, _

R = TypeVar("R")
P = TypeVar("P")
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]
ALREADY_DONE = N_("Already done.")


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
    """A handler for buttons whose screen or flow is over: a short note (marked with `N_`,
    said in the presser's language), not a spinner."""

    async def stale_button(update: Update, context: BotContext) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer(_(note))

    return stale_button


# -- buttons -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Route(Generic[P]):
    """A button kind and what its press does. `once`, for a button that creates, changes or
    deletes: only the first press of it on its message runs the action; a later press is
    answered "Already done." and changes nothing. The press is claimed in the transaction
    of the action's change (domain/presses.py), or after it when it changed nothing; if the
    action fails, the claim is released. Only where the same button never comes back on the
    same message."""

    kind: Callback[P]
    action: Callable[[Update, BotContext, P], Awaitable[Any]]
    once: bool = False


def buttons(
    *routes: Route[Any], family: str | None = None, answer: bool = True, exact: bool = False
) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """The one way a button is routed: one handler for `routes`, matching their prefixes (or
    every `family:` data, so a malformed one of the family is refused here), reading the press
    strictly with its kind (NotFound otherwise, the answer to someone else's id), answering it
    (unless the action settles it itself: `answer=False`) and running the route's action with
    the typed press. The action's result is the handler's (a flow's next state).

    `exact`: the handler takes only presses its kinds read in full; anything else goes on to
    later handlers (inside a flow: its word for a button of another step)."""
    pattern: str | Callable[[object], bool]
    if exact:
        pattern = lambda data: any(route.kind.read(str(data)) is not None for route in routes)  # noqa: E731
    else:
        prefixes = [family] if family else [route.kind.prefix for route in routes]
        pattern = "^(?:" + "|".join(re.escape(p) for p in prefixes) + ")(?::|$)"

    async def on_button(update: Update, context: BotContext) -> Any:
        data = callback_data(update)
        for route in routes:
            press = route.kind.read(data)
            if press is None:
                continue
            run = functools.partial(_run, route, press, answer)
            return await (_once(update, context, run) if route.once else run(update, context))
        raise NotFound()

    return CallbackQueryHandler(on_button, pattern=pattern)


def step_button(kind: Callback[Any], step: Handler) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """A flow step run by a button of `kind` (exactly; the step settles it and reads what the
    press carries with `kind.parse`)."""

    async def run(update: Update, context: BotContext, _press: object) -> Any:
        return await step(update, context)

    return buttons(Route(kind, run), answer=False, exact=True)


async def _run(
    route: Route[P], press: P, answer: bool, update: Update, context: BotContext
) -> Any:
    if answer:
        assert update.callback_query is not None
        await update.callback_query.answer()
    return await route.action(update, context, press)


async def _once(
    update: Update,
    context: BotContext,
    handler: Callable[[Update, BotContext], Awaitable[R]],
) -> R | None:
    query = update.callback_query
    if query is None or not isinstance(query.message, Message) or not query.data:
        return await handler(update, context)
    press = Press(query.message.chat.id, query.message.message_id, query.data)
    if await was_pressed(context.uow(write=False), press, context.now()):
        await query.answer(_(ALREADY_DONE))
        return None
    acting = Acting(press, context.now())
    token = pending.set(acting)
    try:
        result = await handler(update, context)
    except PressedBefore:  # a second press, a moment behind the first
        await query.answer(_(ALREADY_DONE))
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
