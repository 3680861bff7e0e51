"""Telling someone about a change to a session: a message in their language, and the
session's .ics."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import InputFile
from telegram.error import BadRequest, Forbidden

from bot.kit.context import BotContext
from domain.booking.model import ScheduleEntry, SessionBooking
from domain.selling.desk import Reader
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
    await _send(context, entry.client_id, entry.booking, text, calendar)


async def tell(
    context: BotContext,
    reader: Reader,
    booking: SessionBooking,
    text: Callable[[], str],
    calendar: bool,
) -> None:
    """`tell_client` for someone read with the change: `text` is said in their language."""
    with speaking(reader.language):
        said = text()
    await _send(context, reader.user_id, booking, said, calendar)


async def calendar_to(context: BotContext, chat_id: int, booking: SessionBooking) -> None:
    """The session's .ics (a cancelled one when it is off) to one chat."""
    data = booking_ics(
        booking, context.bot_username, context.now(), cancelled=not booking.is_active
    )
    await context.bot.send_document(chat_id, InputFile(data, filename=ics_filename(booking)))


async def _send(
    context: BotContext, to: int, booking: SessionBooking, text: str, calendar: bool
) -> None:
    try:
        await context.bot.send_message(to, text)
        if calendar:
            await calendar_to(context, to, booking)
    except (Forbidden, BadRequest) as exc:
        log.info("could not tell %s of session %s: %s", to, booking.id, type(exc).__name__)
