"""Deciding what a due reminder becomes: a notice to send, or skipped; and after sending."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from domain.reminders.model import Outcome, Reminder, ReminderKind
from domain.reminders.planning import ACTIVE, PackageFacts


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
class Notice:
    """What the person is told; texts are rendered outside the domain."""

    kind: ReminderKind
    chat_id: int
    title: str
    event_at: datetime
    zone: str
    sessions_left: int | None = None
    to_coach: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Network errors are retried with doubling delays; after `max_attempts`, failed."""

    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=30)

    def delay(self, attempts: int) -> timedelta:
        return self.backoff * (1 << max(attempts - 1, 0))


def still_meaningful(reminder: Reminder, facts: PackageFacts | None, now: datetime) -> bool:
    """The catch-up rule plus a fresh look at the package: is this reminder still true?"""
    plan = reminder.plan
    if now >= plan.stale_at:
        return False
    if plan.kind is ReminderKind.SESSION:
        return True
    if facts is None or facts.expires_at != plan.event_at:
        return False
    if plan.kind is ReminderKind.EXPIRY:
        return facts.remindable
    return facts.status == ACTIVE and facts.sessions_left > 0 and now >= plan.event_at


def notice_for(reminder: Reminder, facts: PackageFacts | None, zones: dict[int, str]) -> Notice:
    """The notice in the viewer's zone: their own if set, else the coach's, else UTC."""
    plan = reminder.plan
    left = facts.sessions_left if facts is not None else None
    coach_id = facts.coach_id if facts is not None else None
    zone = zones.get(plan.recipient_id) or zones.get(coach_id or plan.recipient_id) or "UTC"
    return Notice(
        kind=plan.kind,
        chat_id=plan.recipient_id,
        title=plan.title,
        event_at=plan.event_at,
        zone=zone,
        sessions_left=None if plan.kind is ReminderKind.SESSION else left,
        to_coach=coach_id == plan.recipient_id,
    )


def after_delivery(
    reminder: Reminder, delivery: Delivery, now: datetime, policy: RetryPolicy
) -> Reminder:
    """Where the reminder stands after one attempt."""
    if delivery.status is DeliveryStatus.DELIVERED:
        return reminder.settled(Outcome.SENT, now)
    if delivery.status is DeliveryStatus.BLOCKED:
        return reminder.settled(Outcome.UNDELIVERABLE, now, delivery.error)
    if delivery.status is DeliveryStatus.RATE_LIMITED:
        return _later(reminder, now + delivery.retry_after, reminder.attempts, delivery.error)
    attempts = reminder.attempts + 1
    if attempts >= policy.max_attempts:
        failed = reminder.settled(Outcome.FAILED, now, delivery.error)
        return _later(failed, now, attempts, delivery.error)
    return _later(reminder, now + policy.delay(attempts), attempts, delivery.error)


def _later(reminder: Reminder, at: datetime, attempts: int, error: str) -> Reminder:
    return replace(reminder, next_attempt_at=at, attempts=attempts, last_error=error[:500])
