"""SQLAlchemy unit of work: one session, one transaction per `async with`."""

from __future__ import annotations

from contextlib import AsyncExitStack
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.booking.feeds import Feeds, FeedUnitOfWork
from domain.booking.ports import Availabilities, Bookings
from domain.booking.uow import BookingUnitOfWork
from domain.calendars.ports import CalendarSources, CalendarUnitOfWork, CalendarWrites
from domain.catalog.ports import Packages, SeriesCatalog, Services
from domain.ports import ButtonPresses, Coaches, UnitOfWork, Users
from domain.presses import claim_with_action
from domain.reminders.digest_ports import CoachDigests, DigestUnitOfWork
from domain.reminders.ports import Reminders, ReminderUnitOfWork
from domain.retention import Retention, RetentionUnitOfWork
from domain.selling.ports import PaymentIssues, PendingPurchases, SoldPackages
from persistence.db import writing
from persistence.inbox import commit_marking_done
from persistence.repositories.accounts import SqlCoaches, SqlUsers
from persistence.repositories.availability import SqlAvailabilities
from persistence.repositories.booking import SqlBookings
from persistence.repositories.calendars import SqlCalendarSources, SqlCalendarWrites
from persistence.repositories.digest import SqlCoachDigests
from persistence.repositories.feeds import SqlFeeds
from persistence.repositories.packages import SqlPackages
from persistence.repositories.payment_issues import SqlPaymentIssues
from persistence.repositories.pending import SqlPendingPurchases
from persistence.repositories.presses import SqlButtonPresses
from persistence.repositories.reminders import SqlReminders
from persistence.repositories.retention import SqlRetention
from persistence.repositories.selling import SqlSoldPackages
from persistence.repositories.series import SqlSeriesCatalog
from persistence.repositories.services import SqlServices


class SqlUnitOfWork:
    """`async with uow: ...; await uow.commit()`; leaving without commit rolls back.

    A writing unit of work (the default) begins its transaction on entry, holding SQLite's
    write lock from the first statement (`BEGIN IMMEDIATE`), so what it read stays true until
    it commits; concurrent writers queue for the lock (busy timeout) instead of failing. On
    PostgreSQL each statement sees committed data, so writes that depend on a read are
    conditional UPDATEs or constraints in the repositories. `write=False` is for callers
    that only read: they never wait for a writer.
    """

    users: Users
    coaches: Coaches
    services: Services
    series: SeriesCatalog
    packages: Packages
    availability: Availabilities
    bookings: Bookings
    sold: SoldPackages
    pending: PendingPurchases
    payment_issues: PaymentIssues
    presses: ButtonPresses
    reminders: Reminders
    digests: CoachDigests
    retention: Retention
    feeds: Feeds
    calendars: CalendarSources
    calendar_writes: CalendarWrites

    def __init__(self, sessions: async_sessionmaker[AsyncSession], write: bool = True) -> None:
        self._sessions = sessions
        self._write = write
        self._exit_stack = AsyncExitStack()
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work is already open")
        session = self._sessions()
        self._session = session
        self._exit_stack = AsyncExitStack()
        if self._write:
            try:
                await self._exit_stack.enter_async_context(writing(session))
            except BaseException:
                await self.__aexit__(None, None, None)
                raise
        self.users = SqlUsers(session)
        self.coaches = SqlCoaches(session)
        self.services = SqlServices(session)
        self.series = SqlSeriesCatalog(session)
        self.packages = SqlPackages(session)
        self.availability = SqlAvailabilities(session)
        self.bookings = SqlBookings(session)
        self.sold = SqlSoldPackages(session)
        self.pending = SqlPendingPurchases(session)
        self.payment_issues = SqlPaymentIssues(session)
        self.presses = SqlButtonPresses(session)
        self.reminders = SqlReminders(session)
        self.digests = SqlCoachDigests(session)
        self.retention = SqlRetention(session)
        self.feeds = SqlFeeds(session)
        self.calendars = SqlCalendarSources(session)
        self.calendar_writes = SqlCalendarWrites(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            try:
                await session.rollback()
                await session.close()
            finally:
                await self._exit_stack.aclose()  # a SQLite writer lets the next one in

    async def commit(self) -> None:
        if self._session is None:
            raise RuntimeError("commit outside the unit of work")
        if self._write:  # the update being handled is done with this use case's change
            await claim_with_action(self.presses)  # the button pressed for it, if any
            await commit_marking_done(self._session)
        else:
            await self._session.commit()


if TYPE_CHECKING:
    # mypy proves here that this class implements the domain's UnitOfWork port.
    def _implements_port(sessions: async_sessionmaker[AsyncSession]) -> UnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_booking_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> BookingUnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_reminders_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> ReminderUnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_digest_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> DigestUnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_feed_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> FeedUnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_retention_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> RetentionUnitOfWork:
        return SqlUnitOfWork(sessions)

    def _implements_calendar_port(
        sessions: async_sessionmaker[AsyncSession],
    ) -> CalendarUnitOfWork:
        return SqlUnitOfWork(sessions)
