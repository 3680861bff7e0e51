"""Waitlist steps of a package's view: join a full date's line (from its dates), and leave
it (or decline the seat offered). Both act once."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.booking import holder_views as views
from bot.booking.availability_views import span
from bot.booking.holder_book import dates
from bot.booking.holder_package import show_package
from bot.booking.holder_views import KINDS, Pressed
from bot.booking.refusals import refusal_text
from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from domain.booking.errors import BookingRefused
from domain.booking.holder import zone_for
from domain.booking.waitlist_offers import join_waitlist, leave_waitlist


async def join(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The holder joins the line of a full date: their place, and how long a seat is held."""
    uow, now = context.uow(), context.now()
    try:
        place = await join_waitlist(
            uow, user_id(update), pressed.sold_id, pressed.ref, pressed.arg, now
        )
    except BookingRefused as refused:
        await dates(update, context, pressed.again("g"), refusal_text(refused))
        return
    zone = await zone_for(context.uow(write=False), user_id(update), pressed.sold_id)
    markup = InlineKeyboardMarkup([[views.back_to_package(pressed.sold_id, True)]])
    await show(update, views.joined(place, zone, span(context.waitlist_hold)), markup)


async def leave(update: Update, context: BotContext, pressed: Pressed) -> None:
    """The holder leaves the line, or lets the seat offered go to the next in line."""
    try:
        entry = await leave_waitlist(
            context.uow(), user_id(update), pressed.ref, context.now(), context.waitlist_hold
        )
    except BookingRefused as refused:
        await show_package(update, context, pressed.sold_id, refusal_text(refused))
        return
    await show_package(update, context, pressed.sold_id, views.left_line(entry.state))


ROUTES: list[Route[Pressed]] = [
    Route(KINDS["wj"], join, once=True),
    Route(KINDS["wl"], leave, once=True),
]
