"""Steps for the calendar tests: a coach's feed connected, the sync job run with a bot that
records what it says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import Fernet

from domain.calendars.model import CalendarSource, SourceKind
from domain.calendars.ports import CalendarUowFactory
from domain.calendars.use_cases import connect_calendar
from jobs.calendar_sync import CalendarSyncDeps, SyncCalendars
from persistence.calendars.fetch import FetchPolicy
from persistence.calendars.reading import CalendarReader
from persistence.calendars.vault import CalendarSecret, SecretBox
from tests.integration.catalog_seed import ANNA, MakeUow

KEY = Fernet.generate_key().decode()
BOX = SecretBox(KEY)
TESTS_POLICY = FetchPolicy(allow_private=True, timeout=5)


@dataclass
class RecordingBot:
    username: str = "testbot"
    said: list[tuple[int, str]] = field(default_factory=list)

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.said.append((chat_id, text))


async def connect_feed(make_uow: MakeUow, url: str, coach_id: int = ANNA) -> CalendarSource:
    source = CalendarSource(
        None, coach_id, SourceKind.ICS, "127.0.0.1", BOX.seal(CalendarSecret(url)),
        datetime(2026, 11, 29, tzinfo=UTC),
    )  # fmt: skip
    return await connect_calendar(make_uow(), source)


def sync_job(make_uow: MakeUow, now: datetime) -> SyncCalendars:
    reader = CalendarReader(BOX, TESTS_POLICY)
    return SyncCalendars(CalendarSyncDeps(factory(make_uow), lambda: now, reader))


def factory(make_uow: MakeUow) -> CalendarUowFactory:
    """The tests' unit of work, taking the `write` flag the calendar code passes."""
    return lambda write=True: make_uow()
