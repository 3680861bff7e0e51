"""Booking steps of a package's view: a 1:1 item (the slot picker, then booked) and a
group item (dates → summary → booked). At the confirm press anything that became
impossible is said plainly and the person is put back one step with fresh choices."""

from __future__ import annotations

from functools import partial

from telegram import Update

from bot.booking import holder_views as views
from bot.booking import picker_views as picker
from bot.booking.holder_notify import Done
from bot.booking.holder_package import finish, settle, show_package
from bot.booking.holder_views import KINDS, Pressed
from bot.booking.holder_weekly import repeat_button
from bot.booking.refusals import refusal_text
from bot.booking.slot_picker import Acts, Free, SlotPicker
from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import (
    AlreadyBooked,
    BookingRefused,
    OccurrenceUnavailable,
    SeriesFull,
)
from domain.booking.holder import Dates, dates_for, slots_for
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne
from i18n import _


async def _free(update: Update, context: BotContext, pressed: Pressed) -> Free:
    uow, now = context.uow(write=False), context.now()
    slots = await slots_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)
    return Free(
        _("Book {title}").format(title=slots.title),
        slots.zone,
        slots.starts,
        lambda at: views.summary(slots.title, at, slots.zone),
        views.back_to_package(pressed.sold_id),
        repeat_button(pressed, slots),
    )


PICKER = SlotPicker[Pressed](Acts("b", "w", "t", "c", "ok"), _free)


async def book(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Books the 1:1 session: one unit and the time, in one transaction."""
    access = ByHolder(user_id(update), pressed.sold_id)
    choice = OneToOne(pressed.ref, picker.moment_of(pressed.arg))
    result = book_session(context.uow(), access, choice, context.now(), context.reminders)
    await settle(update, context, pressed, (PICKER, result), "booked", views.booked)


async def dates(
    update: Update,
    context: BotContext,
    pressed: Pressed,
    note: str = "",
    read: Dates | None = None,
) -> None:
    """A group item's upcoming dates with the seats left; full ones say so (`read`: the
    dates as the caller just read them)."""
    found = read or await _dates(update, context, pressed)
    text = views.dates_text(found.series, found.occurrences, found.zone)
    markup = views.dates_keyboard(
        found.series, found.occurrences, found.zone, pressed.sold_id, pressed.ref
    )
    await show(update, f"{note}\n\n{text}" if note else text, markup)


async def seat_summary(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The date picked, to confirm; a full or gone date says so and shows the dates."""
    found = await _dates(update, context, pressed)
    occurrence = next((o for o in found.occurrences if o.id == pressed.arg), None)
    back = pressed.again("g")
    if occurrence is None:
        await dates(update, context, back, refusal_text(OccurrenceUnavailable()), found)
        return
    if occurrence.seats_taken >= found.series.capacity:
        await dates(update, context, back, refusal_text(SeriesFull()), found)
        return
    text = views.summary(found.series.title, occurrence.starts_at, found.zone)
    markup = picker.confirm_keyboard(pressed.data("gok", pressed.arg), pressed.data("g"))
    await show(update, text, markup)


async def _dates(update: Update, context: BotContext, pressed: Pressed) -> Dates:
    uow, now = context.uow(write=False), context.now()
    return await dates_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)


async def book_seat(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Books a seat: one unit and one seat, in one transaction (capacity never exceeded)."""
    access = ByHolder(user_id(update), pressed.sold_id)
    choice = GroupSeat(pressed.ref, pressed.arg)
    try:
        told = await book_session(context.uow(), access, choice, context.now(), context.reminders)
    except (SeriesFull, OccurrenceUnavailable, AlreadyBooked) as refused:
        back = pressed.again("g")
        await dates(update, context, back, refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    done = Done("booked", told.done, told.parties)
    await finish(update, context, pressed, done, partial(views.booked, told.done))


ROUTES: list[Route[Pressed]] = [
    *PICKER.routes(KINDS), Route(KINDS["ok"], book, once=True), Route(KINDS["g"], dates),
    Route(KINDS["gc"], seat_summary), Route(KINDS["gok"], book_seat, once=True),
]  # fmt: skip
