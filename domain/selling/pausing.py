"""Pausing one sold package: its expiry clock stops until the coach resumes it, and
meanwhile nothing can be booked with it (sessions already booked stay). Resuming moves the
expiry by exactly the paused time. Its holders are told each time, expiry reminders follow
(none while paused), and the history records both."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from domain.booking.absence import resumed_expiry
from domain.catalog.access import require_coach
from domain.errors import DomainError
from domain.model import Coach
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.access import SoldView
from domain.selling.desk import Reader, own_sold, readers_of
from domain.selling.model import EventKind, SaleEvent, SoldPackage, SoldStatus
from domain.timezones import viewer_zone


class CannotPause(DomainError):
    """`code`: no_expiry (nothing to stop) or not_active (expired, used up, refunded)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class PauseChange:
    """The package as the coach now sees it; `changed` False when it already was so (a
    second press); whom to tell, each in their zone."""

    view: SoldView
    changed: bool
    readers: tuple[Reader, ...]


async def pause_package(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> PauseChange:
    """The coach pauses a time-limited active package: its clock stops now."""
    return await _change(uow, coach_id, sold_id, now, reminders, _pause)


async def resume_package(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> PauseChange:
    """The coach resumes a paused package: its expiry moves by the time it was paused."""
    return await _change(uow, coach_id, sold_id, now, reminders, _resume)


async def _pause(uow: UnitOfWork, sold: SoldPackage, now: datetime) -> bool:
    if sold.paused_at is not None:
        return False
    if sold.expires_at is None:
        raise CannotPause("no_expiry")
    if sold.status(now) is not SoldStatus.ACTIVE:
        raise CannotPause("not_active")
    if not await uow.sold.set_paused(sold.stored_id, None, now):
        return False
    await uow.sold.add_event(SaleEvent(sold.stored_id, EventKind.PAUSED, now))
    return True


async def _resume(uow: UnitOfWork, sold: SoldPackage, now: datetime) -> bool:
    paused, old = sold.paused_at, sold.expires_at
    if paused is None or not await uow.sold.set_paused(sold.stored_id, paused, None):
        return False
    new = None if old is None else resumed_expiry(old, paused, now)
    await uow.sold.set_expiry(sold.stored_id, old, new)
    await uow.sold.add_event(SaleEvent(sold.stored_id, EventKind.RESUMED, now, expires_at=new))
    return True


async def _change(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    now: datetime,
    reminders: ReminderOffsets | None,
    act: Callable[[UnitOfWork, SoldPackage, datetime], Awaitable[bool]],
) -> PauseChange:
    async with uow:
        coach = await require_coach(uow, coach_id)
        changed = await act(uow, await own_sold(uow, coach_id, sold_id), now)
        return await _done(uow, coach, sold_id, changed, now, reminders)


async def _done(
    uow: UnitOfWork,
    coach: Coach,
    sold_id: int,
    changed: bool,
    now: datetime,
    reminders: ReminderOffsets | None,
) -> PauseChange:
    if changed and reminders is not None:
        await replan_package_reminders(uow, sold_id, now, reminders.expiry)
    sold = await own_sold(uow, coach.user_id, sold_id)
    holders = tuple(await uow.sold.holder_list(sold_id))
    readers = await readers_of(uow, sold, coach) if changed else ()
    await uow.commit()
    zone = viewer_zone(None, coach.timezone, is_coach=True)
    view = SoldView(sold, sold.status(now), coach, zone, True, holders)
    return PauseChange(view, changed, readers)
