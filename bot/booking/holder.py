"""Booking from a sold package's view, in one message that edits itself: the package with
Book per item → days with free times a week at a time → times in rows of four → summary
→ Booked (then the .ics). Group items: a date with free seats → summary → Booked.

Callback data `bk:<act>:<sold package id>:<ref>:<arg>`; ref is the item (entitlement) or,
for cancel/move, the session. Every press re-checks that the presser holds the package
(`ByHolder`). The final presses (ok, gok, xok, mok) act once (`acts_once`); their result
screen's "back" opens the package in a new message, so a final button never returns on
its message.

The router is built here from the step modules' tables; they import only shared helpers
(`holder_package`, `slot_picker`), never this module."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.booking import holder_book, holder_sessions, holder_waitlist, holder_weekly
from bot.booking import holder_views as views
from bot.booking.holder_package import Step, view
from bot.booking.holder_views import parse
from bot.kit.context import BotContext
from bot.kit.replies import acts_once, callback_data

STEPS: dict[str, Step] = {
    "v": view, **holder_book.STEPS, **holder_sessions.STEPS, **holder_weekly.STEPS,
    **holder_waitlist.STEPS,
}  # fmt: skip


async def on_button(update: Update, context: BotContext) -> None:
    """Routes a booking button after a strict parse (anything else is NotFound)."""
    pressed = parse(callback_data(update))
    assert update.callback_query is not None
    await update.callback_query.answer()
    await STEPS[pressed.act](update, context, pressed)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    final = "|".join(views.FINAL_ACTS)
    app.add_handler(CallbackQueryHandler(acts_once(on_button), pattern=f"^bk:({final}):"))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^bk:"))
