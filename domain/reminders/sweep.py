"""The sweep: claim due reminders, send what is still meaningful, record every outcome."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.reminders.delivery import (
    DeliveryStatus,
    RetryPolicy,
    SessionNow,
    after_delivery,
    notice_for,
    still_meaningful,
)
from domain.reminders.model import Outcome, Reminder
from domain.reminders.planning import PackageFacts
from domain.reminders.ports import Notifier, ReminderUnitOfWork

Save = Callable[[Reminder], Awaitable[None]]


@dataclass
class Sweep:
    """How one sweep runs; `lease` chooses how claims are held (see `sweep_due_reminders`)."""

    uow_factory: Callable[[], ReminderUnitOfWork]
    notifier: Notifier
    clock: Callable[[], datetime]
    batch_size: int
    policy: RetryPolicy
    keep_going: Callable[[], bool]
    lease: timedelta | None


@dataclass(frozen=True)
class Batch:
    reminders: list[Reminder]
    facts: dict[int, PackageFacts]
    zones: dict[int, str]
    sessions: dict[int, SessionNow]


async def sweep_due_reminders(
    uow_factory: Callable[[], ReminderUnitOfWork],
    notifier: Notifier,
    clock: Callable[[], datetime],
    *,
    batch_size: int = 10,
    policy: RetryPolicy | None = None,
    keep_going: Callable[[], bool] = lambda: True,
    lease: timedelta | None = None,
) -> Counter[str]:
    """People get the reminders that came due, each once; returns counts per outcome.

    Without a lease a batch is claimed (row locks), sent and marked in one transaction. With a
    lease the claim only moves the rows' next attempt `lease` ahead and commits, each outcome
    is saved in its own short transaction, and nothing is held while Telegram answers: on
    SQLite, whose one write lock every reply needs too, that keeps replies from waiting.
    Either way a reminder is sent by one sweeper only. The clock is read per batch: a long
    sweep spans real time.
    """
    sweep = Sweep(
        uow_factory, notifier, clock, batch_size, policy or RetryPolicy(), keep_going, lease
    )
    report: Counter[str] = Counter()
    while sweep.keep_going():
        await sweep.notifier.ready(sweep.batch_size)
        if not await _one_batch(sweep, report):
            break
    return report


async def _one_batch(sweep: Sweep, report: Counter[str]) -> bool:
    """Claim, send and record one batch; whether another batch may follow."""
    if sweep.lease is None:
        async with sweep.uow_factory() as uow:
            batch = await _claim(uow, sweep.clock(), sweep)
            done, _ = await _send(sweep, batch, uow.reminders.save, report)
            await uow.commit()
    else:
        async with sweep.uow_factory() as uow:
            batch = await _claim(uow, sweep.clock(), sweep)
            await uow.commit()
        done, unreached = await _send(sweep, batch, lambda r: _save_alone(sweep, r), report)
        for reminder in unreached:  # handed back as they were, not left until the lease ends
            await _save_alone(sweep, reminder)
    return done and len(batch.reminders) == sweep.batch_size


async def _claim(uow: ReminderUnitOfWork, now: datetime, sweep: Sweep) -> Batch:
    lease_until = None if sweep.lease is None else now + sweep.lease
    reminders = await uow.reminders.claim_due(now, sweep.batch_size, lease_until)
    facts = await uow.reminders.package_facts(sorted({r.plan.sold_package_id for r in reminders}))
    people = {r.plan.recipient_id for r in reminders} | {f.coach_id for f in facts.values()}
    session_ids = sorted({r.plan.session_id for r in reminders if r.plan.session_id is not None})
    sessions = await uow.reminders.sessions_now(session_ids)
    return Batch(reminders, facts, await uow.reminders.zones(sorted(people)), sessions)


async def _save_alone(sweep: Sweep, reminder: Reminder) -> None:
    async with sweep.uow_factory() as uow:
        await uow.reminders.save(reminder)
        await uow.commit()


async def _send(
    sweep: Sweep, batch: Batch, save: Save, report: Counter[str]
) -> tuple[bool, list[Reminder]]:
    """Sends the batch's reminders that are still meaningful all at once (the notifier paces
    them), then records every outcome in claim order. Returns whether to go on (not when
    Telegram asked to slow down, or on shutdown) and the claimed reminders not reached."""
    if not sweep.keep_going():
        return False, batch.reminders
    now = sweep.clock()
    sending: list[Reminder] = []
    notices = []
    for reminder in batch.reminders:
        sold = batch.facts.get(reminder.plan.sold_package_id)
        if still_meaningful(reminder, sold, now):
            sending.append(reminder)
            session = batch.sessions.get(reminder.plan.session_id or 0)
            notices.append(notice_for(reminder, sold, batch.zones, session, now))
        else:
            await save(reminder.settled(Outcome.SKIPPED, now))
            report[Outcome.SKIPPED] += 1
    deliveries = await asyncio.gather(*(sweep.notifier.deliver(n) for n in notices))
    now = sweep.clock()
    for reminder, delivery in zip(sending, deliveries, strict=True):
        updated = after_delivery(reminder, delivery, now, sweep.policy)
        await save(updated)
        report[updated.outcome or "retrying"] += 1
    slow_down = any(d.status is DeliveryStatus.RATE_LIMITED for d in deliveries)
    return not slow_down, []
