"""What the coach digest needs from storage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.languages import Languages
from domain.reminders.digest import BookedSession, DigestCoach, DigestRun, ExpiringFacts
from domain.reminders.engine import Claims
from domain.transaction import Transaction


class CoachDigests(Claims[DigestRun], Protocol):
    """One digest row per coach and local day, claimed and settled by the sweep; and the
    facts a digest is built from."""

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

    @property
    def users(self) -> Languages:
        """The coaches' languages."""
        ...
