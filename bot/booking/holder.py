"""Booking from a sold package's view, in one message that edits itself: the package with
Book per item → days with free times a week at a time → times in rows of four → summary
→ Booked (then the .ics). Group items: a date with free seats → summary → Booked.

Callback data `bk:<act>:<sold package id>:<ref>:<arg>`; ref is the item (entitlement) or,
for cancel/move, the session. Every press re-checks that the presser holds the package
(`ByHolder`). The final presses (ok, gok, xok, mok, rok, wj, wl) act once (`Route.once`);
their result screen's "back" opens the package in a new message, so a final button never
returns on its message.

The one router is built here from the step modules' routes; they import only shared
helpers (`holder_package`, `slot_picker`), never this module."""

from __future__ import annotations

from telegram.ext import Application

from bot.booking import holder_book, holder_sessions, holder_waitlist, holder_weekly
from bot.booking.holder_package import view
from bot.booking.holder_views import KINDS, PREFIX, Pressed
from bot.kit.replies import Route, buttons

ROUTES: list[Route[Pressed]] = [
    Route(KINDS["v"], view), *holder_book.ROUTES, *holder_sessions.ROUTES,
    *holder_weekly.ROUTES, *holder_waitlist.ROUTES,
]  # fmt: skip


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Every `bk:` press is read strictly by its kind (anything else is NotFound).
    app.add_handler(buttons(*ROUTES, family=PREFIX))
