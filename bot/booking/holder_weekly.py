"""Repeat weekly, from the summary of a picked 1:1 time: for how many weeks → which of them
are free (the others named) → Book the free ones, all in one transaction or none → one
message listing them with one calendar file holding them all; the other side is told once.
Each session is its own booking afterwards: cancelling one leaves the others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking import weekly_views as texts
from bot.booking.holder_notify import after_weekly
from bot.booking.holder_package import show_package
from bot.booking.holder_views import KINDS, Pressed, weekly_data
from bot.booking.picker_views import button, minutes, moment_of
from bot.booking.refusals import refusal_text
from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import BookingRefused, WeeksNotFree
from domain.booking.holder import Slots, slots_for
from domain.booking.holder_changes import book_weekly_sessions
from domain.booking.weekly import most_weeks, plan_weeks, weeks_mask
from domain.errors import NotFound


def repeat_button(
    pressed: Pressed, slots: Slots
) -> Callable[[datetime], list[InlineKeyboardButton]]:
    """The summary's Repeat weekly, when at least two weeks could be booked from there."""

    def more(at: datetime) -> list[InlineKeyboardButton]:
        if most_weeks(at, slots.left, slots.starts, slots.coach_zone) < 2:
            return []
        return [button(texts.REPEAT, pressed.data("r", minutes(at)))]

    return more


async def _slots(update: Update, context: BotContext, pressed: Pressed) -> Slots:
    uow, now = context.uow(write=False), context.now()
    return await slots_for(uow, user_id(update), pressed.sold_id, pressed.ref, now)


async def weeks_question(update: Update, context: BotContext, pressed: Pressed) -> None:
    """For how many weeks, from the picked time (2 up to what can be booked)."""
    slots, first = await _slots(update, context, pressed), moment_of(pressed.arg)
    most = most_weeks(first, slots.left, slots.starts, slots.coach_zone)
    if most < 2:
        raise NotFound()  # a stale or forged press: the summary never offered it
    markup = texts.weeks_keyboard(
        most, lambda n: weekly_data(pressed, "rn", n), pressed.data("c", pressed.arg)
    )
    await show(update, texts.weeks_question(slots.title, first, slots.zone), markup)


async def weeks_plan(
    update: Update, context: BotContext, pressed: Pressed, note: str = ""
) -> None:
    """The weeks asked for: which are free now, and Book the free ones."""
    slots, first = await _slots(update, context, pressed), moment_of(pressed.arg)
    weeks = min(pressed.extra, most_weeks(first, slots.left, slots.starts, slots.coach_zone))
    plan = plan_weeks(first, max(weeks, 1), slots.starts, slots.coach_zone)
    free = plan.free_starts
    yes = None
    if free:
        mask = weeks_mask(first, free, slots.coach_zone)
        label = texts.book_label(len(free), len(plan.starts))
        yes = button(label, weekly_data(pressed, "rok", mask))
    markup = texts.plan_keyboard(yes, pressed.data("r", pressed.arg))
    await show(update, texts.plan_text(slots.title, plan, slots.zone, note), markup)


async def book(update: Update, context: BotContext, pressed: Pressed) -> None:
    """Books every chosen week in one transaction; a week taken meanwhile books none and
    shows the weeks again, fresh."""
    first, access = moment_of(pressed.arg), ByHolder(user_id(update), pressed.sold_id)
    try:
        told = await book_weekly_sessions(
            context.uow(), access, pressed.ref, first, pressed.extra, context.now(),
            context.reminders,
        )  # fmt: skip
    except WeeksNotFree as refused:
        weeks = pressed.extra.bit_length()  # up to the last week chosen
        again = Pressed("rn", pressed.sold_id, pressed.ref, pressed.arg, weeks)
        await weeks_plan(update, context, again, refusal_text(refused))
        return
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, texts.booked(told.done, told.parties.actor.zone), markup)
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_weekly(context, told, chat.id)


ROUTES: list[Route[Pressed]] = [
    Route(KINDS["r"], weeks_question),
    Route(KINDS["rn"], weeks_plan),
    Route(KINDS["rok"], book, once=True),
]
