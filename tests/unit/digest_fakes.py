"""In-memory coach digests and a recording sender, for unit tests of the digest sweep."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import TracebackType
from typing import Self

from domain.reminders.digest import BookedSession, Digest, DigestCoach, DigestRun, ExpiringFacts
from domain.reminders.engine import Delivery, DeliveryStatus
from tests.unit.fakes import FakeUsers


class FakeCoachDigests:
    def __init__(self) -> None:
        self.coaches: dict[int, str] = {}
        self.rows: dict[tuple[int, date], DigestRun] = {}
        self.packages: list[ExpiringFacts] = []
        self.booked: list[BookedSession] = []

    async def coaches_after(self, after_id: int, limit: int) -> list[DigestCoach]:
        ids = sorted(i for i in self.coaches if i > after_id)[:limit]
        return [DigestCoach(i, self.coaches[i]) for i in ids]

    async def opened(self, coach_ids: list[int], days: list[date]) -> set[tuple[int, date]]:
        return {k for k in self.rows if k[0] in coach_ids and k[1] in days}

    async def open(self, days: list[tuple[int, date]], now: datetime) -> int:
        new = [key for key in days if key not in self.rows]
        for coach_id, day in new:
            self.rows[(coach_id, day)] = DigestRun(coach_id, day, now)
        return len(new)

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[DigestRun]:
        due = [r for r in self.rows.values() if r.outcome is None and r.next_attempt_at <= now]
        claimed = sorted(due, key=lambda r: (r.next_attempt_at, r.coach_id))[:limit]
        for run in claimed:
            self.rows[(run.coach_id, run.day)] = replace(run, next_attempt_at=lease_until)
        return claimed

    async def save(self, run: DigestRun) -> None:
        self.rows[(run.coach_id, run.day)] = run

    async def zones(self, coach_ids: list[int]) -> dict[int, str]:
        return {i: self.coaches[i] for i in coach_ids if i in self.coaches}

    async def expiring(
        self, coach_ids: list[int], after: datetime, until: datetime
    ) -> list[ExpiringFacts]:
        return [p for p in self.packages if p.coach_id in coach_ids]

    async def sessions(
        self, coach_ids: list[int], start: datetime, end: datetime
    ) -> list[BookedSession]:
        return [s for s in self.booked if s.coach_id in coach_ids and start <= s.starts_at < end]


class FakeDigestUow:
    """Every block is its own transaction; the digest storage is shared like a database."""

    def __init__(self, digests: FakeCoachDigests, users: FakeUsers | None = None) -> None:
        self.digests = digests
        self.users = users or FakeUsers()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        return None


@dataclass
class RecordingSender:
    """Answers each digest with the next scripted status (DELIVERED when the script ends)."""

    script: list[Delivery] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    readied: int = 0

    async def ready(self, count: int) -> None:
        self.readied += count

    async def deliver(self, digest: Digest) -> Delivery:
        self.digests.append(digest)
        return self.script.pop(0) if self.script else Delivery(DeliveryStatus.DELIVERED)
