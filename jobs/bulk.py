"""What the bulk jobs (reminders, coach digests) share: their dependencies, the notifier port
they send through, and how each runs as a JobQueue (APScheduler) interval job."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

import prometheus_client
from telegram import InlineKeyboardMarkup
from telegram.ext import CallbackContext, JobQueue

from domain.booking.uow import BookingUnitOfWork
from domain.ports import Users
from domain.reminders.delivery import Notice
from domain.reminders.digest_ports import DigestUnitOfWork
from domain.reminders.engine import Delivery
from domain.reminders.ports import ReminderUnitOfWork
from jobs.repeating import repeat_alone

log = logging.getLogger(__name__)
M_contra = TypeVar("M_contra", contravariant=True)


class Outbox(Protocol):
    """The notifier port: how bulk messages reach Telegram (the bot implements it)."""

    async def ready(self, count: int) -> None:
        """Wait until `count` more bulk messages may go out (REMINDER_MAX_PER_SECOND, shared
        by every bulk job, so replies keep the rest of Telegram's rate)."""
        ...

    async def send(
        self, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None
    ) -> Delivery:
        """Send one bulk message (it waits behind every reply) and say how it went; never
        raises for Telegram."""
        ...


class BulkUnitOfWork(ReminderUnitOfWork, DigestUnitOfWork, BookingUnitOfWork, Protocol):
    """A unit of work serving every kind of bulk message (reminders, digests, seat offers)."""

    users: Users  # the people: their languages for reminders and digests, and the rest


class JobSettings(Protocol):
    """The settings the bulk jobs read (names as in .env.example)."""

    @property
    def expiry_reminder_offsets(self) -> tuple[timedelta, ...]: ...
    @property
    def session_reminder_offsets(self) -> tuple[timedelta, ...]: ...
    @property
    def reminder_sweep_seconds(self) -> int: ...
    @property
    def coach_digest(self) -> bool: ...
    @property
    def coach_digest_hour(self) -> int: ...
    @property
    def waitlist_hold(self) -> timedelta: ...


@dataclass(frozen=True)
class JobDeps:
    uow_factory: Callable[[], BulkUnitOfWork]
    clock: Callable[[], datetime]
    settings: JobSettings
    outbox: Outbox
    # A notice's buttons: callback data of the bot's own screens, so the bot draws them.
    reminder_buttons: Callable[[Notice], InlineKeyboardMarkup | None] = lambda _: None
    # A seat offer's Take/No buttons (by waitlist entry id), drawn by the bot too.
    offer_buttons: Callable[[int], InlineKeyboardMarkup | None] = lambda _: None


class Rendered(Generic[M_contra]):
    """The domain's notifier for one kind of message: rendered to a chat, a text and buttons,
    then sent through the outbox."""

    def __init__(
        self,
        outbox: Outbox,
        render: Callable[[M_contra], tuple[int, str, InlineKeyboardMarkup | None]],
    ) -> None:
        self._outbox = outbox
        self._render = render

    async def ready(self, count: int) -> None:
        await self._outbox.ready(count)

    async def deliver(self, message: M_contra) -> Delivery:
        return await self._outbox.send(*self._render(message))


Sweep = Callable[[Callable[[], bool]], Awaitable[Counter[str]]]


# /metrics: what each sweep did (reminders sent, undeliverable, failed, retrying, skipped).
SENT = prometheus_client.Counter(
    "packages_bot_bulk_messages",
    "messages a sweep settled, by job and outcome",
    ["job", "outcome"],
)


class BulkJob:
    """One sweep (given whether to go on: not once the bot shuts down), its counts logged."""

    def __init__(self, name: str, sweep: Sweep) -> None:
        self.name = name
        self._sweep = sweep

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        app = context.application
        report = await self._sweep(lambda: app.running)
        for outcome, count in report.items():
            SENT.labels(self.name, outcome).inc(count)
        if report:
            log.info("%s: %s", self.name, dict(report))


def every_sweep(queue: JobQueue[Any], job: BulkJob, seconds: int) -> None:
    """Run `job` every `seconds` (REMINDER_SWEEP_SECONDS), from one interval after start;
    a run still going when the next is due is not doubled."""
    repeat_alone(queue, job, job.name, every=seconds, first=seconds)
