"""The waitlist offer message (sent by the waitlist job): **✅ Take the seat** books it with a
unit like any seat (the .ics follows, the coach is told); **✖ No, thanks** lets it go to
the next in line. Both act once; a lapsed offer says so and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.booking import holder_views
from bot.booking.holder_notify import Done, after_change
from bot.booking.refusals import refusal_text
from bot.kit.callbacks import Callback, Id, Word
from bot.kit.context import BotContext
from bot.kit.replies import acts_once, callback_data, show, user_id
from domain.booking.errors import BookingRefused
from domain.booking.holder import zone_for
from domain.booking.waitlist_offers import leave_waitlist, take_seat_offer
from domain.errors import NotFound
from i18n import N_, _

# i18n: button
TAKE = N_("✅ Take the seat")
# i18n: button
DECLINE = N_("✖ No, thanks")
LET_GO = N_("You let the seat go: it goes to the next in line.")


@dataclass(frozen=True)
class Offered:
    act: str  # t: take, n: no, thanks
    entry: int


OFFER = Callback("wo", Offered, act=Word("t|n"), entry=Id)


def offer_keyboard(entry_id: int) -> InlineKeyboardMarkup:
    """The offer message's buttons (the waitlist job draws them through this, speaking the
    receiver's language)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_(TAKE), callback_data=OFFER.pack(act="t", entry=entry_id)),
          InlineKeyboardButton(_(DECLINE), callback_data=OFFER.pack(act="n", entry=entry_id))]]
    )  # fmt: skip


async def on_button(update: Update, context: BotContext) -> None:
    """Takes or declines the seat offered; a refusal (lapsed, used up) is said plainly."""
    pressed = OFFER.parse(callback_data(update))
    assert update.callback_query is not None
    await update.callback_query.answer()
    person, now = user_id(update), context.now()
    try:
        if pressed.act == "n":
            await leave_waitlist(context.uow(), person, pressed.entry, now, context.waitlist_hold)
            await show(update, _(LET_GO), None)
            return
        booking = await take_seat_offer(
            context.uow(), person, pressed.entry, now, context.reminders
        )
    except BookingRefused as refused:
        await show(update, refusal_text(refused), None)
        return
    zone = await zone_for(context.uow(write=False), person, booking.sold_package_id)
    back = InlineKeyboardMarkup([[holder_views.back_to_package(booking.sold_package_id, True)]])
    await show(update, holder_views.booked(booking, zone), back)
    chat = update.effective_chat
    if chat is None:
        raise NotFound()
    await after_change(context, Done("booked", booking, person, chat.id))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CallbackQueryHandler(acts_once(on_button), pattern=OFFER.pattern))
