"""/calendar: the coach connects calendars (an iCal address, or a CalDAV account with an app
password), sees when each was last read, how many busy times it gave and its last error,
and disconnects one after confirming. Nothing secret is kept in the flow's state unsealed:
the address, user name and password are sealed with CALENDAR_SECRET_KEY as they arrive."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.calendars import texts
from bot.calendars import views as v
from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, Handler, begin, conversation, finish, state_of, step
from bot.kit.reasons import reason
from bot.kit.replies import greet_coach, reply, settle, show, typed_text, user_id
from domain.calendars.addresses import checked_url
from domain.calendars.busy import is_booking_uid
from domain.calendars.model import CalendarSource, CalendarUnreadable, SourceKind
from domain.calendars.use_cases import (
    calendars_of,
    connect_calendar,
    disconnect_calendar,
    read_calendar,
)
from domain.errors import InvalidInput
from persistence.calendars.caldav_client import discover
from persistence.calendars.reading import CalendarReader
from persistence.calendars.vault import CalendarSecret

FLOW = "calendar"
MENU, URL, SERVER, USER, PASSWORD, CHOOSE = (
    "cal.menu", "cal.url", "cal.server", "cal.user", "cal.password", "cal.choose",
)  # fmt: skip


def _reader(context: BotContext) -> CalendarReader:
    reader = context.deps.calendar_reader
    assert reader is not None  # the flow opens only when there is one
    return reader


async def open_menu(update: Update, context: BotContext) -> str | int:
    """The coach sees their calendars, their state, and buttons to connect or disconnect."""
    await greet_coach(update, context)
    if context.deps.calendar_reader is None:
        await reply(update, texts.DISABLED)
        return END
    begin(context, FLOW)
    await _menu(update, context, fresh=True)
    return MENU


async def _menu(update: Update, context: BotContext, note: str = "", fresh: bool = False) -> None:
    coach_id = user_id(update)
    sources = await calendars_of(context.uow(write=False), coach_id)
    zone = await _zone(context, coach_id)
    text = v.menu_text(sources, zone, context.deps.settings.calendar_sync_minutes, note)
    if fresh or update.callback_query is None:
        await reply(update, text, reply_markup=v.menu_keyboard(sources))
    else:
        await show(update, text, v.menu_keyboard(sources))


async def _zone(context: BotContext, coach_id: int) -> str:
    async with context.uow(write=False) as uow:
        coach = await uow.coaches.get(coach_id)
    return coach.timezone if coach is not None else "UTC"


@step
async def on_button(update: Update, context: BotContext) -> str | int:
    """Routes a press on the menu, the confirmation or the calendar choice."""
    query = update.callback_query
    assert query is not None
    pressed = v.CAL.parse(query.data)
    state = state_of(context, FLOW)
    if pressed.what == "done":
        await settle(update)
        finish(context, FLOW)
        await reply(update, texts.BYE)
        return END
    if pressed.what == "ics":
        await settle(update)
        await reply(update, texts.ASK_URL)
        return URL
    if pressed.what == "dav":
        await settle(update)
        await reply(update, texts.ASK_SERVER)
        return SERVER
    if pressed.what == "rm":
        return await _confirm(update, context, pressed.n)
    if pressed.what == "yes":
        return await _disconnect(update, context, pressed.n)
    if pressed.what in ("blk", "tgt", "save") and "calendars" in state:
        return await _choice(update, context, state, pressed)
    await query.answer()
    begin(context, FLOW)
    await _menu(update, context)
    return MENU


async def _confirm(update: Update, context: BotContext, source_id: int) -> str:
    assert update.callback_query is not None
    sources = await calendars_of(context.uow(write=False), user_id(update))
    found = [s for s in sources if s.id == source_id]
    await update.callback_query.answer()
    if not found:
        await _menu(update, context)
        return MENU
    text = texts.CONFIRM_DISCONNECT.format(label=escape(found[0].label))
    await show(update, text, v.confirm_keyboard(source_id))
    return MENU


async def _disconnect(update: Update, context: BotContext, source_id: int) -> str:
    assert update.callback_query is not None
    await update.callback_query.answer()
    sources = await calendars_of(context.uow(write=False), user_id(update))
    label = next((s.label for s in sources if s.id == source_id), "")
    await disconnect_calendar(context.uow(), user_id(update), source_id)
    await _menu(update, context, texts.DISCONNECTED.format(label=escape(label)))
    return MENU


# -- an iCal address ---------------------------------------------------------------------
@step
async def on_url(update: Update, context: BotContext) -> str | int:
    """Checks the address by reading it once; connects it only when it reads."""
    state_of(context, FLOW)
    typed = typed_text(update).strip()
    try:
        url = checked_url(typed, context.deps.settings.calendar_allow_private_hosts)
    except InvalidInput as exc:
        await reply(update, texts.NOT_CONNECTED.format(reason=reason(exc)))
        return URL
    await _forget_message(update)
    sealed = _reader(context).box.seal(CalendarSecret(url))
    source = _source(context, update, SourceKind.ICS, urlsplit(url).hostname or "?", sealed)
    return await _connect(update, context, source, retry=URL)


def _source(
    context: BotContext, update: Update, kind: SourceKind, label: str, sealed: str
) -> CalendarSource:
    return CalendarSource(None, user_id(update), kind, label[:255], sealed, context.now())


async def _connect(
    update: Update, context: BotContext, source: CalendarSource, retry: str
) -> str | int:
    """Stores the source and reads it at once; a source that cannot be read is removed
    again and the coach is told why (nothing half-connected stays)."""
    try:
        stored = await connect_calendar(context.uow(), source)
    except InvalidInput as exc:
        await reply(update, texts.NOT_CONNECTED.format(reason=reason(exc)))
        return END if exc.code != "calendar_url_not_https" else retry
    await reply(update, texts.READING)
    own = is_booking_uid(context.bot_username)
    await read_calendar(context.uow, _reader(context), stored, context.now(), own)
    after = await calendars_of(context.uow(write=False), stored.coach_id)
    mine = next((s for s in after if s.id == stored.id), None)
    if mine is None or mine.last_error is not None:
        await disconnect_calendar(context.uow(), stored.coach_id, stored.id or 0)
        why = texts.READ_ERRORS[mine.last_error] if mine and mine.last_error else "?"
        await reply(update, texts.NOT_CONNECTED.format(reason=why))
        return retry
    async with context.uow(write=False) as uow:
        days = (await uow.availability.get(stored.coach_id)).settings.horizon_days
    note = texts.CONNECTED.format(
        label=escape(mine.label), busy=texts.busy_times(mine.busy_count), days=days
    )
    begin(context, FLOW)
    await _menu(update, context, note, fresh=True)
    return MENU


async def _forget_message(update: Update) -> None:
    """The message that carried a secret leaves the chat."""
    if update.message is not None:
        try:
            await update.message.delete()
        except TelegramError:
            pass


# -- a CalDAV account --------------------------------------------------------------------
@step
async def on_server(update: Update, context: BotContext) -> str:
    state = state_of(context, FLOW)
    try:
        url = checked_url(typed_text(update), context.deps.settings.calendar_allow_private_hosts)
    except InvalidInput as exc:
        await reply(update, texts.NOT_CONNECTED.format(reason=reason(exc)))
        return SERVER
    state["sealed"] = _reader(context).box.seal(CalendarSecret(url))
    state["host"] = urlsplit(url).hostname or "?"
    await reply(update, texts.ASK_USER)
    return USER


@step
async def on_user(update: Update, context: BotContext) -> str:
    state = state_of(context, FLOW)
    box = _reader(context).box
    secret = box.open(str(state["sealed"]))
    username = typed_text(update).strip()[:200]
    state["sealed"] = box.seal(CalendarSecret(secret.url, username))
    state["label"] = f"{username}@{state['host']}"
    await reply(update, texts.ASK_PASSWORD)
    return PASSWORD


@step
async def on_password(update: Update, context: BotContext) -> str | int:
    """Reads the account's calendars with the app password; the message is deleted."""
    state = state_of(context, FLOW)
    reader = _reader(context)
    password = typed_text(update)
    await _forget_message(update)
    old = reader.box.open(str(state["sealed"]))
    secret = CalendarSecret(old.url, old.username, password)
    try:
        found = await discover(secret, reader.policy)
    except CalendarUnreadable as exc:
        await reply(update, texts.NOT_CONNECTED.format(reason=texts.READ_ERRORS[exc.error]))
        await reply(update, texts.ASK_SERVER)
        return SERVER
    if not found:
        await reply(update, texts.NO_CALENDARS)
        return END
    state.update(
        sealed=reader.box.seal(secret),
        calendars=sorted(found.items(), key=lambda item: item[1].lower())[:20],
        blocking=list(range(min(len(found), 20))),
        target=None,
    )
    await _show_choice(update, state, fresh=True)
    return CHOOSE


async def _show_choice(update: Update, state: dict[str, object], fresh: bool = False) -> None:
    calendars = [(str(u), str(n)) for u, n in state["calendars"]]  # type: ignore[attr-defined]
    blocking = set(state["blocking"])  # type: ignore[call-overload]
    target = state["target"]
    text = texts.CHOOSE.format(count=len(calendars), label=escape(str(state["label"])))
    markup = v.choose_keyboard(calendars, blocking, target if isinstance(target, int) else None)
    if fresh:
        await reply(update, text, reply_markup=markup)
    else:
        await show(update, text, markup)


async def _choice(
    update: Update, context: BotContext, state: dict[str, object], pressed: v.Pressed
) -> str | int:
    assert update.callback_query is not None
    calendars = [(str(u), str(n)) for u, n in state["calendars"]]  # type: ignore[attr-defined]
    if pressed.what != "save" and pressed.n >= len(calendars):
        await update.callback_query.answer()
        return CHOOSE
    if pressed.what == "blk":
        blocking = set(state["blocking"])  # type: ignore[call-overload]
        state["blocking"] = sorted(blocking ^ {pressed.n})
    elif pressed.what == "tgt":
        state["target"] = None if state["target"] == pressed.n else pressed.n
    else:
        await settle(update)
        return await _save_caldav(update, context, state, calendars)
    await update.callback_query.answer()
    await _show_choice(update, state)
    return CHOOSE


async def _save_caldav(
    update: Update,
    context: BotContext,
    state: dict[str, object],
    calendars: list[tuple[str, str]],
) -> str | int:
    blocking = [calendars[i][0] for i in state["blocking"]]  # type: ignore[attr-defined]
    target = state["target"]
    source = _source(context, update, SourceKind.CALDAV, str(state["label"]), str(state["sealed"]))
    source.blocking = tuple(blocking)
    source.target = calendars[target][0] if isinstance(target, int) else None
    source.calendars = dict(calendars)
    return await _connect(update, context, source, retry=CHOOSE)


async def stop(update: Update, context: BotContext) -> int:
    """/cancel: what was connected stays connected."""
    finish(context, FLOW)
    await reply(update, texts.STOPPED)
    return END


def build() -> ConversationHandler:  # type: ignore[type-arg]
    buttons: Handler = CallbackQueryHandler(on_button, pattern=v.CAL.pattern)
    return conversation(
        FLOW,
        "connecting your calendars (/calendar)",
        entry_points=[CommandHandler("calendar", open_menu)],
        states={
            MENU: [buttons],
            URL: [MessageHandler(TEXT, on_url), buttons],
            SERVER: [MessageHandler(TEXT, on_server), buttons],
            USER: [MessageHandler(TEXT, on_user), buttons],
            PASSWORD: [MessageHandler(TEXT, on_password), buttons],
            CHOOSE: [buttons],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )
