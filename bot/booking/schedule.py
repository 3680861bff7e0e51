"""/schedule: the coach's sessions a week at a time; a session opens its actions (cancel,
and no-show once it has started). The client is told of either."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.booking import schedule_move
from bot.booking import schedule_views as views
from bot.booking.notify import tell_client
from bot.booking.schedule_buttons import PREFIX, SESSION, SHOW_WEEK, Pressed
from bot.kit.callbacks import Callback
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, greet_coach, reply, require_coach, show
from domain.booking.access import ByCoach
from domain.booking.errors import BookingNotActive
from domain.booking.manage import cancel_session, mark_no_show
from domain.booking.model import ScheduleEntry
from domain.booking.schedule import coach_schedule, coach_session
from domain.booking.waitlist_offers import date_line
from domain.errors import NotFound
from domain.model import Coach
from domain.timezones import viewer_zone
from i18n import _

Action = Callable[[Update, BotContext, Coach, Pressed], Awaitable[None]]


async def open_schedule(update: Update, context: BotContext) -> None:
    """The coach sees this week's sessions by day, with ◀ ▶ for other weeks."""
    coach = await greet_coach(update, context)
    week = await coach_schedule(context.uow(write=False), coach.user_id, 0, context.now())
    await reply(update, views.week_text(week), reply_markup=views.week_keyboard(week))


async def _week(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    week = await coach_schedule(
        context.uow(write=False), coach.user_id, pressed.week, context.now()
    )
    await show(update, views.week_text(week), views.week_keyboard(week))


async def _session(
    update: Update, context: BotContext, coach: Coach, pressed: Pressed, note: str = ""
) -> None:
    entry = await _entry(context, coach, pressed)
    text = views.session_text(entry, coach.timezone, note)
    if entry.booking.occurrence_id is not None:
        uow, occurrence = context.uow(write=False), entry.booking.occurrence_id
        line = await date_line(uow, coach.user_id, occurrence)
        text += views.waitlist_text(line, coach.timezone)
    await show(update, text, views.session_keyboard(entry, pressed.week, context.now()))


async def _ask_cancel(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    entry = await _entry(context, coach, pressed)
    if not entry.booking.is_active:
        await _session(update, context, coach, pressed)
        return
    await show(
        update,
        views.cancel_question(entry, coach.timezone),
        views.cancel_keyboard(entry, pressed.week),
    )


async def _cancel(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    entry = await _entry(context, coach, pressed)
    access = ByCoach(coach.user_id, entry.booking.sold_package_id)
    try:
        done = await cancel_session(
            context.uow(), access, pressed.booking_id, context.now(), context.reminders,
            context.waitlist_hold,
        )  # fmt: skip
    except BookingNotActive:  # pressed twice, or already closed elsewhere
        await _session(update, context, coach, pressed)
        return
    zone = viewer_zone(entry.client_zone, coach.timezone)
    text = partial(views.client_cancelled, done.booking, zone, done.unit_returned)
    await tell_client(context, replace(entry, booking=done.booking), text, calendar=True)
    note = views.CANCELLED_NOTE if done.unit_returned else views.CANCELLED_EXPIRED_NOTE
    await _session(update, context, coach, pressed, _(note))


async def _no_show(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    try:
        marked = await mark_no_show(
            context.uow(), coach.user_id, pressed.booking_id, context.now(), context.reminders
        )
    except BookingNotActive:
        await _session(update, context, coach, pressed)
        return
    entry = await _entry(context, coach, pressed)
    zone = viewer_zone(entry.client_zone, coach.timezone)
    await tell_client(context, entry, partial(views.client_no_show, marked, zone), calendar=False)
    await _session(update, context, coach, pressed, _(views.NO_SHOW_NOTE))


async def _entry(context: BotContext, coach: Coach, pressed: Pressed) -> ScheduleEntry:
    entry = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    if entry is None:
        raise NotFound()
    return entry


def _by_coach(kind: Callback[Pressed], action: Action) -> Route[Pressed]:
    """A schedule button, for a coach only (NotACoach otherwise)."""

    async def run(update: Update, context: BotContext, pressed: Pressed) -> None:
        await action(update, context, await require_coach(update, context), pressed)

    return Route(kind, run)


ROUTES: list[Route[Pressed]] = [
    _by_coach(SHOW_WEEK, _week),
    _by_coach(SESSION["s"], _session),
    _by_coach(SESSION["c"], _ask_cancel),
    _by_coach(SESSION["cy"], _cancel),
    _by_coach(SESSION["ns"], _no_show),
]


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("schedule", open_schedule))
    schedule_move.add_handlers(app)
    # Every `sch:` press is read strictly by its kind (anything else is NotFound).
    app.add_handler(buttons(*ROUTES, family=PREFIX))
