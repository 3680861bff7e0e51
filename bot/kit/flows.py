"""The one flow toolkit: every conversation (a flow) is built here and keeps its state here.

- `conversation(name, label, entry_points, states)` builds the persistent ConversationHandler
  with /cancel, the reminders for anything unexpected, and the 30-minute timeout.
- Each flow owns one typed state: `begin(context, name, state)` opens it in
  `user_data["flow:<name>"]` (the plain JSON of `state.to_dict()`, persisted with the
  conversation), `typed_step(name, load, lost)` wraps a state handler, hands it the state
  loaded by `load` (None when it does not load; a route's press follows it, so a step can
  be a button's action in `replies.buttons`) and stores it back after, or drops it when
  the step ends the flow; a state that vanished or does not load ends the flow with `lost`
  (and is dropped), never a traceback. `loaded` reads it outside a step, `finish` drops it
  (/cancel and the timeout drop it too), `answer` checks a typed answer (saying why it was
  refused). `Record` is a state of a few plain fields that stores and loads itself.
- One flow at a time: `add_guard(app)` answers any command (but /cancel and /skip) and any
  button that starts *another* flow with which flow is open and how to leave it.

Names given here are persisted: a flow's name is its conversation's, never renamed. The
state part lives in `flow_state` and is re-exported here: import it all from `flows`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update
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

from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.flow_state import (
    END,
    Answer,
    Record,
    State,
    Step,
    Stored,
    answer,
    begin,
    finish,
    loaded,
    open_flow,
    typed_step,
)
from bot.kit.replies import reply
from i18n import _

__all__ = [  # the toolkit; the state part is flow_state's, re-exported
    "END",
    "TEXT",
    "TIMEOUT",
    "Answer",
    "Handler",
    "Record",
    "State",
    "Step",
    "Stored",
    "add_guard",
    "answer",
    "begin",
    "cancel",
    "conversation",
    "finish",
    "loaded",
    "one_flow_at_a_time",
    "open_flow",
    "timed_out",
    "typed_step",
    "use_buttons",
]

# Our flows are per user and chat; buttons live on the messages of that chat (PTB's FAQ).
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)

TEXT = filters.TEXT & ~filters.COMMAND
TIMEOUT = timedelta(minutes=30).total_seconds()
Handler = BaseHandler[Update, BotContext, object]


@dataclass(frozen=True)
class _Flow:
    label: str  # how the person knows it, marked with N_: "a package form (/newpackage)"
    handler: ConversationHandler  # type: ignore[type-arg]


_FLOWS: dict[str, _Flow] = {}


# -- leaving, and what does not fit ------------------------------------------------------
async def cancel(update: Update, context: BotContext) -> int:
    """Leaves the flow; nothing that was not saved is kept."""
    finish(context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(_(texts.CANCELLED))
    return END


async def timed_out(update: Update, context: BotContext) -> None:
    """Tells the person the flow was closed for inactivity."""
    finish(context)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, _(texts.FLOW_TIMED_OUT))


async def use_buttons(update: Update, context: BotContext) -> None:
    """Anything unexpected inside a flow gets a reminder instead of silence; a button that is
    not one of this step's is out of date."""
    if update.callback_query is not None:
        await update.callback_query.answer(_(texts.STALE_BUTTON))
        return
    if update.effective_message is not None:
        await reply(update, _(texts.USE_BUTTONS))


def conversation(
    name: str,
    label: str,
    entry_points: Sequence[Handler],
    states: dict[object, list[Handler]],
    cancel_handler: Handler | None = None,
) -> ConversationHandler:  # type: ignore[type-arg]
    """The persistent conversation of flow `name` (`label`: how the person knows it, a
    sentence part marked with `N_`, said in their language), with /cancel (or
    `cancel_handler`), the reminders for anything unexpected and the timeout; registered
    for the one-flow guard."""
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
    busy = texts.busy_in_flow(_(flow.label))
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
