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
from bot.booking.notify import tell_client
from bot.kit.context import BotContext, PackagesApplication
from domain.booking.holder import booking_parties, zone_for
from domain.booking.model import SessionBooking
from domain.timezones import viewer_zone
from i18n import speaking
from persistence.calendars.ics import booking_ics, bookings_ics, ics_filename

log = logging.getLogger(__name__)

Change = Literal["booked", "cancelled", "cancelled late", "moved"]


@dataclass(frozen=True)
class Done:
    change: Change
    booking: SessionBooking
    actor_id: int
    chat_id: int


async def calendar_to(context: BotContext, chat_id: int, booking: SessionBooking) -> None:
    """The session's .ics (a cancelled one when it is off) to one chat."""
    data = booking_ics(
        booking, context.bot_username, context.now(), cancelled=not booking.is_active
    )
    await context.bot.send_document(chat_id, InputFile(data, filename=ics_filename(booking)))


async def after_change(context: BotContext, done: Done) -> None:
    """The presser gets the calendar file; the other side hears of it."""
    await calendar_to(context, done.chat_id, done.booking)
    assert done.booking.id is not None
    entry, coach_zone = await booking_parties(context.uow(write=False), done.booking.id)
    booking = done.booking
    if done.actor_id == booking.coach_id:
        zone = viewer_zone(entry.client_zone, coach_zone)
        if entry.client_id != done.actor_id:
            notice = partial(views.client_notice, done.change, booking, zone)
            await tell_client(context, entry, notice, True)
        return
    with speaking(await context.language_of(booking.coach_id)):
        text = views.coach_notice(done.change, booking, coach_zone, entry.client_name)
    try:
        await context.bot.send_message(booking.coach_id, text)
        await calendar_to(context, booking.coach_id, booking)
    except (Forbidden, BadRequest) as exc:
        log.info("could not tell the coach of session %s: %s", booking.id, type(exc).__name__)


async def after_weekly(
    context: BotContext, bookings: list[SessionBooking], actor_id: int, chat_id: int
) -> None:
    """Weekly sessions booked: the presser gets one calendar file with them all; the other
    side hears of them once (with the same file)."""
    data = bookings_ics(bookings, context.bot_username, context.now())
    name = f"sessions-{bookings[0].id}-weekly.ics"
    await context.bot.send_document(chat_id, InputFile(data, filename=name))
    assert bookings[0].id is not None
    entry, coach_zone = await booking_parties(context.uow(write=False), bookings[0].id)
    if actor_id == entry.booking.coach_id:
        if entry.client_id is None or entry.client_id == actor_id:
            return
        zone = viewer_zone(entry.client_zone, coach_zone)
        to = entry.client_id
        notice = partial(weekly_views.client_notice, bookings, zone)
    else:
        to = entry.booking.coach_id
        notice = partial(weekly_views.coach_notice, bookings, coach_zone, entry.client_name)
    with speaking(await context.language_of(to)):
        text = notice()
    try:
        await context.bot.send_message(to, text)
        await context.bot.send_document(to, InputFile(data, filename=name))
    except (Forbidden, BadRequest) as exc:
        log.info("could not tell %s of weekly sessions: %s", to, type(exc).__name__)


async def mini_app_change(
    app: PackagesApplication,
    change: Change,
    user_id: int,
    booking: SessionBooking,
    returned: bool = False,
) -> None:
    """A booking, cancellation (`returned`: the unit went back) or move made in the Mini App:
    the person's chat gets what the chat itself would have said (in their language), with the
    .ics, and the other side is told."""
    context = BotContext(app)
    zone = await zone_for(context.uow(write=False), user_id, booking.sold_package_id)
    texts = {
        "booked": partial(views.booked, booking, zone),
        "cancelled": partial(views.cancelled, booking, zone, returned),
        "moved": partial(views.moved, booking, zone),
    }
    with speaking(await context.language_of(user_id)):
        text = texts[change]()
        markup = InlineKeyboardMarkup([[views.back_to_package(booking.sold_package_id, True)]])
    await app.bot.send_message(user_id, text, reply_markup=markup)
    await after_change(context, Done(change, booking, user_id, user_id))
