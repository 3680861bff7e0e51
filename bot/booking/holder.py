"""Booking from a sold package's view, in one message that edits itself: the package with
Book per item → days with free times a week at a time → times in rows of four → summary
→ Booked (then the .ics). Group items: a date with free seats → summary → Booked.

Callback data `bk:<act>:<sold package id>:<ref>:<arg>`; ref is the item (entitlement) or,
for cancel/move, the session. Every press re-checks that the presser holds the package
(`ByHolder`). The final presses (ok, gok, xok, mok) act once (`acts_once`); their result
screen's "back" opens the package in a new message, so a final button never returns on
its message."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.booking import holder_views as views
from bot.booking import picker_views as picker
from bot.kit.context import BotContext
from bot.kit.replies import acts_once, callback_data, reply, show, user_id
from domain.booking.holder import package_screen
from domain.booking.picker import first_week_with_slots, week_page
from domain.errors import NotFound

_DATA = re.compile(
    r"bk:(?P<act>v|b|w|t|c|ok|g|gc|gok|x|xok|m|mw|mt|mc|mok):(?P<sold>[0-9]{1,9}):"
    r"(?P<ref>[0-9]{1,9}):(?P<arg>[0-9]{1,10})"
)


@dataclass(frozen=True)
class Free:
    """Free start times (UTC) as the viewer sees them."""

    starts: list[datetime]
    zone: str
    now: datetime


@dataclass(frozen=True)
class Pressed:
    act: str
    sold_id: int
    ref: int
    arg: int

    def data(self, act: str, arg: int = 0) -> str:
        return views.data(act, self.sold_id, self.ref, arg)

    def again(self, act: str, arg: int = 0) -> Pressed:
        """The same package and item/session, another step."""
        return Pressed(act, self.sold_id, self.ref, arg)


def parse(data: str) -> Pressed:
    match = _DATA.fullmatch(data)
    if match is None:
        raise NotFound()
    return Pressed(match["act"], int(match["sold"]), int(match["ref"]), int(match["arg"]))


Step = Callable[[Update, BotContext, Pressed], Awaitable[None]]
STEPS: dict[str, Step] = {}
S = TypeVar("S", bound=Step)


def step(*acts: str) -> Callable[[S], S]:
    """Registers a step for the given acts (the step modules are imported by add_handlers)."""

    def add(fn: S) -> S:
        for act in acts:
            STEPS[act] = fn
        return fn

    return add


async def on_button(update: Update, context: BotContext) -> None:
    """Routes a booking button after a strict parse (anything else is NotFound)."""
    pressed = parse(callback_data(update))
    assert update.callback_query is not None
    await update.callback_query.answer()
    await STEPS[pressed.act](update, context, pressed)


async def show_package(
    update: Update, context: BotContext, sold_id: int, note: str = "", new: bool = False
) -> None:
    """The package with Book per item and its sessions to come (in place, or anew)."""
    now = context.now()
    screen = await package_screen(context.uow(write=False), user_id(update), sold_id, now)
    text = views.screen_text(screen, now, note)
    markup = views.screen_keyboard(screen, now)
    if new:
        await reply(update, text, reply_markup=markup)
    else:
        await show(update, text, markup)


@step("v")
async def _view(update: Update, context: BotContext, pressed: Pressed) -> None:
    await show_package(update, context, pressed.sold_id, new=pressed.arg == 1)


async def show_days(
    update: Update,
    pressed: Pressed,
    title: str,
    free: Free,
    acts: tuple[str, str, str],
    note: str = "",
) -> None:
    """Days with free times a week at a time. `acts`: the first-week, week and day acts;
    the first-week act shows the earliest week that has any."""
    first, week_act, day_act = acts
    if pressed.act == first:
        week = first_week_with_slots(free.starts, free.zone, free.now)
    else:
        week = pressed.arg
    page = week_page(free.starts, free.zone, free.now, week)
    markup = picker.days_keyboard(
        page,
        lambda day: pressed.data(day_act, picker.day_digits(day)),
        lambda n: pressed.data(week_act, n),
        views.back_to_package(pressed.sold_id),
    )
    text = picker.days_text(title, page, free.zone)
    await show(update, f"{note}\n\n{text}" if note else text, markup)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    from bot.booking import holder_book, holder_sessions  # noqa: F401 - they register steps

    final = "|".join(views.FINAL_ACTS)
    app.add_handler(CallbackQueryHandler(acts_once(on_button), pattern=f"^bk:({final}):"))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^bk:"))
