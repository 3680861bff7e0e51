"""Telling a client about a change to their session: a message, and the session's .ics."""

from __future__ import annotations

import logging

from telegram import InputFile
from telegram.error import BadRequest, Forbidden

from bot.kit.context import BotContext
from domain.booking.model import ScheduleEntry
from persistence.calendars.ics import booking_ics, ics_filename

log = logging.getLogger(__name__)


async def tell_client(
    context: BotContext, entry: ScheduleEntry, text: str, calendar: bool
) -> None:
    """The client hears of it if they ever opened the bot; a blocked bot is no error here.
    `calendar` adds the session's .ics (cancelled when the booking is no longer active)."""
    if entry.client_id is None:
        return
    booking = entry.booking
    try:
        await context.bot.send_message(entry.client_id, text)
        if calendar:
            data = booking_ics(
                booking, context.bot_username, context.now(), cancelled=not booking.is_active
            )
            await context.bot.send_document(
                entry.client_id, InputFile(data, filename=ics_filename(booking))
            )
    except (Forbidden, BadRequest) as exc:
        log.info("could not tell the client of session %s: %s", booking.id, type(exc).__name__)
