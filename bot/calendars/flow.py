"""/calendar: the coach connects calendars (an iCal address, or a CalDAV account with an app
password), sees when each was last read, how many busy times it gave and its last error,
and disconnects one after confirming. Nothing secret is kept in the flow's state unsealed:
the address, user name and password are sealed with CALENDAR_SECRET_KEY as they arrive."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.calendars import caldav_steps, texts
from bot.calendars import views as v
from bot.calendars.connecting import (
    CHOOSE,
    FLOW,
    MENU,
    PASSWORD,
    SERVER,
    URL,
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
from bot.kit.flows import END, TEXT, Handler, State, begin, conversation, finish
from bot.kit.replies import Route, buttons, greet_coach, reply, settle, show, user_id
from domain.calendars.model import SourceKind
from domain.calendars.use_cases import calendars_of, disconnect_calendar
from i18n import N_, _
from persistence.calendars.vault import CalendarSecret


async def open_menu(update: Update, context: BotContext) -> str | int:
    """The coach sees their calendars, their state, and buttons to connect or disconnect."""
    await greet_coach(update, context)
    if context.deps.calendar_reader is None:
        await reply(update, _(texts.DISABLED))
        return END
    begin(context, FLOW, Connecting())
    await show_menu(update, context, fresh=True)
    return MENU


def _says(text: str, then: State) -> Callable[[Update, BotContext, int], Awaitable[State]]:
    """A button that settles, says `text` (marked with `N_`) and goes on to `then`."""

    @step
    async def said(update: Update, context: BotContext, _state: Connecting, _n: int) -> State:
        await settle(update)
        await reply(update, _(text))
        return then

    return said


@step
async def back(update: Update, context: BotContext, _state: Connecting, _n: int) -> str:
    """◀ Back: the menu again."""
    return await to_menu(update, context)


@step
async def confirm(update: Update, context: BotContext, _state: Connecting, source_id: int) -> str:
    """Disconnect: asks first, naming the calendar (the menu when it is gone)."""
    assert update.callback_query is not None
    sources = await calendars_of(context.uow(write=False), user_id(update))
    found = [s for s in sources if s.id == source_id]
    await update.callback_query.answer()
    if not found:
        await show_menu(update, context)
        return MENU
    text = _(texts.CONFIRM_DISCONNECT).format(label=escape(found[0].label))
    await show(update, text, v.confirm_keyboard(source_id))
    return MENU


@step
async def disconnect(
    update: Update, context: BotContext, _state: Connecting, source_id: int
) -> str:
    """Disconnects the calendar and shows the menu without it."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    sources = await calendars_of(context.uow(write=False), user_id(update))
    label = next((s.label for s in sources if s.id == source_id), "")
    await disconnect_calendar(context.uow(), user_id(update), source_id)
    await show_menu(update, context, _(texts.DISCONNECTED).format(label=escape(label)))
    return MENU


ROUTES: list[Route[int]] = [
    Route(v.FINISH, _says(texts.BYE, END)),
    Route(v.ICS, _says(texts.ASK_URL, URL)),
    Route(v.DAV, _says(texts.ASK_SERVER, SERVER)),
    Route(v.REMOVE, confirm),
    Route(v.REMOVE_YES, disconnect),
    Route(v.BACK, back),
    Route(v.BLOCK, caldav_steps.toggle_blocking),
    Route(v.TARGET, caldav_steps.toggle_target),
    Route(v.SAVE, caldav_steps.save_choice),
]


# -- an iCal address ---------------------------------------------------------------------
@step
async def on_url(update: Update, context: BotContext, _state: Connecting) -> str | int:
    """Checks the address by reading it once; connects it only when it reads."""
    url = await typed_address(update, context)
    if url is None:
        return URL
    await forget_message(update)
    sealed = reader_of(context).box.seal(CalendarSecret(url))
    source = source_of(context, update, SourceKind.ICS, urlsplit(url).hostname or "?", sealed)
    return await connect(update, context, source, retry=URL)


async def stop(update: Update, context: BotContext) -> int:
    """/cancel: what was connected stays connected."""
    finish(context, FLOW)
    await reply(update, _(texts.STOPPED))
    return END


def build() -> ConversationHandler:  # type: ignore[type-arg]
    routed: Handler = buttons(*ROUTES, family="cal", answer=False)
    return conversation(
        FLOW,
        N_("connecting your calendars (/calendar)"),
        entry_points=[CommandHandler("calendar", open_menu)],
        states={
            MENU: [routed],
            URL: [MessageHandler(TEXT, on_url), routed],
            SERVER: [MessageHandler(TEXT, caldav_steps.on_server), routed],
            USER: [MessageHandler(TEXT, caldav_steps.on_user), routed],
            PASSWORD: [MessageHandler(TEXT, caldav_steps.on_password), routed],
            CHOOSE: [routed],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )
