"""Booking steps of a package's view: a 1:1 item (days → times → summary → booked) and a
group item (dates → summary → booked). At the confirm press anything that became
impossible is said plainly and the person is put back one step with fresh choices."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking import picker_views as picker
from bot.booking.holder import Free, Pressed, show_days, show_package, step
from bot.booking.holder_notify import Done, after_change
from bot.booking.refusals import refusal_text
from bot.kit.context import BotContext
from bot.kit.replies import show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import (
    AlreadyBooked,
    BookingRefused,
    OccurrenceUnavailable,
    SeriesFull,
    SlotTaken,
)
from domain.booking.holder import Slots, dates_for, slots_for, zone_for
from domain.booking.model import GroupSeat, OneToOne, SessionBooking
from domain.booking.picker import times_on
from domain.booking.redeem import redeem_session
from domain.errors import NotFound


async def _slots(update: Update, context: BotContext, pressed: Pressed) -> Slots:
    uow, now = context.uow(write=False), context.now()
    return await slots_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)


@step("b", "w")
async def days(update: Update, context: BotContext, pressed: Pressed, note: str = "") -> None:
    """Days with free times, a week at a time (b: the first week that has any)."""
    slots = await _slots(update, context, pressed)
    free = Free(slots.starts, slots.zone, context.now())
    await show_days(update, pressed, f"Book {slots.title}", free, ("b", "w", "t"), note)


@step("t")
async def times(update: Update, context: BotContext, pressed: Pressed, note: str = "") -> None:
    """The free times of one day, in rows of four, the zone named."""
    day, slots = picker.day_of(pressed.arg), await _slots(update, context, pressed)
    found = times_on(slots.starts, slots.zone, day)
    if not found:  # the day filled up meanwhile: the days again
        await days(update, context, pressed.again("b"), note)
        return
    back = views.button("◀ Other days", pressed.data("b"))
    markup = picker.times_keyboard(found, lambda t: pressed.data("c", picker.minutes(t)), back)
    text = picker.times_text(f"Book {slots.title}", day, slots.zone)
    await show(update, f"{note}\n\n{text}" if note else text, markup)


async def _fresh_times(
    update: Update, context: BotContext, pressed: Pressed, at: datetime, note: str
) -> None:
    slots = await _slots(update, context, pressed)
    day = picker.day_digits(at.astimezone(ZoneInfo(slots.zone)).date())
    await times(update, context, pressed.again("t", day), note)


@step("c")
async def summary(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The time picked, to confirm (or, taken meanwhile, fresh times of that day)."""
    at, slots = picker.moment_of(pressed.arg), await _slots(update, context, pressed)
    if at not in slots.starts:
        await _fresh_times(update, context, pressed, at, refusal_text(SlotTaken()))
        return
    back = pressed.data("t", picker.day_digits(at.astimezone(ZoneInfo(slots.zone)).date()))
    markup = views.confirm_keyboard(pressed.data("ok", pressed.arg), back)
    await show(update, views.summary(slots.title, at, slots.zone), markup)


@step("ok")
async def book(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Books the 1:1 session: one unit and the time, in one transaction."""
    at = picker.moment_of(pressed.arg)
    access, choice = ByHolder(user_id(update), pressed.sold_id), OneToOne(pressed.ref, at)
    try:
        booking = await redeem_session(
            context.uow(), access, choice, context.now(), context.reminders
        )
    except SlotTaken as refused:
        await _fresh_times(update, context, pressed, at, refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    await _booked(update, context, pressed, booking)


@step("g")
async def dates(update: Update, context: BotContext, pressed: Pressed, note: str = "") -> None:
    """A group item's upcoming dates with the seats left; full ones say so."""
    uow, now = context.uow(write=False), context.now()
    found = await dates_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)
    text = views.dates_text(found.series, found.occurrences, found.zone)
    markup = views.dates_keyboard(
        found.series, found.occurrences, found.zone, pressed.sold_id, pressed.ref
    )
    await show(update, f"{note}\n\n{text}" if note else text, markup)


@step("gc")
async def seat_summary(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The date picked, to confirm; a full or gone date says so and shows the dates."""
    uow, now = context.uow(write=False), context.now()
    found = await dates_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)
    occurrence = next((o for o in found.occurrences if o.id == pressed.arg), None)
    back = pressed.again("g")
    if occurrence is None:
        await dates(update, context, back, refusal_text(OccurrenceUnavailable()))
        return
    if occurrence.seats_taken >= found.series.capacity:
        await dates(update, context, back, refusal_text(SeriesFull()))
        return
    text = views.summary(found.series.title, occurrence.starts_at, found.zone)
    markup = views.confirm_keyboard(pressed.data("gok", pressed.arg), pressed.data("g"))
    await show(update, text, markup)


@step("gok")
async def book_seat(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Books a seat: one unit and one seat, in one transaction (capacity never exceeded)."""
    access = ByHolder(user_id(update), pressed.sold_id)
    choice = GroupSeat(pressed.ref, pressed.arg)
    try:
        booking = await redeem_session(
            context.uow(), access, choice, context.now(), context.reminders
        )
    except (SeriesFull, OccurrenceUnavailable, AlreadyBooked) as refused:
        back = pressed.again("g")
        await dates(update, context, back, refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    await _booked(update, context, pressed, booking)


async def _booked(
    update: Update, context: BotContext, pressed: Pressed, booking: SessionBooking
) -> None:
    zone = await _zone(update, context, pressed)
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, views.booked(booking, zone), markup)
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_change(context, Done("booked", booking, user_id(update), chat.id))


async def _zone(update: Update, context: BotContext, pressed: Pressed) -> str:
    return await zone_for(context.uow(write=False), user_id(update), pressed.sold_id)
