"""Dates of a series: the series screen listing them, adding them (a small flow: one date,
or "every Tuesday 18:00 for 8 weeks", read in the coach's time zone) and removing one (asks
first when seats are taken).
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.context import BotContext
from bot.errors import describe
from bot.handlers.flows import END, TEXT, begin, conversation, finish, state_of, step
from bot.handlers.replies import (
    Action,
    acts_once,
    pressed,
    reply,
    require_coach,
    router,
    show,
    typed_text,
    user_id,
)
from bot.views import series as views
from bot.views.catalog import Callback, parse_callback, try_again
from domain.catalog.model import Occurrence
from domain.catalog.series import (
    add_occurrence,
    add_recurring_occurrences,
    get_series,
    list_occurrences,
    remove_occurrence,
    series_overview,
)
from domain.errors import DomainError, InvalidInput, NotFound
from domain.pagination import page_of

DATES = "ser.dates"
FLOW = "series_dates"  # the conversation and its flow state
_WEEKLY = re.compile(r"^\s*every\b|\bweeks?\b", re.IGNORECASE)  # a schedule, not one date


async def series_screen(
    update: Update, context: BotContext, series_id: int, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """One series with its upcoming dates in the coach's time zone, and its buttons."""
    seen = await series_overview(context.uow(), user_id(update), series_id, context.now())
    text = views.series_text(seen.series, seen.upcoming, seen.timezone, note)
    return text, views.series_keyboard(seen.series, bool(seen.upcoming))


async def show_series(update: Update, context: BotContext, series_id: int, note: str = "") -> None:
    """The series screen in place of the pressed message."""
    await show(update, *await series_screen(update, context, series_id, note))


async def send_series(update: Update, context: BotContext, series_id: int, note: str = "") -> None:
    """The series screen as a new message (after a flow's answer)."""
    text, markup = await series_screen(update, context, series_id, note)
    await reply(update, text, reply_markup=markup)


async def start_adding(update: Update, context: BotContext) -> str:
    """The coach is asked for dates of the series, in their own time zone."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    cb = parse_callback(views.SER, query.data)
    coach = await require_coach(update, context)
    series = await get_series(context.uow(), coach.user_id, cb.item_id)
    begin(context, FLOW, series_id=cb.item_id)
    await reply(update, views.ask_dates(series, coach.timezone))
    return DATES


@step
async def got_dates(update: Update, context: BotContext) -> str | int:
    """Adds a date or a weekly schedule; a bad or past one is refused and asked again."""
    series_id = int(state_of(context, FLOW)["series_id"])
    coach = await require_coach(update, context)
    try:
        added = await _add(context, coach.user_id, series_id, typed_text(update))
    except InvalidInput as exc:
        await reply(update, try_again(exc.reason), reply_markup=views.done_keyboard())
        return DATES
    except DomainError as exc:  # the series was deleted meanwhile
        finish(context, FLOW)
        await reply(update, describe(exc))
        return END
    text = views.added_text(added, coach.timezone) if added else views.NOTHING_NEW
    await reply(update, text, reply_markup=views.done_keyboard())
    return DATES


async def _add(context: BotContext, coach_id: int, series_id: int, text: str) -> list[Occurrence]:
    uow, now = context.uow(), context.now()
    if _WEEKLY.search(text):
        return await add_recurring_occurrences(uow, coach_id, series_id, text, now)
    return [await add_occurrence(uow, coach_id, series_id, text, now)]


@step
async def done(update: Update, context: BotContext) -> int:
    """The coach is done adding dates and sees the series again."""
    await pressed(update)
    series_id = int(state_of(context, FLOW)["series_id"])
    finish(context, FLOW)
    await send_series(update, context, series_id)
    return END


async def stop(update: Update, context: BotContext) -> int:
    """/cancel while adding dates: the dates added so far stay, so it says just that."""
    state = (context.user_data or {}).get("flow:" + FLOW)
    finish(context)
    await reply(update, views.DATES_STOPPED)
    if isinstance(state, dict) and "series_id" in state:
        await send_series(update, context, int(state["series_id"]))
    return END


def add_dates() -> ConversationHandler:  # type: ignore[type-arg]
    return conversation(
        FLOW,
        "adding dates to a series",
        entry_points=[
            CallbackQueryHandler(start_adding, pattern=f"^{views.SER}:add:[0-9]{{1,9}}$")
        ],
        states={
            DATES: [
                MessageHandler(TEXT, got_dates),
                CallbackQueryHandler(done, pattern=f"^{views.FLOW}:done$"),
            ],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )


async def pick_date(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach picks which upcoming date to remove, a page of dates at a time."""
    seen = await series_overview(context.uow(), user_id(update), cb.item_id, context.now())
    if not seen.upcoming:
        await show_series(update, context, cb.item_id)
        return
    page = page_of(seen.upcoming, cb.number(1), views.DATES_PER_PAGE)
    markup = views.remove_keyboard(seen.series, page, seen.timezone)
    await show(update, views.remove_text(seen.series, seen.timezone), markup)


async def remove_date(update: Update, context: BotContext, cb: Callback) -> None:
    """Removes a date nobody has a seat in; otherwise asks first, saying how many clients."""
    occurrence = await _occurrence(update, context, cb)
    if occurrence.seats_taken:
        zone = (await require_coach(update, context)).timezone
        markup = views.remove_confirm_keyboard(cb.item_id, cb.number())
        await show(update, views.remove_question(occurrence, zone), markup)
        return
    await _remove(update, context, cb, occurrence)


async def remove_confirmed(update: Update, context: BotContext, cb: Callback) -> None:
    """Removes a date after the coach confirmed, seats taken or not."""
    await _remove(update, context, cb, await _occurrence(update, context, cb))


async def _occurrence(update: Update, context: BotContext, cb: Callback) -> Occurrence:
    occurrences = await list_occurrences(context.uow(), user_id(update), cb.item_id)
    found = [o for o in occurrences if o.id == cb.number()]
    if not found:
        raise NotFound()
    return found[0]


async def _remove(
    update: Update, context: BotContext, cb: Callback, occurrence: Occurrence
) -> None:
    seats = await remove_occurrence(context.uow(), user_id(update), cb.item_id, cb.number())
    zone = (await require_coach(update, context)).timezone
    await show_series(update, context, cb.item_id, views.removed_note(occurrence, zone, seats))


REMOVE_ACTIONS: dict[str, Action] = {
    "rm": pick_date,
    "rmo": remove_date,
}


def handlers() -> list[ConversationHandler | CallbackQueryHandler]:  # type: ignore[type-arg]
    """The add-dates flow and the remove buttons; before the series router (series.py)."""
    return [
        add_dates(),
        CallbackQueryHandler(
            acts_once(router(views.SER, {"rmok": remove_confirmed})),
            pattern=f"^{views.SER}:rmok:",
        ),
        CallbackQueryHandler(router(views.SER, REMOVE_ACTIONS), pattern=f"^{views.SER}:(rm|rmo):"),
    ]
