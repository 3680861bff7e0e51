"""A sold package's view for its holder: the package with Book per item and its sessions
to come. Every booking step of the view returns here (see `bot.booking.holder`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial

from telegram import InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking.holder_notify import Change, Done, after_change
from bot.booking.holder_views import Pressed
from bot.booking.picker_views import moment_of
from bot.booking.refusals import refusal_text
from bot.booking.slot_picker import SlotPicker
from bot.kit.context import BotContext
from bot.kit.replies import reply, show, user_id
from domain.booking.errors import BookingRefused, SlotTaken
from domain.booking.holder import PackageScreen, package_screen
from domain.booking.model import SessionBooking
from domain.booking.telling import Told
from domain.errors import NotFound


async def show_package(
    update: Update, context: BotContext, sold_id: int, note: str = "", new: bool = False
) -> None:
    """The package with Book per item and its sessions to come (in place, or anew)."""
    now = context.now()
    screen = await package_screen(context.uow(write=False), user_id(update), sold_id, now)
    await show_screen(update, context, screen, now, note, new)


async def show_screen(
    update: Update,
    context: BotContext,
    screen: PackageScreen,
    now: datetime,
    note: str = "",
    new: bool = False,
) -> None:
    """The screen read at `now`, shown (in place, or anew) as `show_package` does."""
    text = views.screen_text(screen, now, note)
    markup = views.screen_keyboard(screen, now, context.deps.settings.web_base_url)
    if new:
        await reply(update, text, reply_markup=markup)
    else:
        await show(update, text, markup)


async def view(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The holder sees the package again (arg 1: in a new message)."""
    await show_package(update, context, pressed.sold_id, new=pressed.arg == 1)


async def finish(
    update: Update, context: BotContext, pressed: Pressed, done: Done, text: Callable[[str], str]
) -> None:
    """The holder gets what was done (`text` in their zone) with a way back to the package
    in a new message; the .ics follows and the other side is told."""
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, text(done.parties.actor.zone), markup)
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_change(context, done, chat.id)


async def settle(
    update: Update,
    context: BotContext,
    pressed: Pressed,
    attempt: tuple[SlotPicker[Pressed], Awaitable[Told[SessionBooking]]],
    change: Change,
    text: Callable[[SessionBooking, str], str],
) -> None:
    """Confirm of a picked time: done → `finish`; the time taken meanwhile → fresh times of
    its day; any other refusal → the package, saying why."""
    picker, result = attempt
    try:
        told = await result
    except SlotTaken as refused:
        await picker.taken(update, context, pressed, moment_of(pressed.arg), refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    done = Done(change, told.done, told.parties)
    await finish(update, context, pressed, done, partial(text, told.done))
