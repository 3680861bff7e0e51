"""Telling a client about a change to their session: a message in their language, and the
session's .ics."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import InputFile
from telegram.error import BadRequest, Forbidden

from bot.kit.context import BotContext
from domain.booking.model import ScheduleEntry
from i18n import speaking
from persistence.calendars.ics import booking_ics, ics_filename

log = logging.getLogger(__name__)


async def tell_client(
    context: BotContext, entry: ScheduleEntry, text: str | Callable[[], str], calendar: bool
) -> None:
    """The client hears of it if they ever opened the bot; a blocked bot is no error here.
    `text` is said in the client's language when it is a callable (a string is sent as is).
    `calendar` adds the session's .ics (cancelled when the booking is no longer active)."""
    if entry.client_id is None:
        return
    if callable(text):
        with speaking(await context.language_of(entry.client_id)):
            text = text()
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
