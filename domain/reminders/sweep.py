"""The sweep: claim due reminders, send what is still meaningful, record every outcome."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from domain.reminders.delivery import (
    DeliveryStatus,
    RetryPolicy,
    after_delivery,
    notice_for,
    still_meaningful,
)
from domain.reminders.model import Outcome, Reminder
from domain.reminders.ports import Notifier, ReminderUnitOfWork


async def sweep_due_reminders(
    uow_factory: Callable[[], ReminderUnitOfWork],
    notifier: Notifier,
    clock: Callable[[], datetime],
    *,
    batch_size: int = 10,
    policy: RetryPolicy | None = None,
    keep_going: Callable[[], bool] = lambda: True,
) -> Counter[str]:
    """People get the reminders that came due, each once; returns counts per outcome.

    A batch is claimed, sent and marked in one transaction, so a reminder is never sent by
    two sweepers; the clock is read per batch because a long sweep spans real time.
    """
    report: Counter[str] = Counter()
    while keep_going():
        await notifier.ready(batch_size)
        async with uow_factory() as uow:
            batch = await uow.reminders.claim_due(clock(), batch_size)
            done = await _send_batch(
                uow, batch, notifier, clock, policy or RetryPolicy(), keep_going, report
            )
            await uow.commit()
        if not done or len(batch) < batch_size:
            break
    return report


async def _send_batch(
    uow: ReminderUnitOfWork,
    batch: list[Reminder],
    notifier: Notifier,
    clock: Callable[[], datetime],
    policy: RetryPolicy,
    keep_going: Callable[[], bool],
    report: Counter[str],
) -> bool:
    """False when the sweep should stop now (Telegram asked to slow down, or shutting down)."""
    facts = await uow.reminders.package_facts(sorted({r.plan.sold_package_id for r in batch}))
    people = {r.plan.recipient_id for r in batch} | {f.coach_id for f in facts.values()}
    zones = await uow.reminders.zones(sorted(people))
    for reminder in batch:
        if not keep_going():
            return False
        now = clock()
        sold = facts.get(reminder.plan.sold_package_id)
        if not still_meaningful(reminder, sold, now):
            await uow.reminders.save(reminder.settled(Outcome.SKIPPED, now))
            report[Outcome.SKIPPED] += 1
            continue
        delivery = await notifier.deliver(notice_for(reminder, sold, zones))
        updated = after_delivery(reminder, delivery, clock(), policy)
        await uow.reminders.save(updated)
        report[updated.outcome or "retrying"] += 1
        if delivery.status is DeliveryStatus.RATE_LIMITED:
            return False
    return True
