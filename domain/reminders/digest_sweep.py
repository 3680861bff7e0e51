"""Coach digests as a kind of bulk delivery: open the day's digest of every coach whose hour
has come, then send each once per coach and local day, built from the facts at send time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Unpack

from domain.reminders.digest import (
    BookedSession,
    Digest,
    DigestCoach,
    DigestRun,
    ExpiringFacts,
    build_digest,
    due_day,
    local_day,
    still_due,
)
from domain.reminders.digest_ports import DigestUnitOfWork
from domain.reminders.engine import (
    Claims,
    Kind,
    Notifier,
    Options,
    Sweep,
    deliver_due,
)
from domain.selling.rules import EXPIRING_WITHIN


async def send_coach_digests(
    uow_factory: Callable[[], DigestUnitOfWork],
    notifier: Notifier[Digest],
    clock: Callable[[], datetime],
    *,
    hour: int,
    batch_size: int = 50,
    coach_batch: int = 500,
    **options: Unpack[Options],
) -> Counter[str]:
    """Each coach gets the day's digest once, from `hour` on in their zone; returns counts per
    outcome ("opened": digests that came due in this sweep).

    A digest is opened by inserting its (coach, day) row, which the database keeps unique, so
    restarts and concurrent sweepers open it once; then the rows are sent as any bulk
    delivery (see domain/reminders/engine.py), each built from the facts at send time.
    """
    opened = await open_due_digests(uow_factory, clock(), hour, coach_batch)
    report = await deliver_due(Sweep(DIGESTS, uow_factory, notifier, clock, batch_size, **options))
    report["opened"] = opened
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


def _claims(uow: DigestUnitOfWork) -> Claims[DigestRun]:
    return uow.digests


async def digests(
    uow: DigestUnitOfWork, runs: list[DigestRun], now: datetime
) -> list[Digest | None]:
    """Each claimed digest from fresh facts, or None when its day is over or it says nothing."""
    ids = sorted({r.coach_id for r in runs})
    zones = await uow.digests.zones(ids)
    days = [local_day(r.day, zones.get(r.coach_id, "UTC")) for r in runs]
    start, end = min(s for s, _ in days), max(e for _, e in days)
    packages = await uow.digests.expiring(ids, now, now + EXPIRING_WITHIN)
    sessions = await uow.digests.sessions(ids, start, end)
    languages = await uow.users.languages(ids)
    found = [_digest(run, zones.get(run.coach_id, "UTC"), now, packages, sessions) for run in runs]
    return [
        None if d is None else replace(d, language=languages.get(d.coach_id, d.language))
        for d in found
    ]


def _digest(
    run: DigestRun,
    zone: str,
    now: datetime,
    packages: list[ExpiringFacts],
    sessions: list[BookedSession],
) -> Digest | None:
    digest = build_digest(DigestCoach(run.coach_id, zone), run.day, now, packages, sessions)
    return digest if still_due(run, zone, now) and not digest.empty else None


DIGESTS: Kind[DigestUnitOfWork, DigestRun, Digest] = Kind(_claims, digests)
