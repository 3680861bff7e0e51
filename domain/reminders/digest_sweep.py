"""The coach digest sweep: open the day's digest of every coach whose hour has come, then
claim, build from fresh facts, send and record each, once per coach and local day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.reminders.delivery import DeliveryStatus, RetryPolicy, after_delivery
from domain.reminders.digest import (
    BookedSession,
    DigestCoach,
    DigestRun,
    ExpiringFacts,
    build_digest,
    due_day,
    local_day,
    still_due,
)
from domain.reminders.digest_ports import DigestNotifier, DigestUnitOfWork
from domain.reminders.model import Outcome, settle
from domain.selling.rules import EXPIRING_WITHIN


@dataclass
class DigestSweep:
    """How one sweep runs (see `send_coach_digests`)."""

    uow_factory: Callable[[], DigestUnitOfWork]
    notifier: DigestNotifier
    clock: Callable[[], datetime]
    hour: int
    batch_size: int
    coach_batch: int
    policy: RetryPolicy
    keep_going: Callable[[], bool]
    lease: timedelta


@dataclass(frozen=True)
class Claimed:
    runs: list[DigestRun]
    zones: dict[int, str]
    packages: list[ExpiringFacts]
    sessions: list[BookedSession]


async def send_coach_digests(
    uow_factory: Callable[[], DigestUnitOfWork],
    notifier: DigestNotifier,
    clock: Callable[[], datetime],
    *,
    hour: int,
    batch_size: int = 50,
    coach_batch: int = 500,
    policy: RetryPolicy | None = None,
    keep_going: Callable[[], bool] = lambda: True,
    lease: timedelta = timedelta(minutes=10),
) -> Counter[str]:
    """Each coach gets the day's digest once, from `hour` on in their zone; returns counts per
    outcome ("opened": digests that came due in this sweep).

    A digest is opened by inserting its (coach, day) row, which the database keeps unique, so
    restarts and concurrent sweepers open it once. Sending claims due rows with a lease (the
    claim commits at once; nothing is held while Telegram answers or while the rate limit
    paces), so each row is sent by one sweeper; each outcome is saved in its own transaction.
    """
    sweep = DigestSweep(
        uow_factory,
        notifier,
        clock,
        hour,
        batch_size,
        coach_batch,
        policy or RetryPolicy(),
        keep_going,
        lease,
    )
    report: Counter[str] = Counter()
    report["opened"] = await open_due_digests(uow_factory, clock(), hour, coach_batch)
    while sweep.keep_going():
        if not await _one_batch(sweep, report):
            break
    return +report


async def open_due_digests(
    uow_factory: Callable[[], DigestUnitOfWork], now: datetime, hour: int, batch_size: int
) -> int:
    """Store the digest of today (in each coach's zone) for every coach whose hour has come
    and who has none yet; returns how many were opened. Coaches are read a batch at a time."""
    after, opened = 0, 0
    while True:
        async with uow_factory() as uow:
            coaches = await uow.digests.coaches_after(after, batch_size)
            due = [(c.coach_id, day) for c in coaches if (day := due_day(now, c.zone, hour))]
            if due:
                ids, days = [c for c, _ in due], sorted({d for _, d in due})
                stored = await uow.digests.opened(ids, days)
                missing = [pair for pair in due if pair not in stored]
                if missing:
                    opened += await uow.digests.open(missing, now)
                    await uow.commit()
        if len(coaches) < batch_size:
            return opened
        after = coaches[-1].coach_id


async def _one_batch(sweep: DigestSweep, report: Counter[str]) -> bool:
    """Claim, send and record one batch; whether another batch may follow."""
    async with sweep.uow_factory() as uow:
        claimed = await _claim(uow, sweep.clock(), sweep)
        await uow.commit()
    for index, run in enumerate(claimed.runs):
        if not sweep.keep_going():  # shutting down: the rest is handed back as it was,
            await _hand_back(sweep, claimed.runs[index:])  # not left until the lease ends
            return False
        if not await _send(sweep, claimed, run, report):
            await _hand_back(sweep, claimed.runs[index + 1 :])
            return False
    return len(claimed.runs) == sweep.batch_size


async def _claim(uow: DigestUnitOfWork, now: datetime, sweep: DigestSweep) -> Claimed:
    runs = await uow.digests.claim_due(now, sweep.batch_size, now + sweep.lease)
    if not runs:
        return Claimed([], {}, [], [])
    ids = sorted({r.coach_id for r in runs})
    zones = await uow.digests.zones(ids)
    days = [local_day(r.day, zones.get(r.coach_id, "UTC")) for r in runs]
    start, end = min(s for s, _ in days), max(e for _, e in days)
    packages = await uow.digests.expiring(ids, now, now + EXPIRING_WITHIN)
    return Claimed(runs, zones, packages, await uow.digests.sessions(ids, start, end))


async def _send(
    sweep: DigestSweep, claimed: Claimed, run: DigestRun, report: Counter[str]
) -> bool:
    """Send one claimed digest (or skip it); False when Telegram asked to slow down."""
    now = sweep.clock()
    zone = claimed.zones.get(run.coach_id, "UTC")
    coach = DigestCoach(run.coach_id, zone)
    digest = build_digest(coach, run.day, now, claimed.packages, claimed.sessions)
    if not still_due(run, zone, now) or digest.empty:
        await _save(sweep, settle(run, Outcome.SKIPPED, now))
        report[Outcome.SKIPPED] += 1
        return True
    await sweep.notifier.ready(1)
    delivery = await sweep.notifier.deliver_digest(digest)
    updated = after_delivery(run, delivery, sweep.clock(), sweep.policy)
    await _save(sweep, updated)
    report[updated.outcome or "retrying"] += 1
    return delivery.status is not DeliveryStatus.RATE_LIMITED


async def _hand_back(sweep: DigestSweep, runs: list[DigestRun]) -> None:
    for run in runs:
        await _save(sweep, run)


async def _save(sweep: DigestSweep, run: DigestRun) -> None:
    async with sweep.uow_factory() as uow:
        await uow.digests.save(run)
        await uow.commit()
