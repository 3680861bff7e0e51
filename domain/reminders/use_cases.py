"""Use cases the selling and booking code call after a change, inside their unit of work.

They do not commit: the caller's commit stores the change and its reminders together, so a
reminder never describes a state that was rolled back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.reminders.model import EXPIRED_NOTICE_WINDOW
from domain.reminders.planning import (
    Replan,
    SessionFacts,
    plan_package_reminders,
    plan_session_reminders,
    replan,
)
from domain.reminders.ports import ReminderUnitOfWork

EXPIRY_OFFSETS = "expiry"
SESSION_OFFSETS = "session"


@dataclass(frozen=True)
class ReminderOffsets:
    """EXPIRY_REMINDER_OFFSETS and SESSION_REMINDER_OFFSETS, handed by the bot to the selling
    and booking use cases (None there: the caller leaves reminders alone)."""

    expiry: tuple[timedelta, ...]
    session: tuple[timedelta, ...]


async def replan_package_reminders(
    uow: ReminderUnitOfWork,
    sold_package_id: int,
    now: datetime,
    offsets: Iterable[timedelta],
) -> Replan:
    """The client gets expiry reminders matching the package as it is now.

    Call after a sold package is created, its expiry moved or removed, it is revoked or a
    session is taken from it. Unsent reminders that no longer fit are deleted, sent ones are
    kept, and a reminder already stored (sent or not) is never added twice.
    """
    return await _replan_packages(uow, [sold_package_id], now, offsets)


async def replan_all_package_reminders(
    uow_factory: Callable[[], ReminderUnitOfWork],
    now: datetime,
    offsets: Iterable[timedelta],
    batch_size: int = 500,
) -> int:
    """After a restart with other EXPIRY_REMINDER_OFFSETS, every package's unsent reminders
    follow them (packages expired over a week ago are left alone); returns rows changed.

    Nothing is done when the offsets are the ones the reminders were last planned with.
    """

    async def one_batch(uow: ReminderUnitOfWork, after: int) -> tuple[list[int], Replan]:
        ids = await uow.reminders.packages_expiring_after(
            now - EXPIRED_NOTICE_WINDOW, after, batch_size
        )
        return ids, await _replan_packages(uow, ids, now, offsets)

    offsets = tuple(offsets)
    return await _replan_all(uow_factory, EXPIRY_OFFSETS, offsets, one_batch, batch_size)


async def replan_all_session_reminders(
    uow_factory: Callable[[], ReminderUnitOfWork],
    now: datetime,
    offsets: Iterable[timedelta],
    batch_size: int = 500,
) -> int:
    """After a restart with other SESSION_REMINDER_OFFSETS, the unsent reminders of every
    session still to come follow them; returns rows changed. Nothing is done when the
    offsets are the ones the reminders were last planned with."""

    async def one_batch(uow: ReminderUnitOfWork, after: int) -> tuple[list[int], Replan]:
        sessions = await uow.reminders.sessions_starting_after(now, after, batch_size)
        return [s.session_id for s in sessions], await replan_session_reminders(
            uow, sessions, now, offsets
        )

    offsets = tuple(offsets)
    return await _replan_all(uow_factory, SESSION_OFFSETS, offsets, one_batch, batch_size)


async def _replan_all(
    uow_factory: Callable[[], ReminderUnitOfWork],
    kind: str,
    offsets: tuple[timedelta, ...],
    one_batch: Callable[[ReminderUnitOfWork, int], Awaitable[tuple[list[int], Replan]]],
    batch_size: int,
) -> int:
    """Replans batch by batch (each its own transaction, ids ascending), then remembers the
    offsets; when they are the ones remembered, does nothing."""
    async with uow_factory() as uow:
        if await uow.reminders.planned_offsets(kind) == offsets:
            return 0
    after, changed = 0, 0
    while True:
        async with uow_factory() as uow:
            ids, change = await one_batch(uow, after)
            await uow.commit()
        changed += len(change.add) + len(change.drop)
        if len(ids) < batch_size:
            break
        after = ids[-1]
    async with uow_factory() as uow:
        await uow.reminders.remember_offsets(kind, offsets)
        await uow.commit()
    return changed


async def _replan_packages(
    uow: ReminderUnitOfWork, ids: list[int], now: datetime, offsets: Iterable[timedelta]
) -> Replan:
    facts = await uow.reminders.package_facts(ids)
    wanted = [plan for f in facts.values() for plan in plan_package_reminders(f, offsets, now)]
    change = replan(await uow.reminders.for_packages(ids), wanted)
    await uow.reminders.delete_pending(change.drop)
    await uow.reminders.add(change.add)
    return change


async def replan_session_reminders(
    uow: ReminderUnitOfWork,
    sessions: list[SessionFacts],
    now: datetime,
    offsets: Iterable[timedelta],
) -> Replan:
    """Client and coach get reminders before a booked session, following reschedules.

    Call after a session is booked, rescheduled (same id, new start) or cancelled
    (`active=False`: its unsent reminders are deleted) with that session and, for a seat of a
    group meeting, the meeting's other active seats (one of them reminds the coach).
    """
    offsets = tuple(offsets)
    wanted = [plan for s in sessions for plan in plan_session_reminders(s, offsets, now)]
    existing = await uow.reminders.for_sessions([s.session_id for s in sessions])
    change = replan(existing, wanted)
    await uow.reminders.delete_pending(change.drop)
    await uow.reminders.add(change.add)
    return change
