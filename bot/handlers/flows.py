"""The one flow toolkit: every conversation (a flow) is built here and keeps its state here.

- `conversation(name, label, entry_points, states)` builds the persistent ConversationHandler
  with /cancel, the reminders for anything unexpected, and the 30-minute timeout.
- Each flow owns its state: `begin(context, name, **values)` opens it in
  `user_data["flow:<name>"]` (plain JSON, persisted with the conversation), `state_of` reads
  it (FlowGone when it was dropped), `finish` drops it. /cancel and the timeout drop it too.
- `@step` wraps a state handler: a vanished state ends the flow with a word, not a traceback;
  `typed_step(name, load, lost)` does the same for a typed state (a dataclass with
  `to_dict`/`from_dict`), handing the step the loaded object and storing it back after.
- One flow at a time: `add_guard(app)` answers any command (but /cancel and /skip) and any
  button that starts *another* flow with which flow is open and how to leave it.

Names given here are persisted: a flow's name is its conversation's, never renamed.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
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
from bot.handlers.replies import reply, settle, typed_text
from bot.views.catalog import try_again
from domain.errors import InvalidInput

# Our flows are per user and chat; buttons live on the messages of that chat (PTB's FAQ).
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)

State = str | int
END = ConversationHandler.END
TEXT = filters.TEXT & ~filters.COMMAND
TIMEOUT = timedelta(minutes=30).total_seconds()
Handler = BaseHandler[Update, BotContext, object]
Step = Callable[[Update, BotContext], Coroutine[Any, Any, State]]
_KEY = "flow:"


class FlowGone(Exception):
    """The flow's state was dropped (the flow was cancelled, timed out or finished)."""


@dataclass(frozen=True)
class _Flow:
    label: str  # how the person knows it: "creating a package (/newpackage)"
    handler: ConversationHandler  # type: ignore[type-arg]


_FLOWS: dict[str, _Flow] = {}


# -- state -------------------------------------------------------------------------------
def begin(context: BotContext, name: str, **values: Any) -> dict[str, Any]:
    """Opens flow `name` with its first state (plain JSON values)."""
    assert context.user_data is not None
    context.user_data[_KEY + name] = state = dict(values)
    return state


def state_of(context: BotContext, name: str) -> dict[str, Any]:
    """The open flow's state (changes to it are kept), or FlowGone."""
    state = (context.user_data or {}).get(_KEY + name)
    if not isinstance(state, dict):
        raise FlowGone()
    return state


def finish(context: BotContext, name: str | None = None) -> None:
    """Drops one flow's state, or every flow's (cancel, timeout)."""
    data = context.user_data
    if data is None:
        return
    for key in [_KEY + name] if name else [k for k in data if k.startswith(_KEY)]:
        data.pop(key, None)


def open_flow(context: BotContext) -> str | None:
    """The name of the flow this person is in, if any."""
    return next((k[len(_KEY) :] for k in (context.user_data or {}) if k.startswith(_KEY)), None)


# -- steps -------------------------------------------------------------------------------
def step(handler: Step) -> Step:
    """A step whose flow state vanished ends the flow with a word instead of a traceback."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> State:
        try:
            return await handler(update, context)
        except FlowGone:
            await reply(update, texts.FLOW_GONE)
            return END

    return guarded


class Stored(Protocol):
    """A typed flow state: kept as the plain JSON of `to_dict()`."""

    def to_dict(self) -> dict[str, Any]: ...


S = TypeVar("S", bound=Stored)


def typed_step(
    name: str, load: Callable[[dict[str, Any]], S | None], lost: str
) -> Callable[[Callable[[Update, BotContext, S], Awaitable[State]]], Step]:
    """For a flow whose state is a typed object: `@typed_step(...)` loads it (with `load`)
    before the step and stores it after, or drops it when the step ends the flow; a state
    that is missing or does not load ends the flow with `lost`."""

    def decorate(handler: Callable[[Update, BotContext, S], Awaitable[State]]) -> Step:
        @functools.wraps(handler)
        async def run(update: Update, context: BotContext) -> State:
            try:
                state = load(state_of(context, name))
            except FlowGone:
                state = None
            if state is None:
                await settle(update)
                await reply(update, lost)
                return END
            result = await handler(update, context, state)
            if result == END:
                finish(context, name)
            else:
                begin(context, name, **state.to_dict())
            return result

        return run

    return decorate


async def keep_typed(
    update: Update,
    context: BotContext,
    name: str,
    key: str,
    parse: Callable[[str], object],
    again: InlineKeyboardMarkup | None = None,
) -> bool:
    """Validate the typed answer into the flow's state[key]; on InvalidInput say why and
    return False (the step asks again, nothing is stored)."""
    state = state_of(context, name)
    try:
        state[key] = parse(typed_text(update))
    except InvalidInput as exc:
        await reply(update, try_again(exc.reason), reply_markup=again)
        return False
    return True


# -- leaving, and what does not fit ------------------------------------------------------
async def cancel(update: Update, context: BotContext) -> int:
    """Leaves the flow; nothing that was not saved is kept."""
    finish(context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.CANCELLED)
    return END


async def timed_out(update: Update, context: BotContext) -> None:
    """Tells the person the flow was closed for inactivity."""
    finish(context)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, texts.FLOW_TIMED_OUT)


async def use_buttons(update: Update, context: BotContext) -> None:
    """Anything unexpected inside a flow gets a reminder instead of silence; a button that is
    not one of this step's is out of date."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.STALE_BUTTON)
        return
    if update.effective_message is not None:
        await reply(update, texts.USE_BUTTONS)


def conversation(
    name: str,
    label: str,
    entry_points: Sequence[Handler],
    states: dict[object, list[Handler]],
    cancel_handler: Handler | None = None,
) -> ConversationHandler:  # type: ignore[type-arg]
    """The persistent conversation of flow `name`, with /cancel (or `cancel_handler`), the
    reminders for anything unexpected and the timeout; registered for the one-flow guard."""
    leave: Handler = cancel_handler or CommandHandler("cancel", cancel)
    handler: ConversationHandler = ConversationHandler(  # type: ignore[type-arg]
        entry_points=list(entry_points),
        states={**states, ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)]},
        fallbacks=[
            leave,
            MessageHandler(filters.ALL, use_buttons),
            CallbackQueryHandler(use_buttons),
        ],
        name=name,
        persistent=True,
        allow_reentry=True,
        conversation_timeout=TIMEOUT,
    )
    _FLOWS[name] = _Flow(label, handler)
    return handler


# -- one flow at a time ------------------------------------------------------------------
async def one_flow_at_a_time(update: Update, context: BotContext) -> None:
    """Inside a flow, a command or a button that would start another flow is answered with
    which flow is open and how to leave it; nothing else runs."""
    name = open_flow(context)
    flow = _FLOWS.get(name or "")
    if flow is None:
        return
    busy = texts.busy_in_flow(flow.label)
    text = update.message.text if update.message is not None else None
    if text and text.startswith("/"):
        if _command(text) in ("cancel", "skip"):
            return
        await reply(update, busy)
        raise ApplicationHandlerStop
    query = update.callback_query
    if query is not None and _starts_another_flow(update, name):
        await query.answer(busy, show_alert=True)
        raise ApplicationHandlerStop


def _command(text: str) -> str:
    """ "/newpackage@bot args" → "newpackage"."""
    return (text[1:].split(maxsplit=1) or [""])[0].split("@")[0].lower()


def _starts_another_flow(update: Update, open_name: str | None) -> bool:
    return any(
        entry.check_update(update) not in (None, False)
        for other, flow in _FLOWS.items()
        if other != open_name
        for entry in flow.handler.entry_points
    )


def add_guard(app: Application) -> None:  # type: ignore[type-arg]
    """Before every flow and screen (handler group -2)."""
    app.add_handler(TypeHandler(Update, one_flow_at_a_time), group=-2)
