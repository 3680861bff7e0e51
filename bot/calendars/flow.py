"""/calendar: the coach connects calendars (an iCal address, or a CalDAV account with an app
password), sees when each was last read, how many busy times it gave and its last error,
and disconnects one after confirming. Nothing secret is kept in the flow's state unsealed:
the address, user name and password are sealed with CALENDAR_SECRET_KEY as they arrive."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

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
    typed_address,
)
from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, Handler, begin, conversation, finish
from bot.kit.replies import greet_coach, reply, settle, show, user_id
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


@step
async def on_button(update: Update, context: BotContext, state: Connecting) -> str | int:
    """Routes a press on the menu, the confirmation or the calendar choice."""
    query = update.callback_query
    assert query is not None
    pressed = v.CAL.parse(query.data)
    if pressed.what == "done":
        await settle(update)
        await reply(update, _(texts.BYE))
        return END
    if pressed.what == "ics":
        await settle(update)
        await reply(update, _(texts.ASK_URL))
        return URL
    if pressed.what == "dav":
        await settle(update)
        await reply(update, _(texts.ASK_SERVER))
        return SERVER
    if pressed.what == "rm":
        return await _confirm(update, context, pressed.n)
    if pressed.what == "yes":
        return await _disconnect(update, context, pressed.n)
    if pressed.what in ("blk", "tgt", "save") and state.calendars is not None:
        return await caldav_steps.choice(update, context, state, pressed)
    await query.answer()
    begin(context, FLOW, Connecting())
    await show_menu(update, context)
    return MENU


async def _confirm(update: Update, context: BotContext, source_id: int) -> str:
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


async def _disconnect(update: Update, context: BotContext, source_id: int) -> str:
    assert update.callback_query is not None
    await update.callback_query.answer()
    sources = await calendars_of(context.uow(write=False), user_id(update))
    label = next((s.label for s in sources if s.id == source_id), "")
    await disconnect_calendar(context.uow(), user_id(update), source_id)
    await show_menu(update, context, _(texts.DISCONNECTED).format(label=escape(label)))
    return MENU


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
    buttons: Handler = CallbackQueryHandler(on_button, pattern=v.CAL.pattern)
    return conversation(
        FLOW,
        N_("connecting your calendars (/calendar)"),
        entry_points=[CommandHandler("calendar", open_menu)],
        states={
            MENU: [buttons],
            URL: [MessageHandler(TEXT, on_url), buttons],
            SERVER: [MessageHandler(TEXT, caldav_steps.on_server), buttons],
            USER: [MessageHandler(TEXT, caldav_steps.on_user), buttons],
            PASSWORD: [MessageHandler(TEXT, caldav_steps.on_password), buttons],
            CHOOSE: [buttons],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )
