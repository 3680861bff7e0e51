"""The state of a flow (see `flows`, which builds the conversations and re-exports all of
this): `begin`/`state_of`/`finish` keep it in `user_data["flow:<name>"]` as plain JSON;
`typed_step` hands a step its typed state and stores it back; `answer` checks typed text.

Names given here are persisted: a flow's name is its conversation's, never renamed.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.reasons import reason
from bot.kit.replies import reply, settle, typed_text
from bot.kit.texts import try_again
from domain.errors import InvalidInput
from i18n import _

State = str | int
END = ConversationHandler.END
Step = Callable[[Update, BotContext], Coroutine[Any, Any, State]]
_KEY = "flow:"


class FlowGone(Exception):
    """The flow's state was dropped (the flow was cancelled, timed out or finished)."""


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
            await reply(update, _(texts.FLOW_GONE))
            return END

    return guarded


class Stored(Protocol):
    """A typed flow state: kept as the plain JSON of `to_dict()`."""

    def to_dict(self) -> dict[str, Any]: ...


S = TypeVar("S", bound=Stored)
T = TypeVar("T")


def loaded(context: BotContext, name: str, load: Callable[[dict[str, Any]], S | None]) -> S | None:
    """Flow `name`'s typed state, or None when it is not open or does not load."""
    try:
        return load(state_of(context, name))
    except FlowGone:
        return None


def typed_step(
    name: str, load: Callable[[dict[str, Any]], S | None], lost: str
) -> Callable[[Callable[[Update, BotContext, S], Awaitable[State]]], Step]:
    """For a flow whose state is a typed object: `@typed_step(...)` loads it (with `load`)
    before the step and stores it after, or drops it when the step ends the flow; a state
    that is missing or does not load ends the flow with `lost` (marked with `N_`)."""

    def decorate(handler: Callable[[Update, BotContext, S], Awaitable[State]]) -> Step:
        @functools.wraps(handler)
        async def run(update: Update, context: BotContext) -> State:
            state = loaded(context, name, load)
            if state is None:  # drop what does not load, or the guard would see it open
                finish(context, name)
                await settle(update)
                await reply(update, _(lost))
                return END
            result = await handler(update, context, state)
            if result == END:
                finish(context, name)
            else:
                begin(context, name, **state.to_dict())
            return result

        return run

    return decorate


@dataclass(frozen=True)
class Answer(Generic[T]):
    """A typed answer that passed its check."""

    value: T


async def answer(
    update: Update, parse: Callable[[str], T], again: InlineKeyboardMarkup | None = None
) -> Answer[T] | None:
    """The typed answer checked by `parse`; on InvalidInput say why and return None (the
    step asks again, nothing is stored)."""
    try:
        return Answer(parse(typed_text(update)))
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)), reply_markup=again)
        return None


async def keep_typed(
    update: Update,
    context: BotContext,
    name: str,
    key: str,
    parse: Callable[[str], object],
    again: InlineKeyboardMarkup | None = None,
) -> bool:
    """For a plain-dict state: `answer` stored in the flow's state[key]; False when refused."""
    state = state_of(context, name)
    got = await answer(update, parse, again)
    if got is not None:
        state[key] = got.value
    return got is not None
