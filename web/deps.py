"""What the web front-end is given by bootstrap: settings it needs, the unit of work, the
clock, and the bot's own wording and notices as plain callables (web/ never imports bot/)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.booking.coach_changes import CoachChange
from domain.booking.feeds import FeedUnitOfWork
from domain.booking.manage import Cancelled
from domain.booking.model import SessionBooking
from domain.booking.telling import Told
from domain.booking.waitlist import DEFAULT_HOLD
from domain.errors import DomainError
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.desk import ExpiryChange, Revocation


@dataclass(frozen=True)
class Wording:
    """The chat's words, so the page says what the chat says."""

    refusal: Callable[[DomainError], str]  # plain text
    moment: Callable[[datetime, str], str]  # `Tue 1 Dec 09:00` in a zone


@dataclass(frozen=True)
class Notices:
    """The chat hears of what was done in the Mini App, as if it was done in the chat: a
    holder's change (what it did and its parties), a coach's change on the desk (the change
    with the client to tell, as /schedule tells them), a sold package's change."""

    booked: Callable[[Told[SessionBooking]], Awaitable[None]]
    cancelled: Callable[[Told[Cancelled]], Awaitable[None]]
    moved: Callable[[Told[SessionBooking]], Awaitable[None]]
    coach_cancelled: Callable[[CoachChange[Cancelled]], Awaitable[None]]
    coach_no_show: Callable[[CoachChange[SessionBooking]], Awaitable[None]]
    coach_moved: Callable[[CoachChange[SessionBooking]], Awaitable[None]]
    expiry_changed: Callable[[ExpiryChange], Awaitable[None]]
    link_revoked: Callable[[Revocation], Awaitable[str]]  # the new access link


@dataclass(frozen=True)
class WebDeps:
    bot_token: str
    base_url: str  # WEB_BASE_URL
    uow: Callable[[bool], FeedUnitOfWork]
    clock: Callable[[], datetime]
    reminders: ReminderOffsets
    wording: Wording
    notices: Notices
    bot_username: Callable[[], str]
    telegram_script: str = "https://telegram.org/js/telegram-web-app.js"
    waitlist_hold: timedelta = DEFAULT_HOLD  # WAITLIST_HOLD_MINUTES
