"""Storage ports of the coach's calendars."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.booking.model import ScheduleEntry
from domain.booking.ports import Availabilities, Bookings
from domain.booking.slots import Busy
from domain.calendars.model import BusyRead, CalendarSource
from domain.ports import UnitOfWork


class CalendarSources(Protocol):
    async def for_coach(self, coach_id: int) -> builtins.list[CalendarSource]: ...

    async def all(self) -> builtins.list[CalendarSource]: ...

    async def get(self, source_id: int) -> CalendarSource | None: ...

    async def add(self, source: CalendarSource) -> CalendarSource: ...

    async def save(self, source: CalendarSource) -> None:
        """Its read state and its choice of calendars (never its secret)."""
        ...

    async def remove(self, source_id: int, coach_id: int) -> bool:
        """The source, its busy times and its pending writes; False if not the coach's."""
        ...

    async def replace_busy(self, source: CalendarSource, busy: builtins.list[Busy]) -> None:
        """The source's busy times become `busy` (all of them, in this transaction)."""
        ...


@dataclass(frozen=True)
class PendingWrite:
    """A booking whose event in the coach's receiving calendar is behind its state."""

    id: int
    booking_id: int
    coach_id: int
    attempts: int
    last_id: int  # the newest pending write of the booking when this one was read


class CalendarWrites(Protocol):
    async def due(self, now: datetime, limit: int) -> builtins.list[PendingWrite]:
        """The oldest pending write of each booking that is due (in order per booking)."""
        ...

    async def done(self, write: PendingWrite) -> None:
        """The booking's pending writes up to `write.last_id` are done (and forgotten): the
        event now shows the booking as it was read after them."""
        ...

    async def retry(self, write: PendingWrite, at: datetime) -> None: ...


class BusyReader(Protocol):
    async def read(
        self,
        source: CalendarSource,
        zone: ZoneInfo,
        window: tuple[datetime, datetime],
        own: Callable[[str], bool],
    ) -> BusyRead:
        """The source's busy time in the window (in `zone` where it gives local times),
        without the events `own` recognises; CalendarUnreadable with a code otherwise."""
        ...


class EventWriter(Protocol):
    async def write(
        self, source: CalendarSource, entry: ScheduleEntry, uid: str, summary: str, now: datetime
    ) -> None:
        """The session's event in the source's receiving calendar shows it as it is now
        (removed when it is cancelled); CalendarUnreadable with a code when it cannot."""
        ...


class CalendarUnitOfWork(UnitOfWork, Protocol):
    availability: Availabilities
    bookings: Bookings
    calendars: CalendarSources
    calendar_writes: CalendarWrites


class CalendarUowFactory(Protocol):
    """A new unit of work: a writer unless `write=False` (reads never wait for a writer)."""

    def __call__(self, write: bool = True) -> CalendarUnitOfWork: ...
