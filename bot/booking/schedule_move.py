"""Moving a session from `/schedule` with the slot picker: a day (a week at a time), a
time, confirm. The old time is given up only if the new one is taken; the client gets the
moved .ics (same UID, so their calendar updates the event). Callback data:
`bot.booking.schedule_buttons`."""

from __future__ import annotations

from functools import partial

from telegram import Update
from telegram.ext import Application

from bot.booking import picker_views as picker
from bot.booking import schedule_views as views
from bot.booking.schedule_buttons import MOVE, MOVE_PREFIX
from bot.booking.schedule_buttons import MovePressed as Pressed
from bot.booking.schedule_notify import told_moved
from bot.booking.slot_picker import Acts, Free, SlotPicker
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, show, user_id
from domain.booking.coach_changes import coach_move
from domain.booking.errors import SlotTaken
from domain.booking.schedule import CoachSession, coach_move_choices
from i18n import N_, _


async def _free(update: Update, context: BotContext, pressed: Pressed) -> Free:
    uow, now = context.uow(write=False), context.now()
    found = await coach_move_choices(uow, user_id(update), pressed.booking_id, now)
    return Free(
        _("Move {title}").format(title=found.booking.title),
        found.zone,
        found.starts,
        partial(views.move_question, found.entry, zone=found.zone),
        views.back_to_session(pressed.booking_id, pressed.week),
    )


# i18n: button
YES = N_("✅ Yes, move it")
PICKER = SlotPicker[Pressed](Acts("f", "d", "t", "c", "ok"), _free, YES)


async def move(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The coach moves the session; the client is told and gets the moved .ics."""
    start = picker.moment_of(pressed.arg)
    try:
        changed = await coach_move(
            context.uow(), user_id(update), pressed.booking_id, start, context.now(),
            context.reminders,
        )  # fmt: skip
    except SlotTaken:
        await PICKER.taken(update, context, pressed, start)
        return
    if isinstance(changed, CoachSession):  # pressed twice: as it is
        await _show(update, context, changed, pressed)
        return
    await told_moved(context, changed)
    moved = changed.done
    note = views.moved_note(moved, changed.session.coach.timezone)
    await _show(update, context, changed.session, pressed, note)


async def _show(
    update: Update, context: BotContext, found: CoachSession, pressed: Pressed, note: str = ""
) -> None:
    await show(update, *views.session_screen(found, pressed.week, context.now(), note))


ROUTES: list[Route[Pressed]] = [*PICKER.routes(MOVE), Route(MOVE["ok"], move)]


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Every `mv:` press is read strictly by its kind (anything else is NotFound); each step
    # checks that the presser is a coach.
    app.add_handler(buttons(*ROUTES, family=MOVE_PREFIX))
