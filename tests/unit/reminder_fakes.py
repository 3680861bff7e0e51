"""In-memory reminder storage and a recording notifier, for unit tests of the use cases."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from domain.reminders.delivery import Notice, SessionNow
from domain.reminders.engine import Delivery, DeliveryStatus
from domain.reminders.model import PlannedReminder, Reminder
from domain.reminders.planning import PackageFacts, SessionFacts
from tests.unit.fakes import FakeUnitOfWork


class FakeReminders:
    def __init__(self) -> None:
        self.rows: dict[int, Reminder] = {}
        self.packages: dict[int, PackageFacts] = {}
        self.sessions: dict[int, SessionFacts] = {}
        self.people_zones: dict[int, str] = {}
        self.sessions: dict[int, SessionNow] = {}
        self.offsets: dict[str, tuple[timedelta, ...]] = {}
        self._ids = itertools.count(1)

    async def for_packages(self, sold_package_ids: list[int]) -> list[Reminder]:
        return [
            r
            for r in self.rows.values()
            if r.plan.sold_package_id in sold_package_ids and r.plan.session_id is None
        ]

    async def packages_expiring_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[int]:
        ids = [
            i
            for i, f in sorted(self.packages.items())
            if i > after_id and f.expires_at is not None and f.expires_at > moment
        ]
        return ids[:limit]

    async def for_sessions(self, session_ids: list[int]) -> list[Reminder]:
        return [r for r in self.rows.values() if r.plan.session_id in session_ids]

    async def sessions_starting_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[SessionFacts]:
        ids = sorted(i for i, s in self.sessions.items() if i > after_id)
        upcoming = [self.sessions[i] for i in ids]
        return [s for s in upcoming if s.active and s.starts_at > moment][:limit]

    async def add(self, plans: list[PlannedReminder]) -> None:
        keys = {r.key for r in self.rows.values()}
        for plan in plans:
            if plan.key not in keys:
                reminder_id = next(self._ids)
                self.rows[reminder_id] = Reminder(reminder_id, plan, plan.due_at)

    async def delete_pending(self, ids: list[int]) -> None:
        for reminder_id in ids:
            if self.rows[reminder_id].pending:
                del self.rows[reminder_id]

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[Reminder]:
        due = [r for r in self.rows.values() if r.pending and r.next_attempt_at <= now]
        claimed = sorted(due, key=lambda r: (r.next_attempt_at, r.id))[:limit]
        for reminder in claimed:
            self.rows[reminder.id] = replace(reminder, next_attempt_at=lease_until)
        return claimed

    async def save(self, reminder: Reminder) -> None:
        self.rows[reminder.id] = reminder

    async def planned_offsets(self, kind: str) -> tuple[timedelta, ...] | None:
        return self.offsets.get(kind)

    async def remember_offsets(self, kind: str, offsets: tuple[timedelta, ...]) -> None:
        self.offsets[kind] = offsets

    async def package_facts(self, sold_package_ids: list[int]) -> dict[int, PackageFacts]:
        return {i: self.packages[i] for i in sold_package_ids if i in self.packages}

    async def zones(self, user_ids: list[int]) -> dict[int, str]:
        return {i: self.people_zones[i] for i in user_ids if i in self.people_zones}

    async def sessions_now(self, session_ids: list[int]) -> dict[int, SessionNow]:
        return {i: self.sessions[i] for i in session_ids if i in self.sessions}

    def pending(self) -> list[Reminder]:
        return sorted((r for r in self.rows.values() if r.pending), key=lambda r: r.plan.due_at)

    def use_up(self, sold_package_id: int) -> None:
        self.packages[sold_package_id] = replace(self.packages[sold_package_id], sessions_left=0)


class FakeReminderUow(FakeUnitOfWork):
    """The shared fake unit of work, with the reminder storage taking part in rollbacks."""

    def __init__(self, reminders: FakeReminders) -> None:
        super().__init__()
        self.reminders = reminders


@dataclass
class RecordingNotifier:
    """Answers each delivery with the next scripted status (DELIVERED when the script ends)."""

    script: list[Delivery] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    readied: int = 0

    async def ready(self, count: int) -> None:
        self.readied += count

    async def deliver(self, notice: Notice) -> Delivery:
        self.notices.append(notice)
        return self.script.pop(0) if self.script else Delivery(DeliveryStatus.DELIVERED)
