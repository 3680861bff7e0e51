"""A package's sessions to come, from its view: cancel (a holder before the cancellation
window; the coach any time) and move a 1:1 session (days → times → summary → moved; the
old time is given up only if the new one is taken)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking import picker_views as picker
from bot.booking.holder import Free, Pressed, show_days, show_package, step
from bot.booking.holder_notify import Change, Done, after_change
from bot.booking.refusals import refusal_text
from bot.kit.context import BotContext
from bot.kit.replies import show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import BookingRefused, SlotTaken
from domain.booking.holder import MoveChoices, move_choices, package_screen, zone_for
from domain.booking.manage import cancel_session, reschedule_session
from domain.booking.model import SessionBooking
from domain.booking.picker import times_on
from domain.errors import NotFound


@step("x")
async def cancel_question(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Asks before cancelling one of the package's sessions to come."""
    now = context.now()
    screen = await package_screen(context.uow(write=False), user_id(update), pressed.sold_id, now)
    booking = next((b for b in screen.upcoming if b.id == pressed.ref), None)
    if booking is None:
        raise NotFound()
    text = views.cancel_question(booking, screen.view.zone)
    yes, back = pressed.data("xok"), views.data("v", pressed.sold_id)
    markup = InlineKeyboardMarkup(
        [[views.button("✅ Yes, cancel it", yes), views.button("◀ Back", back)]]
    )
    await show(update, text, markup)


@step("xok")
async def cancel(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Cancels the session: the unit returns unless the package expired; seat freed."""
    access = ByHolder(user_id(update), pressed.sold_id)
    try:
        done = await cancel_session(
            context.uow(), access, pressed.ref, context.now(), context.reminders
        )
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    zone = await zone_for(context.uow(write=False), user_id(update), pressed.sold_id)
    await _finish(
        update, context, pressed, views.cancelled(done.booking, zone, done.unit_returned)
    )
    await _tell(update, context, "cancelled", done.booking)


async def _choices(update: Update, context: BotContext, pressed: Pressed) -> MoveChoices:
    uow, now = context.uow(write=False), context.now()
    return await move_choices(uow, user_id(update), pressed.sold_id, pressed.ref, now)


@step("m", "mw")
async def move_days(update: Update, context: BotContext, pressed: Pressed, note: str = "") -> None:
    """Days the session could move to, a week at a time."""
    found = await _choices(update, context, pressed)
    free = Free(found.starts, found.zone, context.now())
    await show_days(update, pressed, f"Move {found.booking.title}", free, ("m", "mw", "mt"), note)


@step("mt")
async def move_times(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The times of one day the session could move to."""
    day, found = picker.day_of(pressed.arg), await _choices(update, context, pressed)
    options = times_on(found.starts, found.zone, day)
    back = views.button("◀ Other days", pressed.data("m"))
    markup = picker.times_keyboard(options, lambda t: pressed.data("mc", picker.minutes(t)), back)
    await show(update, picker.times_text(f"Move {found.booking.title}", day, found.zone), markup)


@step("mc")
async def move_summary(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The new time, to confirm (taken meanwhile: the days again, fresh)."""
    at, found = picker.moment_of(pressed.arg), await _choices(update, context, pressed)
    if at not in found.starts:
        await move_days(update, context, pressed.again("m"), refusal_text(SlotTaken()))
        return
    back = pressed.data("mt", picker.day_digits(at.astimezone(ZoneInfo(found.zone)).date()))
    markup = views.confirm_keyboard(pressed.data("mok", pressed.arg), back)
    await show(update, views.move_summary(found.booking, at, found.zone), markup)


@step("mok")
async def move(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Moves the session (same booking, same calendar event)."""
    at: datetime = picker.moment_of(pressed.arg)
    access = ByHolder(user_id(update), pressed.sold_id)
    try:
        moved = await reschedule_session(
            context.uow(), access, pressed.ref, at, context.now(), context.reminders
        )
    except SlotTaken as refused:
        await move_days(update, context, pressed.again("m"), refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    zone = await zone_for(context.uow(write=False), user_id(update), pressed.sold_id)
    await _finish(update, context, pressed, views.moved(moved, zone))
    await _tell(update, context, "moved", moved)


async def _finish(update: Update, context: BotContext, pressed: Pressed, text: str) -> None:
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, text, markup)


async def _tell(
    update: Update, context: BotContext, change: Change, booking: SessionBooking
) -> None:
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_change(context, Done(change, booking, user_id(update), chat.id))
