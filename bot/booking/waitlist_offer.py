"""The waitlist offer message (sent by the waitlist job): **✅ Take the seat** books it with a
unit like any seat (the .ics follows, the coach is told); **✖ No, thanks** lets it go to
the next in line. Both act once; a lapsed offer says so and changes nothing."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot.booking import holder_views
from bot.booking.holder_notify import Done, after_change
from bot.booking.refusals import refusal_text
from bot.kit.callbacks import Callback, Id
from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, show, user_id
from domain.booking.errors import BookingRefused
from domain.booking.holder_changes import let_offered_seat_go, take_offered_seat
from domain.errors import NotFound
from i18n import N_, _

# i18n: button
TAKE = N_("✅ Take the seat")
# i18n: button
DECLINE = N_("✖ No, thanks")
LET_GO = N_("You let the seat go: it goes to the next in line.")
PREFIX = "wo"
# The offer's buttons, each carrying its waitlist entry: take the seat, no thanks.
TAKE_SEAT = Callback(f"{PREFIX}:t", lambda entry: entry, entry=Id)
LET_GO_SEAT = Callback(f"{PREFIX}:n", lambda entry: entry, entry=Id)


def offer_keyboard(entry_id: int) -> InlineKeyboardMarkup:
    """The offer message's buttons (the waitlist job draws them through this, speaking the
    receiver's language)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_(TAKE), callback_data=TAKE_SEAT.pack(entry=entry_id)),
          InlineKeyboardButton(_(DECLINE), callback_data=LET_GO_SEAT.pack(entry=entry_id))]]
    )  # fmt: skip


async def decline(update: Update, context: BotContext, entry: int) -> None:
    """The seat offered goes to the next in line; a refusal (lapsed) is said plainly."""
    person, now = user_id(update), context.now()
    try:
        await let_offered_seat_go(context.uow(), person, entry, now, context.waitlist_hold)
    except BookingRefused as refused:
        await show(update, refusal_text(refused), None)
        return
    await show(update, _(LET_GO), None)


async def take(update: Update, context: BotContext, entry: int) -> None:
    """Takes the seat offered; a refusal (lapsed, used up) is said plainly."""
    person, now = user_id(update), context.now()
    try:
        told = await take_offered_seat(context.uow(), person, entry, now, context.reminders)
    except BookingRefused as refused:
        await show(update, refusal_text(refused), None)
        return
    booking, parties = told.done, told.parties
    back = InlineKeyboardMarkup([[holder_views.back_to_package(booking.sold_package_id, True)]])
    await show(update, holder_views.booked(booking, parties.actor.zone), back)
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_change(context, Done("booked", booking, parties), chat.id)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Every `wo:` press is read strictly by its kind (anything else is NotFound).
    routes = Route(TAKE_SEAT, take, once=True), Route(LET_GO_SEAT, decline, once=True)
    app.add_handler(buttons(*routes, family=PREFIX))
