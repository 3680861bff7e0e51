"""/schedule: the coach's sessions a week at a time; a session opens its actions (cancel,
and no-show once it has started). The client is told of either."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.booking import schedule_move
from bot.booking import schedule_views as views
from bot.booking.schedule_buttons import PREFIX, SESSION, SHOW_WEEK, Pressed
from bot.booking.schedule_notify import told_cancelled, told_no_show
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, greet_coach, reply, show, user_id
from domain.booking.coach_changes import coach_cancel, coach_no_show
from domain.booking.errors import BookingNotActive
from domain.booking.schedule import CoachSession, coach_schedule, session_view
from i18n import _


async def open_schedule(update: Update, context: BotContext) -> None:
    """The coach sees this week's sessions by day, with ◀ ▶ for other weeks."""
    coach = await greet_coach(update, context)
    week = await coach_schedule(context.uow(write=False), coach.user_id, 0, context.now())
    await reply(update, views.week_text(week), reply_markup=views.week_keyboard(week))


async def _week(update: Update, context: BotContext, pressed: Pressed) -> None:
    uow, now = context.uow(write=False), context.now()
    week = await coach_schedule(uow, user_id(update), pressed.week, now)
    await show(update, views.week_text(week), views.week_keyboard(week))


async def _session(update: Update, context: BotContext, pressed: Pressed) -> None:
    found = await session_view(context.uow(write=False), user_id(update), pressed.booking_id)
    await _show(update, context, found, pressed)


async def _show(
    update: Update, context: BotContext, found: CoachSession, pressed: Pressed, note: str = ""
) -> None:
    await show(update, *views.session_screen(found, pressed.week, context.now(), note))


async def _ask_cancel(update: Update, context: BotContext, pressed: Pressed) -> None:
    found = await session_view(context.uow(write=False), user_id(update), pressed.booking_id)
    if not found.entry.booking.is_active:
        await _show(update, context, found, pressed)
        return
    zone = found.coach.timezone
    await show(
        update,
        views.cancel_question(found.entry, zone),
        views.cancel_keyboard(found.entry, pressed.week),
    )


async def _cancel(update: Update, context: BotContext, pressed: Pressed) -> None:
    try:
        changed = await coach_cancel(
            context.uow(), user_id(update), pressed.booking_id, context.now(), context.reminders,
            context.waitlist_hold,
        )  # fmt: skip
    except BookingNotActive:  # pressed twice, or already closed elsewhere
        await _session(update, context, pressed)
        return
    await told_cancelled(context, changed)
    done = changed.done
    note = views.CANCELLED_NOTE if done.unit_returned else views.CANCELLED_EXPIRED_NOTE
    await _show(update, context, changed.session, pressed, _(note))


async def _no_show(update: Update, context: BotContext, pressed: Pressed) -> None:
    try:
        changed = await coach_no_show(
            context.uow(), user_id(update), pressed.booking_id, context.now(), context.reminders
        )
    except BookingNotActive:
        await _session(update, context, pressed)
        return
    await told_no_show(context, changed)
    await _show(update, context, changed.session, pressed, _(views.NO_SHOW_NOTE))


ROUTES: list[Route[Pressed]] = [
    Route(SHOW_WEEK, _week),
    Route(SESSION["s"], _session),
    Route(SESSION["c"], _ask_cancel),
    Route(SESSION["cy"], _cancel),
    Route(SESSION["ns"], _no_show),
]  # each use case asks for a coach (NotACoach otherwise)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("schedule", open_schedule))
    schedule_move.add_handlers(app)
    # Every `sch:` press is read strictly by its kind (anything else is NotFound).
    app.add_handler(buttons(*ROUTES, family=PREFIX))
