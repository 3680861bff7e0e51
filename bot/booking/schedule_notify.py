"""What the client hears when their coach cancels, marks a no-show or moves one of their
sessions: the same from /schedule and from the Mini App's desk, in the client's language and
zone (read with the change), with the session's .ics where their calendar should follow."""

from __future__ import annotations

from functools import partial

from bot.booking import schedule_views as views
from bot.booking.notify import tell
from bot.kit.context import BotContext, PackagesApplication
from domain.booking.coach_changes import CoachChange
from domain.booking.manage import Cancelled
from domain.booking.model import SessionBooking


async def told_cancelled(context: BotContext, changed: CoachChange[Cancelled]) -> None:
    if changed.client is not None:
        done, zone = changed.done, changed.client.zone
        text = partial(views.client_cancelled, done.booking, zone, done.unit_returned)
        await tell(context, changed.client, done.booking, text, calendar=True)


async def told_no_show(context: BotContext, changed: CoachChange[SessionBooking]) -> None:
    if changed.client is not None:
        text = partial(views.client_no_show, changed.done, changed.client.zone)
        await tell(context, changed.client, changed.done, text, calendar=False)


async def told_moved(context: BotContext, changed: CoachChange[SessionBooking]) -> None:
    if changed.client is not None:
        text = partial(views.client_moved, changed.was, changed.done, changed.client.zone)
        await tell(context, changed.client, changed.done, text, calendar=True)


async def mini_app_cancelled(app: PackagesApplication, changed: CoachChange[Cancelled]) -> None:
    """A session cancelled on the Mini App's desk: the client is told as from /schedule."""
    await told_cancelled(BotContext(app), changed)


async def mini_app_no_show(app: PackagesApplication, changed: CoachChange[SessionBooking]) -> None:
    """A no-show marked on the desk: the client is told as from /schedule."""
    await told_no_show(BotContext(app), changed)


async def mini_app_moved(app: PackagesApplication, changed: CoachChange[SessionBooking]) -> None:
    """A session moved on the desk: the client is told as from /schedule."""
    await told_moved(BotContext(app), changed)
