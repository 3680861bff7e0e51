"""What handlers reach: dependencies on the Application, read through a typed context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.kit.commands import (
    register_client_commands,
    register_coach_commands,
    register_description,
)
from bot.kit.inbox import InboxQueue
from bot.kit.languages import KnownLanguages, language_for
from bot.kit.metrics import measured
from domain.accounts import CoachPolicy
from domain.booking.uow import BookingUnitOfWork
from domain.calendars.ports import CalendarUnitOfWork
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.throttle import InvalidLinkThrottle
from i18n import speaking
from persistence.calendars.reading import CalendarReader
from persistence.inbox import handling


class AppUnitOfWork(BookingUnitOfWork, CalendarUnitOfWork, Protocol):
    """The repositories handlers reach: booking's and the coach's calendars'."""


class UowFactory(Protocol):
    """A new unit of work: a writer unless `write=False` (pure reads never wait for one)."""

    def __call__(self, write: bool = True) -> AppUnitOfWork: ...


@dataclass(frozen=True)
class Deps:
    settings: Settings
    policy: CoachPolicy
    uow_factory: UowFactory
    clock: Callable[[], datetime]
    link_throttle: InvalidLinkThrottle = field(default_factory=InvalidLinkThrottle)
    # Reads and connects the coach's calendars; None without CALENDAR_SECRET_KEY.
    calendar_reader: CalendarReader | None = None


class PackagesApplication(Application[Any, Any, Any, Any, Any, Any]):
    """The PTB Application carrying the wired dependencies."""

    def __init__(
        self, *, deps: Deps, close_database: Callable[[], Awaitable[None]], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.deps = deps
        self._close_database = close_database
        self.languages = KnownLanguages()  # the latest people's languages (see languages.py)

    async def initialize(self) -> None:
        """Also registers the command menus and the bot's description, in every language, each
        coach's menu in theirs (runs in polling, webhook and tests alike)."""
        await super().initialize()
        await register_client_commands(self.bot)
        await register_description(self.bot)
        async with self.deps.uow_factory(write=False) as uow:
            coach_ids = sorted(set(await uow.coaches.all_user_ids()) | self.deps.policy.coach_ids)
            languages = await uow.users.languages(coach_ids)
        for coach_id in coach_ids:
            with speaking(languages[coach_id]):
                await register_coach_commands(self.bot, coach_id, self.deps.settings.web_base_url)
        if isinstance(self.update_queue, InboxQueue):
            await self.update_queue.replay(self.bot)

    async def process_update(self, update: object) -> None:
        """Speaks the sender's language (see languages.py) to the whole update. Also stores
        what this update changed, so a completed step survives a crash. In the inbox the
        update is marked done in its use case's transaction when it writes (see
        persistence/inbox.py), and answered once handled."""
        inbox = self.update_queue if isinstance(self.update_queue, InboxQueue) else None
        ticket = inbox.ticket(update) if inbox is not None else None
        # Read (or saved at first contact) before the ticket is set: not the update's change.
        language = await language_for(update, self.languages, self.deps.uow_factory)
        token = handling.set(ticket)
        try:
            with speaking(language):
                async with measured(update):
                    await super().process_update(update)
            self.forget_empty_data(update)
            if self.persistence is not None:
                await self.update_persistence()
        finally:
            handling.reset(token)
        if inbox is not None and ticket is not None:
            await inbox.finish(ticket)

    def forget_empty_data(self, update: object) -> None:
        """Drops this update's user_data and chat_data when they are empty.

        PTB keeps a dict for every user and chat it ever handled (reading `user_data` creates
        one), so memory grew with everyone who ever wrote. Flows keep their state in
        user_data, so only people in the middle of a flow keep an entry; the empty dict of
        the next update is as good as the dropped one (stored rows: see DatabasePersistence).
        """
        if not isinstance(update, Update):
            return
        user, chat = update.effective_user, update.effective_chat
        if user is not None and user.id in self.user_data and not self.user_data[user.id]:
            self.drop_user_data(user.id)
        if chat is not None and chat.id in self.chat_data and not self.chat_data[chat.id]:
            self.drop_chat_data(chat.id)

    async def shutdown(self) -> None:
        await super().shutdown()
        await self._close_database()


class BotContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Typed access to the dependencies; no string keys scattered over bot_data."""

    @property
    def deps(self) -> Deps:
        return cast(PackagesApplication, self.application).deps

    def uow(self, write: bool = True) -> AppUnitOfWork:
        """A unit of work; handlers that only read pass `write=False`."""
        return self.deps.uow_factory(write)

    def now(self) -> datetime:
        return self.deps.clock()

    async def languages(self, ids: Iterable[int]) -> dict[int, str]:
        """Each person's language (someone never seen reads English), in one read: what is
        sent to someone else is said in theirs, not in the sender's."""
        async with self.uow(write=False) as uow:
            return await uow.users.languages(ids)

    async def language_of(self, user_id: int) -> str:
        return (await self.languages([user_id]))[user_id]

    @property
    def reminders(self) -> ReminderOffsets:
        """EXPIRY_REMINDER_OFFSETS and SESSION_REMINDER_OFFSETS for selling and booking."""
        return self.deps.settings.reminder_offsets()

    @property
    def waitlist_hold(self) -> timedelta:
        """WAITLIST_HOLD_MINUTES: how long a freed seat is held for the next in line."""
        return self.deps.settings.waitlist_hold

    @property
    def bot_username(self) -> str:
        return self.bot.username
