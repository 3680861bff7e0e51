"""/calendar's CalDAV steps: server address → user name → app password (its message deleted)
→ the account's calendars, to choose which block time and which receives bookings. Each
secret is sealed with CALENDAR_SECRET_KEY as it arrives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from html import escape
from urllib.parse import urlsplit

from telegram import Update

from bot.calendars import texts
from bot.calendars import views as v
from bot.calendars.connecting import (
    CHOOSE,
    FLOW,
    MENU,
    PASSWORD,
    SERVER,
    USER,
    Connecting,
    connect,
    forget_message,
    reader_of,
    show_menu,
    source_of,
    step,
    to_menu,
    typed_address,
)
from bot.kit.context import BotContext
from bot.kit.flows import State, begin
from bot.kit.replies import reply, settle, show, typed_text
from domain.calendars.model import CalendarUnreadable, SourceKind
from i18n import _
from persistence.calendars.caldav_client import discover
from persistence.calendars.vault import CalendarSecret


@step
async def on_server(update: Update, context: BotContext, state: Connecting) -> str:
    url = await typed_address(update, context)
    if url is None:
        return SERVER
    sealed = reader_of(context).box.seal(CalendarSecret(url))
    begin(context, FLOW, replace(state, sealed=sealed, host=urlsplit(url).hostname or "?"))
    await reply(update, _(texts.ASK_USER))
    return USER


@step
async def on_user(update: Update, context: BotContext, state: Connecting) -> str:
    box = reader_of(context).box
    secret = box.open(str(state.sealed))
    username = typed_text(update).strip()[:200]
    sealed = box.seal(CalendarSecret(secret.url, username))
    begin(context, FLOW, replace(state, sealed=sealed, label=f"{username}@{state.host}"))
    await reply(update, _(texts.ASK_PASSWORD))
    return PASSWORD


@step
async def on_password(update: Update, context: BotContext, state: Connecting) -> str | int:
    """Reads the account's calendars with the app password; the message is deleted."""
    reader = reader_of(context)
    password = typed_text(update)
    await forget_message(update)
    old = reader.box.open(str(state.sealed))
    secret = CalendarSecret(old.url, old.username, password)
    try:
        found = await discover(secret, reader.policy)
    except CalendarUnreadable as exc:
        why = _(texts.READ_ERRORS[exc.error])
        await reply(update, _(texts.NOT_CONNECTED).format(reason=why))
        await reply(update, _(texts.ASK_SERVER))
        return SERVER
    if not found:
        begin(context, FLOW, Connecting())
        await show_menu(update, context, _(texts.NO_CALENDARS), fresh=True)
        return MENU
    state = replace(
        state,
        sealed=reader.box.seal(secret),
        calendars=tuple(sorted(found.items(), key=lambda item: item[1].lower())[:20]),
        blocking=tuple(range(min(len(found), 20))),
        target=None,
    )
    begin(context, FLOW, state)
    await show_choice(update, state, fresh=True)
    return CHOOSE


async def show_choice(update: Update, state: Connecting, fresh: bool = False) -> None:
    calendars = list(state.calendars or ())
    text = texts.choose(len(calendars), escape(str(state.label)))
    markup = v.choose_keyboard(calendars, set(state.blocking), state.target)
    if fresh:
        await reply(update, text, reply_markup=markup)
    else:
        await show(update, text, markup)


Choice = Callable[[Update, BotContext, Connecting, int], Awaitable[State]]


def on_choice(action: Choice) -> Callable[[Update, BotContext, int], Awaitable[State]]:
    """A press on the choice of calendars (`n`: a found calendar's index); the menu once no
    choice is open (an old keyboard)."""

    @step
    async def chosen(update: Update, context: BotContext, state: Connecting, n: int) -> State:
        if state.calendars is None:
            return await to_menu(update, context)
        return await action(update, context, state, n)

    return chosen


@on_choice
async def toggle_blocking(update: Update, context: BotContext, state: Connecting, n: int) -> str:
    """A found calendar blocks time, or no longer does."""
    blocking = tuple(sorted(set(state.blocking) ^ {n}))
    return await _toggled(update, context, n, replace(state, blocking=blocking))


@on_choice
async def toggle_target(update: Update, context: BotContext, state: Connecting, n: int) -> str:
    """A found calendar receives the bookings (one at most), or no longer does."""
    target = None if state.target == n else n
    return await _toggled(update, context, n, replace(state, target=target))


async def _toggled(update: Update, context: BotContext, n: int, state: Connecting) -> str:
    assert update.callback_query is not None
    if n < len(state.calendars or ()):
        begin(context, FLOW, state)
        await update.callback_query.answer()
        await show_choice(update, state)
    else:
        await update.callback_query.answer()
    return CHOOSE


@on_choice
async def save_choice(update: Update, context: BotContext, state: Connecting, _n: int) -> State:
    """Connects the account: the chosen calendars block time, the chosen one receives."""
    await settle(update)
    return await _save_caldav(update, context, state, list(state.calendars or ()))


async def _save_caldav(
    update: Update, context: BotContext, state: Connecting, calendars: list[tuple[str, str]]
) -> str | int:
    source = source_of(context, update, SourceKind.CALDAV, str(state.label), str(state.sealed))
    source.blocking = tuple(calendars[i][0] for i in state.blocking)
    source.target = calendars[state.target][0] if state.target is not None else None
    source.calendars = dict(calendars)
    return await connect(update, context, source, retry=CHOOSE)
