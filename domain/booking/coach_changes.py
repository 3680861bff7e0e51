"""The coach's changes to one of their sessions from /schedule (cancel, no-show, move): one
transaction each, which also reads the session as it is after the change and the client to
tell (their zone and language), so the handler shows and tells without a second read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from domain.booking.access import ByCoach
from domain.booking.manage import Cancelled, cancel, no_show, reschedule
from domain.booking.model import SessionBooking
from domain.booking.schedule import CoachSession, session_in
from domain.booking.telling import parties_of
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import DEFAULT_HOLD
from domain.catalog.access import require_coach
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.desk import Reader

T = TypeVar("T")


@dataclass(frozen=True)
class CoachChange(Generic[T]):
    """What the change did, the session before it and after it (as /schedule shows it),
    and the client to tell (None: no client to tell)."""

    done: T
    was: SessionBooking
    session: CoachSession
    client: Reader | None


async def coach_cancel(
    uow: BookingUnitOfWork,
    coach_id: int,
    booking_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
    hold: timedelta = DEFAULT_HOLD,
) -> CoachChange[Cancelled]:
    """The coach cancels one of their sessions (see `cancel`)."""
    async with uow:
        was = (await session_in(uow, coach_id, booking_id)).entry.booking
        access = ByCoach(coach_id, was.sold_package_id)
        done = await cancel(uow, access, booking_id, now, reminders, hold)
        return await _changed(uow, done, was, done.booking)


async def coach_no_show(
    uow: BookingUnitOfWork,
    coach_id: int,
    booking_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> CoachChange[SessionBooking]:
    """The coach marks a started session of theirs a no-show (see `no_show`)."""
    async with uow:
        await require_coach(uow, coach_id)
        marked = await no_show(uow, coach_id, booking_id, now, reminders)
        return await _changed(uow, marked, marked, marked)


async def coach_move(
    uow: BookingUnitOfWork,
    coach_id: int,
    booking_id: int,
    starts_at: datetime,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> CoachChange[SessionBooking] | CoachSession:
    """The coach moves a 1:1 session of theirs (see `reschedule`); already at that
    time or no longer active (a second press): nothing changes, the session as it is."""
    async with uow:
        found = await session_in(uow, coach_id, booking_id)
        was = found.entry.booking
        if was.starts_at == starts_at or not was.is_active:
            return found
        access = ByCoach(coach_id, was.sold_package_id)
        moved = await reschedule(uow, access, booking_id, starts_at, now, reminders)
        return await _changed(uow, moved, was, moved)


async def _changed(
    uow: BookingUnitOfWork, done: T, was: SessionBooking, booking: SessionBooking
) -> CoachChange[T]:
    """Reads the session after the change and its client, then commits it all."""
    session = await session_in(uow, booking.coach_id, booking.id or 0)
    parties = await parties_of(uow, booking, booking.coach_id)
    await uow.commit()
    return CoachChange(done, was, session, parties.other)
