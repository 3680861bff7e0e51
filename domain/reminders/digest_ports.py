"""What the coach digest needs from storage and from the messenger."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.ports import Transaction
from domain.reminders.delivery import Delivery
from domain.reminders.digest import BookedSession, Digest, DigestCoach, DigestRun, ExpiringFacts


class CoachDigests(Protocol):
    async def coaches_after(self, after_id: int, limit: int) -> list[DigestCoach]:
        """Coaches with their zone (UTC when unset), by id ascending above `after_id`."""
        ...

    async def opened(self, coach_ids: list[int], days: list[date]) -> set[tuple[int, date]]:
        """Which (coach, day) digests of these coaches and days exist already."""
        ...

    async def open(self, days: list[tuple[int, date]], now: datetime) -> int:
        """Store these (coach, day) digests as due now; one already stored is left as it is
        (so each coach gets one per day, whoever opens it); returns how many were new."""
        ...

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[DigestRun]:
        """Unsent digests whose next attempt is due, oldest first. Their next attempt moves to
        `lease_until` (committed with the unit of work), so no other sweeper takes them before
        then; they are returned as they were."""
        ...

    async def save(self, run: DigestRun) -> None:
        """Store where a claimed digest's delivery stands."""
        ...

    async def zones(self, coach_ids: list[int]) -> dict[int, str]:
        """Each coach's zone (UTC when unset)."""
        ...

    async def expiring(
        self, coach_ids: list[int], after: datetime, until: datetime
    ) -> list[ExpiringFacts]:
        """These coaches' sold packages expiring in (after, until] with sessions left."""
        ...

    async def sessions(
        self, coach_ids: list[int], start: datetime, end: datetime
    ) -> list[BookedSession]:
        """These coaches' booked (not cancelled) sessions starting in [start, end)."""
        ...


class DigestUnitOfWork(Transaction, Protocol):
    digests: CoachDigests


class DigestNotifier(Protocol):
    async def ready(self, count: int) -> None:
        """Wait until `count` more messages may go out (shared with the reminders' rate)."""
        ...

    async def deliver_digest(self, digest: Digest) -> Delivery:
        """Send the digest to its coach and say how it went (never raises for Telegram)."""
        ...
