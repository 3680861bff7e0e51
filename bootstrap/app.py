"""The one bootstrap: settings → engine, unit of work, clock, persistence → the Application
with its handlers (bot/) and its jobs (jobs/), wired through their ports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

import bootstrap.wording  # noqa: F401 - each feature's wording handed to the kit first
from bot.booking import availability, holder, schedule, waitlist_offer
from bot.booking.reminder_buttons import reminder_keyboard
from bot.booking.waitlist_offer import offer_keyboard
from bot.calendars import flow as calendars
from bot.catalog import packages, series, services, storefront
from bot.config import Settings
from bot.home import common, language, timezone
from bot.kit.context import BotContext, Deps, PackagesApplication
from bot.kit.errors import on_error
from bot.kit.inbox import with_inbox
from bot.kit.processing import PerUserProcessor
from bot.kit.rate_limit import PriorityRateLimiter
from bot.outbox import TelegramOutbox
from bot.selling import handlers as selling
from bot.selling.notices import announce_payment
from jobs.bulk import JobDeps
from jobs.calendar_sync import CalendarSyncDeps, schedule_calendar_sync
from jobs.calendar_writes import CalendarWriteDeps, schedule_calendar_writes
from jobs.pruning import schedule_pruning
from jobs.reconcile import ReconcileDeps, schedule_stars_reconciliation
from jobs.reminders import schedule_reminder_sweep
from jobs.waitlist import schedule_waitlist_sweep
from persistence.calendars.fetch import FetchPolicy
from persistence.calendars.reading import CalendarReader
from persistence.calendars.vault import box_for
from persistence.calendars.writing import CalendarWriter
from persistence.db import create_engine, session_factory
from persistence.inbox import InboxStore
from persistence.ptb_persistence import DatabasePersistence
from persistence.uow import SqlUnitOfWork


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    persistence_interval: float = 60,
    inbox: bool = True,
) -> PackagesApplication:
    """The Application `packages-bot` runs; tests build the very same one (`inbox=False`
    only lets the load benchmark measure what the inbox costs)."""
    assert settings.telegram_bot_token is not None
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    deps = Deps(
        settings=settings,
        policy=settings.coach_policy(),
        uow_factory=lambda write=True: SqlUnitOfWork(sessions, write=write),
        clock=clock,
        calendar_reader=calendar_reader(settings),
    )
    root = settings.telegram_api_base_url
    wiring = {"deps": deps, "close_database": engine.dispose}
    limiter = PriorityRateLimiter()

    builder = ApplicationBuilder()
    store = InboxStore(sessions, clock) if inbox else None
    if store is not None:
        builder = with_inbox(builder, store)
    app = (
        builder.application_class(PackagesApplication, kwargs=wiring)
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .persistence(DatabasePersistence(sessions, update_interval=persistence_interval))
        .rate_limiter(limiter)
        .concurrent_updates(PerUserProcessor(known=limiter.answered))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=UTC))
        .build()
    )
    assert isinstance(app, PackagesApplication)
    add_handlers(app)
    add_jobs(app, sessions, clock, inbox=store)
    return app


def add_jobs(
    app: PackagesApplication,
    sessions: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
    *,
    inbox: InboxStore | None,
) -> None:
    """The jobs, each given only the ports it uses."""
    settings, queue = app.deps.settings, app.job_queue
    assert queue is not None
    outbox = TelegramOutbox(app.bot, settings.reminder_max_per_second)
    bulk = JobDeps(
        lambda: SqlUnitOfWork(sessions),
        clock,
        settings,
        outbox,
        reminder_buttons=reminder_keyboard,
        offer_buttons=offer_keyboard,
    )
    schedule_reminder_sweep(queue, bulk)
    schedule_waitlist_sweep(queue, bulk)
    schedule_stars_reconciliation(
        queue,
        ReconcileDeps(
            lambda write: SqlUnitOfWork(sessions, write=write),
            clock,
            settings.reminder_offsets(),
            announce_payment,
        ),
    )
    schedule_pruning(queue, lambda: SqlUnitOfWork(sessions), clock, inbox)
    reader = app.deps.calendar_reader
    if reader is not None:  # without the key no calendar can be connected or read
        schedule_calendar_sync(
            queue,
            CalendarSyncDeps(
                lambda write=True: SqlUnitOfWork(sessions, write=write), clock, reader
            ),
            settings.calendar_sync_minutes,
        )
        writer = CalendarWriter(reader.box, reader.policy)
        schedule_calendar_writes(
            queue,
            CalendarWriteDeps(
                lambda write=True: SqlUnitOfWork(sessions, write=write), clock, writer
            ),
        )


def calendar_reader(settings: Settings) -> CalendarReader | None:
    """Reads the coaches' calendars; None when CALENDAR_SECRET_KEY is not set."""
    box = box_for(settings.calendar_secret_key.get_secret_value())
    if box is None:
        return None
    return CalendarReader(box, FetchPolicy(settings.calendar_allow_private_hosts))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    common.add_guard_handlers(app)
    language.add_handlers(app)
    app.add_handler(timezone.build())
    app.add_handler(availability.build())
    app.add_handler(calendars.build())
    schedule.add_handlers(app)
    holder.add_handlers(app)
    waitlist_offer.add_handlers(app)
    packages.add_handlers(app)
    storefront.add_handlers(app)
    selling.add_handlers(app)
    services.add_handlers(app)
    series.add_handlers(app)
    common.add_handlers(app)
    common.add_fallback_handlers(app)
    app.add_error_handler(on_error)
