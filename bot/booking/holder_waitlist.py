"""Waitlist steps of a package's view: join a full date's line (from its dates), and leave
it (or decline the seat offered). Both act once."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking.availability_views import span
from bot.booking.holder_book import dates
from bot.booking.holder_package import show_package, show_screen
from bot.booking.holder_views import KINDS, Pressed
from bot.booking.refusals import refusal_text
from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from domain.booking.access import ByHolder
from domain.booking.errors import BookingRefused
from domain.booking.holder_changes import join_line_seen, leave_line_seen


async def join(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The holder joins the line of a full date: their place, and how long a seat is held."""
    access, now = ByHolder(user_id(update), pressed.sold_id), context.now()
    try:
        place, zone = await join_line_seen(context.uow(), access, pressed.ref, pressed.arg, now)
    except BookingRefused as refused:
        await dates(update, context, pressed.again("g"), refusal_text(refused))
        return
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, views.joined(place, zone, span(context.waitlist_hold)), markup)


async def leave(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The holder leaves the line, or lets the seat offered go to the next in line."""
    access, now = ByHolder(user_id(update), pressed.sold_id), context.now()
    try:
        entry, screen = await leave_line_seen(
            context.uow(), access, pressed.ref, now, context.waitlist_hold
        )
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    await show_screen(update, context, screen, now, views.left_line(entry.state))


ROUTES: list[Route[Pressed]] = [
    Route(KINDS["wj"], join, once=True),
    Route(KINDS["wl"], leave, once=True),
]
