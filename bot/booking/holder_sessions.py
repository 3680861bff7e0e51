"""A package's sessions to come, from its view: cancel (a holder before the cancellation
window; the coach any time) and move a 1:1 session (the slot picker, then moved; the
old time is given up only if the new one is taken)."""

from __future__ import annotations

from functools import partial

from telegram import Update

from bot.booking import holder_views as views
from bot.booking import picker_views as picker
from bot.booking.holder_notify import Change, Done
from bot.booking.holder_package import finish, settle, show_package
from bot.booking.holder_views import KINDS, Pressed
from bot.booking.refusals import refusal_text
from bot.booking.slot_picker import Acts, Free, SlotPicker
from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import BookingRefused
from domain.booking.holder import move_choices, package_screen
from domain.booking.holder_changes import cancel_own_session, move_own_session
from domain.errors import NotFound
from i18n import _


async def cancel_question(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Asks before cancelling one of the package's sessions to come."""
    now = context.now()
    screen = await package_screen(context.uow(write=False), user_id(update), pressed.sold_id, now)
    booking = next((b for b in screen.upcoming if b.id == pressed.ref), None)
    if booking is None:
        raise NotFound()
    text = views.cancel_question(booking, screen.view.zone, screen.late_cancel(booking, now))
    yes, back = pressed.data("xok"), views.data("v", pressed.sold_id)
    # i18n: button
    markup = picker.confirm_keyboard(yes, back, _("✅ Yes, cancel it"))
    await show(update, text, markup)


async def cancel(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Cancels the session: the unit returns unless the package expired; seat freed."""
    access = ByHolder(user_id(update), pressed.sold_id)
    try:
        told = await cancel_own_session(
            context.uow(), access, pressed.ref, context.now(), context.reminders,
            context.waitlist_hold,
        )  # fmt: skip
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    done = told.done
    text = partial(views.cancelled, done.booking, returned=done.unit_returned, late=done.late)
    change: Change = "cancelled late" if done.late else "cancelled"
    await finish(update, context, pressed, Done(change, done.booking, told.parties), text)


async def _free(update: Update, context: BotContext, pressed: Pressed) -> Free:
    uow, now = context.uow(write=False), context.now()
    found = await move_choices(uow, user_id(update), pressed.sold_id, pressed.ref, now)
    return Free(
        _("Move {title}").format(title=found.booking.title),
        found.zone,
        found.starts,
        lambda at: views.move_summary(found.booking, at, found.zone),
        views.back_to_package(pressed.sold_id),
    )


PICKER = SlotPicker[Pressed](Acts("m", "mw", "mt", "mc", "mok"), _free)


async def move(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Moves the session (same booking, same calendar event)."""
    access, at = ByHolder(user_id(update), pressed.sold_id), picker.moment_of(pressed.arg)
    result = move_own_session(
        context.uow(), access, pressed.ref, at, context.now(), context.reminders
    )
    await settle(update, context, pressed, (PICKER, result), "moved", views.moved)


ROUTES: list[Route[Pressed]] = [
    Route(KINDS["x"], cancel_question), Route(KINDS["xok"], cancel, once=True),
    *PICKER.routes(KINDS), Route(KINDS["mok"], move, once=True),
]  # fmt: skip
