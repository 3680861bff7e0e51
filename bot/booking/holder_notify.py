"""After a booking, cancel or move from a package's view: the person who pressed gets the
.ics, and the other side is told in their own language (the coach with the time in their
zone, or — when the coach acted — the client)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Literal

from telegram import InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden

from bot.booking import holder_views as views
from bot.booking import weekly_views
from bot.booking.notify import calendar_to, tell
from bot.kit.context import BotContext, PackagesApplication
from domain.booking.model import SessionBooking
from domain.booking.telling import Parties, Told
from i18n import speaking
from persistence.calendars.ics import bookings_ics

log = logging.getLogger(__name__)

Change = Literal["booked", "cancelled", "cancelled late", "moved"]


@dataclass(frozen=True)
class Done:
    """A change to a session, and its parties read with it."""

    change: Change
    booking: SessionBooking
    parties: Parties


async def after_change(context: BotContext, done: Done, chat_id: int) -> None:
    """The presser (in `chat_id`) gets the calendar file; the other side hears of it."""
    await calendar_to(context, chat_id, done.booking)
    booking, other = done.booking, done.parties.other
    if other is None:
        return
    if done.parties.actor.user_id == booking.coach_id:
        notice = partial(views.client_notice, done.change, booking, other.zone)
    else:
        name = done.parties.client_name
        notice = partial(views.coach_notice, done.change, booking, other.zone, name)
    await tell(context, other, booking, notice, calendar=True)


async def after_weekly(
    context: BotContext, told: Told[list[SessionBooking]], chat_id: int
) -> None:
    """Weekly sessions booked: the presser gets one calendar file with them all; the other
    side hears of them once (with the same file)."""
    bookings, parties = told.done, told.parties
    data = bookings_ics(bookings, context.bot_username, context.now())
    name = f"sessions-{bookings[0].id}-weekly.ics"
    await context.bot.send_document(chat_id, InputFile(data, filename=name))
    other = parties.other
    if other is None:
        return
    if parties.actor.user_id == bookings[0].coach_id:
        notice = partial(weekly_views.client_notice, bookings, other.zone)
    else:
        notice = partial(weekly_views.coach_notice, bookings, other.zone, parties.client_name)
    with speaking(other.language):
        text = notice()
    try:
        await context.bot.send_message(other.user_id, text)
        await context.bot.send_document(other.user_id, InputFile(data, filename=name))
    except (Forbidden, BadRequest) as exc:
        log.info("could not tell %s of weekly sessions: %s", other.user_id, type(exc).__name__)


async def mini_app_change(
    app: PackagesApplication,
    change: Change,
    booking: SessionBooking,
    parties: Parties,
    returned: bool = False,
) -> None:
    """A booking, cancellation (`returned`: the unit went back) or move made in the Mini App:
    the person's chat gets what the chat itself would have said (in their language), with the
    .ics, and the other side is told (`parties`: read with the change)."""
    context = BotContext(app)
    user_id, zone = parties.actor.user_id, parties.actor.zone
    texts = {
        "booked": partial(views.booked, booking, zone),
        "cancelled": partial(views.cancelled, booking, zone, returned),
        "moved": partial(views.moved, booking, zone),
    }
    with speaking(parties.actor.language):
        text = texts[change]()
        markup = InlineKeyboardMarkup([[views.back_to_package(booking.sold_package_id, True)]])
    await app.bot.send_message(user_id, text, reply_markup=markup)
    await after_change(context, Done(change, booking, parties), user_id)
