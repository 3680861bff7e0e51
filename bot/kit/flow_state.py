"""The state of a flow (see `flows`, which builds the conversations and re-exports all of
this). Every flow keeps one typed state: an object with `to_dict()`, stored as that plain
JSON in `user_data["flow:<name>"]` (persisted with the conversation) and read back by the
flow's `load` (None when it does not load). `begin` opens a flow with its first state,
`typed_step` hands a step its state and stores it back, `loaded` reads it outside a step,
`finish` drops it; `answer` checks typed text. `Record` is the state of a flow that keeps
a few plain fields: a dataclass that stores and loads itself.

Names given here are persisted: a flow's name is its conversation's, never renamed.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

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


class Stored(Protocol):
    """A typed flow state: kept as the plain JSON of `to_dict()`."""

    def to_dict(self) -> dict[str, Any]: ...


S = TypeVar("S", bound=Stored)
T = TypeVar("T")
R = TypeVar("R", bound="Record")
P = ParamSpec("P")


class Record:
    """A flow state that is a dataclass of plain fields (str, int, bool; `None` allowed
    where the field says so, and then not stored): `to_dict` is its fields, `load` reads
    them back checked, None when one is missing or of another type. A dataclass without
    fields is the state of a flow that keeps nothing but being open."""

    def to_dict(self) -> dict[str, Any]:
        values = dataclasses.asdict(self)  # type: ignore[call-overload]
        return {name: value for name, value in values.items() if value is not None}

    @classmethod
    def load(cls: type[R], data: dict[str, Any]) -> R | None:
        hints = typing.get_type_hints(cls)
        values = {}
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            value = data.get(field.name)
            if not _is(value, hints[field.name]):
                return None
            values[field.name] = value
        return cls(**values)


def _is(value: object, hint: Any) -> bool:
    if isinstance(hint, types.UnionType):
        return any(_is(value, arm) for arm in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int and isinstance(value, bool):
        return False
    return isinstance(value, hint)


# -- state -------------------------------------------------------------------------------
def begin(context: BotContext, name: str, state: Stored) -> None:
    """Opens flow `name` with its first state (or, inside a step, with a fresh one)."""
    assert context.user_data is not None
    context.user_data[_KEY + name] = state.to_dict()


def _stored(context: BotContext, name: str) -> dict[str, Any] | None:
    state = (context.user_data or {}).get(_KEY + name)
    return state if isinstance(state, dict) else None


def loaded(context: BotContext, name: str, load: Callable[[dict[str, Any]], S | None]) -> S | None:
    """Flow `name`'s typed state, or None when it is not open or does not load."""
    stored = _stored(context, name)
    return None if stored is None else load(stored)


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
def typed_step(
    name: str, load: Callable[[dict[str, Any]], S | None], lost: str
) -> Callable[
    [Callable[Concatenate[Update, BotContext, S, P], Awaitable[State]]],
    Callable[Concatenate[Update, BotContext, P], Coroutine[Any, Any, State]],
]:
    """`@typed_step(...)` loads the flow's state (with `load`) before the step and stores
    it after, changed or not, unless the step began the flow anew (`begin`) or ended it
    (then it is dropped); a state that is missing or does not load ends the flow with
    `lost` (marked with `N_`), never a traceback. What else the step is given (a button's
    press, when it is a route's action) follows the state."""

    def decorate(
        handler: Callable[Concatenate[Update, BotContext, S, P], Awaitable[State]],
    ) -> Callable[Concatenate[Update, BotContext, P], Coroutine[Any, Any, State]]:
        @functools.wraps(handler)
        async def run(
            update: Update, context: BotContext, /, *args: P.args, **kwargs: P.kwargs
        ) -> State:
            stored = _stored(context, name)
            state = None if stored is None else load(stored)
            if state is None:  # drop what does not load, or the guard would see it open
                finish(context, name)
                await settle(update)
                await reply(update, _(lost))
                return END
            result = await handler(update, context, state, *args, **kwargs)
            if result == END:
                finish(context, name)
            elif _stored(context, name) is stored:
                begin(context, name, state)
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
