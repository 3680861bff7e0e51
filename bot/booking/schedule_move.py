"""Moving a session from `/schedule`: pick a day (a week at a time), a time, confirm. The
old time is given up only if the new one is taken; the client gets the moved .ics (same
UID, so their calendar updates the event). Callback data: `mv:<act>:<booking>:<arg>:<week>`
with act f (first week with free times), d (a week: arg), t (a day: arg yyyymmdd),
c (confirm a start: arg minutes since the epoch) and ok (move)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.booking import picker_views as picker
from bot.booking import schedule_views as views
from bot.booking.notify import tell_client
from bot.kit.context import BotContext
from bot.kit.replies import require_coach, show
from domain.booking.access import ByCoach
from domain.booking.errors import SlotTaken
from domain.booking.manage import move_options, reschedule_session
from domain.booking.picker import first_week_with_slots, times_on, week_page
from domain.booking.schedule import coach_session
from domain.errors import NotFound
from domain.model import Coach

PREFIX = "mv"
_DATA = re.compile(
    r"mv:(?P<act>f|d|t|c|ok):(?P<id>[0-9]{1,9}):(?P<arg>[0-9]{1,10}):(?P<week>[0-9]{1,2})"
)


@dataclass(frozen=True)
class Pressed:
    act: str
    booking_id: int
    arg: int
    week: int  # the schedule week to go back to

    def data(self, act: str, arg: int) -> str:
        return f"{PREFIX}:{act}:{self.booking_id}:{arg}:{self.week}"


def parse(data: str | None) -> Pressed:
    match = _DATA.fullmatch(data or "")
    if match is None:
        raise NotFound()
    return Pressed(match["act"], int(match["id"]), int(match["arg"]), int(match["week"]))


async def on_button(update: Update, context: BotContext) -> None:
    """Routes a move button after a strict parse (anything else is NotFound)."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data)
    await query.answer()
    coach = await require_coach(update, context)
    await ACTIONS[pressed.act](update, context, coach, pressed)


async def _options(
    context: BotContext, coach: Coach, pressed: Pressed
) -> tuple[str, list[datetime]]:
    entry = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    if entry is None:
        raise NotFound()
    access = ByCoach(coach.user_id, entry.booking.sold_package_id)
    booking, options = await move_options(
        context.uow(write=False), access, pressed.booking_id, context.now()
    )
    return booking.title, options


async def _days(
    update: Update, context: BotContext, coach: Coach, pressed: Pressed, note: str = ""
) -> None:
    title, options = await _options(context, coach, pressed)
    now, zone = context.now(), coach.timezone
    week = first_week_with_slots(options, zone, now) if pressed.act in ("f", "ok") else pressed.arg
    page = week_page(options, zone, now, week)
    markup = picker.days_keyboard(
        page,
        lambda day: pressed.data("t", picker.day_digits(day)),
        lambda n: pressed.data("d", n),
        views.back_to_session(pressed.booking_id, pressed.week),
    )
    text = picker.days_text(f"Move {title}", page, zone)
    await show(update, f"{note}\n\n{text}" if note else text, markup)


async def _times(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    title, options = await _options(context, coach, pressed)
    day = picker.day_of(pressed.arg)
    times = times_on(options, coach.timezone, day)
    back = views.back_button(pressed.data("f", 0), "◀ Other days")
    markup = picker.times_keyboard(times, lambda t: pressed.data("c", picker.minutes(t)), back)
    await show(update, picker.times_text(f"Move {title}", day, coach.timezone), markup)


async def _confirm(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    entry = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    if entry is None:
        raise NotFound()
    start = picker.moment_of(pressed.arg)
    text = views.move_question(entry, start, coach.timezone)
    markup = InlineKeyboardMarkup(
        [[views.back_button(pressed.data("ok", pressed.arg), "✅ Yes, move it"),
          views.back_button(pressed.data("f", 0), "◀ Back")]]
    )  # fmt: skip
    await show(update, text, markup)


async def _move(update: Update, context: BotContext, coach: Coach, pressed: Pressed) -> None:
    entry = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    if entry is None:
        raise NotFound()
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
        await _days(update, context, coach, pressed, views.MOVE_TAKEN)
        return
    zone = entry.client_zone or coach.timezone
    text = views.client_moved(entry.booking, moved, zone)
    await tell_client(context, replace(entry, booking=moved), text, calendar=True)
    refreshed = await coach_session(context.uow(write=False), coach.user_id, pressed.booking_id)
    assert refreshed is not None
    note = views.moved_note(moved, coach.timezone)
    markup = views.session_keyboard(refreshed, pressed.week, context.now())
    await show(update, views.session_text(refreshed, coach.timezone, note), markup)


Action = Callable[[Update, BotContext, Coach, Pressed], Awaitable[None]]
ACTIONS: dict[str, Action] = {"f": _days, "d": _days, "t": _times, "c": _confirm, "ok": _move}


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{PREFIX}:"))
