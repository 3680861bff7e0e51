"""Moving a session from `/schedule` with the slot picker: a day (a week at a time), a
time, confirm. The old time is given up only if the new one is taken; the client gets the
moved .ics (same UID, so their calendar updates the event). Callback data:
`bot.booking.schedule_buttons`."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from telegram import Update
from telegram.ext import Application

from bot.booking import picker_views as picker
from bot.booking import schedule_views as views
from bot.booking.notify import tell_client
from bot.booking.schedule_buttons import MOVE, MOVE_PREFIX
from bot.booking.schedule_buttons import MovePressed as Pressed
from bot.booking.slot_picker import Acts, Free, SlotPicker
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, require_coach, show
from domain.booking.access import ByCoach
from domain.booking.errors import SlotTaken
from domain.booking.manage import move_options, reschedule_session
from domain.booking.model import ScheduleEntry
from domain.booking.schedule import coach_session
from domain.errors import NotFound
from domain.model import Coach
from domain.timezones import viewer_zone
from i18n import N_, _


async def _entry(
    update: Update, context: BotContext, pressed: Pressed
) -> tuple[Coach, ScheduleEntry]:
    coach = await require_coach(update, context)
    entry = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    if entry is None:
        raise NotFound()
    return coach, entry


async def _free(update: Update, context: BotContext, pressed: Pressed) -> Free:
    coach, entry = await _entry(update, context, pressed)
    access = ByCoach(coach.user_id, entry.booking.sold_package_id)
    booking, options = await move_options(
        context.uow(write=False), access, pressed.booking_id, context.now()
    )
    return Free(
        _("Move {title}").format(title=booking.title),
        coach.timezone,
        options,
        partial(views.move_question, entry, zone=coach.timezone),
        views.back_to_session(pressed.booking_id, pressed.week),
    )


# i18n: button
YES = N_("✅ Yes, move it")
PICKER = SlotPicker[Pressed](Acts("f", "d", "t", "c", "ok"), _free, YES)


async def move(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The coach moves the session; the client is told and gets the moved .ics."""
    coach, entry = await _entry(update, context, pressed)
    access = ByCoach(coach.user_id, entry.booking.sold_package_id)
    start = picker.moment_of(pressed.arg)
    if entry.booking.starts_at == start or not entry.booking.is_active:  # pressed twice
        markup = views.session_keyboard(entry, pressed.week, context.now())
        await show(update, views.session_text(entry, coach.timezone), markup)
        return
    try:
        moved = await reschedule_session(
            context.uow(), access, pressed.booking_id, start, context.now(), context.reminders
        )
    except SlotTaken:
        await PICKER.taken(update, context, pressed, start)
        return
    zone = viewer_zone(entry.client_zone, coach.timezone)
    text = partial(views.client_moved, entry.booking, moved, zone)
    await tell_client(context, replace(entry, booking=moved), text, calendar=True)
    refreshed = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    assert refreshed is not None
    note = views.moved_note(moved, coach.timezone)
    markup = views.session_keyboard(refreshed, pressed.week, context.now())
    await show(update, views.session_text(refreshed, coach.timezone, note), markup)


ROUTES: list[Route[Pressed]] = [*PICKER.routes(MOVE), Route(MOVE["ok"], move)]


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Every `mv:` press is read strictly by its kind (anything else is NotFound); each step
    # checks that the presser is a coach.
    app.add_handler(buttons(*ROUTES, family=MOVE_PREFIX))
