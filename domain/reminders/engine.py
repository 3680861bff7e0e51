"""One bulk-delivery engine; reminders and coach digests are two kinds of it.

A sweep claims due rows with a lease (their next attempt moves `lease` ahead and the claim
commits at once, so each row is sent by one sweeper and nothing is held while Telegram
answers or the rate limit paces), waits for its share of the send rate, reads the facts
fresh and builds each message from them (or skips a row no longer meaningful), sends, and
settles or retries each row in one short transaction. A kind says only what differs: which
rows (`claims`) and what each becomes (`build`).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, Protocol, TypedDict, TypeVar

from domain.reminders.model import A, Attempted, Outcome, settle
from domain.transaction import Transaction

# Far longer than one batch takes to send: a claim is only taken over after a crash.
LEASE = timedelta(minutes=10)


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    BLOCKED = "blocked"  # the person blocked the bot (or the chat is gone)
    RATE_LIMITED = "rate_limited"  # Telegram said: retry after a delay
    ERROR = "error"  # network error or timeout


@dataclass(frozen=True)
class Delivery:
    status: DeliveryStatus
    retry_after: timedelta = timedelta(0)
    error: str = ""


@dataclass(frozen=True)
class RetryPolicy:
    """Network errors are retried with doubling delays; after `max_attempts`, failed."""

    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=30)

    def delay(self, attempts: int) -> timedelta:
        return self.backoff * (1 << max(attempts - 1, 0))


I = TypeVar("I", bound=Attempted)  # noqa: E741 - a claimed row: a reminder, a digest
M = TypeVar("M")  # the message a row becomes
M_contra = TypeVar("M_contra", contravariant=True)
U = TypeVar("U", bound=Transaction)


class Claims(Protocol[I]):
    """The store of one kind's rows: claim the due ones, settle or retry each."""

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[I]:
        """Unsent rows whose next attempt is due, oldest first. Their next attempt moves to
        `lease_until` (committed with the unit of work), so no other sweeper takes them before
        then; they are returned as they were."""
        ...

    async def save(self, item: I) -> None:
        """Store where a claimed row's delivery stands."""
        ...


class Notifier(Protocol[M_contra]):
    async def ready(self, count: int) -> None:
        """Wait until `count` more messages may go out (the sweep's share of the send rate)."""
        ...

    async def deliver(self, message: M_contra) -> Delivery:
        """Send one message to its person and say how it went (never raises for Telegram)."""
        ...


@dataclass(frozen=True)
class Kind(Generic[U, I, M]):
    """What one kind of bulk message does its own way: which rows it claims, and the message
    each becomes from facts read in `uow` at `now` (None: no longer meaningful, skipped)."""

    claims: Callable[[U], Claims[I]]
    build: Callable[[U, list[I], datetime], Awaitable[list[M | None]]]


@dataclass(frozen=True)
class Sweep(Generic[U, I, M]):
    """How one sweep runs. The clock is read per batch: a long sweep spans real time."""

    kind: Kind[U, I, M]
    uow_factory: Callable[[], U]
    notifier: Notifier[M]
    clock: Callable[[], datetime]
    batch_size: int
    lease: timedelta = LEASE
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    keep_going: Callable[[], bool] = lambda: True


class Options(TypedDict, total=False):
    """What a caller may change of a sweep beyond its kind, store, notifier and clock."""

    lease: timedelta
    policy: RetryPolicy
    keep_going: Callable[[], bool]  # False once the bot shuts down: the sweep stops


async def deliver_due(sweep: Sweep[U, I, M]) -> Counter[str]:
    """Every due row is sent once (or skipped, or retried later); counts per outcome."""
    report: Counter[str] = Counter()
    while sweep.keep_going():
        if not await _one_batch(sweep, report):
            break
    return report


async def _one_batch(sweep: Sweep[U, I, M], report: Counter[str]) -> bool:
    """Claim, send and settle one batch; whether another batch may follow."""
    now = sweep.clock()
    async with sweep.uow_factory() as uow:
        items = await sweep.kind.claims(uow).claim_due(now, sweep.batch_size, now + sweep.lease)
        await uow.commit()
    if not items:
        return False
    await sweep.notifier.ready(len(items))
    if not sweep.keep_going():  # shutting down: handed back as they were, not left until
        await _save(sweep, items)  # the lease ends
        return False
    settled, slow_down = await _send(sweep, items)
    await _save(sweep, settled)
    report.update(item.outcome or "retrying" for item in settled)
    return not slow_down and len(items) == sweep.batch_size


async def _send(sweep: Sweep[U, I, M], items: list[I]) -> tuple[list[I], bool]:
    """Build each message from the facts as they are now (after the wait), send them all at
    once (the notifier paces them); where each item stands after, and whether Telegram asked
    to slow down."""
    async with sweep.uow_factory() as uow:
        now = sweep.clock()
        messages = await sweep.kind.build(uow, items, now)
    built = list(zip(items, messages, strict=True))
    settled = [settle(item, Outcome.SKIPPED, now) for item, m in built if m is None]
    sending = [(item, m) for item, m in built if m is not None]
    deliveries = await asyncio.gather(*(sweep.notifier.deliver(m) for _, m in sending))
    now = sweep.clock()
    for (item, _), delivery in zip(sending, deliveries, strict=True):
        settled.append(after_delivery(item, delivery, now, sweep.policy))
    return settled, any(d.status is DeliveryStatus.RATE_LIMITED for d in deliveries)


async def _save(sweep: Sweep[U, I, M], items: list[I]) -> None:
    async with sweep.uow_factory() as uow:
        claims = sweep.kind.claims(uow)
        for item in items:
            await claims.save(item)
        await uow.commit()


def after_delivery(item: A, delivery: Delivery, now: datetime, policy: RetryPolicy) -> A:
    """Where a row stands after one attempt: 403 undeliverable for good, 429 retried after
    Telegram's delay, network errors retried with backoff and `failed` (the error kept)
    after the policy's last attempt."""
    if delivery.status is DeliveryStatus.DELIVERED:
        return settle(item, Outcome.SENT, now)
    if delivery.status is DeliveryStatus.BLOCKED:
        return settle(item, Outcome.UNDELIVERABLE, now, delivery.error)
    if delivery.status is DeliveryStatus.RATE_LIMITED:
        return _later(item, now + delivery.retry_after, item.attempts, delivery.error)
    attempts = item.attempts + 1
    if attempts >= policy.max_attempts:
        failed = settle(item, Outcome.FAILED, now, delivery.error)
        return _later(failed, now, attempts, delivery.error)
    return _later(item, now + policy.delay(attempts), attempts, delivery.error)


def _later(item: A, at: datetime, attempts: int, error: str) -> A:
    return replace(item, next_attempt_at=at, attempts=attempts, last_error=error[:500])
