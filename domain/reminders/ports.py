"""What the reminder use cases need from storage and from the messenger."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from domain.ports import Transaction
from domain.reminders.delivery import Delivery, Notice, SessionNow
from domain.reminders.model import PlannedReminder, Reminder
from domain.reminders.planning import PackageFacts, SessionFacts


class Reminders(Protocol):
    async def for_packages(self, sold_package_ids: list[int]) -> list[Reminder]:
        """These sold packages' own reminders (expiry and expired), sent or not."""
        ...

    async def packages_expiring_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[int]:
        """Ids (ascending, above `after_id`) of sold packages that expire after `moment`."""
        ...

    async def for_sessions(self, session_ids: list[int]) -> list[Reminder]:
        """These booked sessions' reminders, sent or not."""
        ...

    async def sessions_starting_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[SessionFacts]:
        """Active booked sessions (ids ascending, above `after_id`) starting after `moment`."""
        ...

    async def add(self, plans: list[PlannedReminder]) -> None:
        """Store new reminders; a key already stored is left as it is (never doubled)."""
        ...

    async def delete_pending(self, ids: list[int]) -> None:
        """Delete these reminders if they are still unsent."""
        ...

    async def claim_due(
        self, now: datetime, limit: int, lease_until: datetime | None = None
    ) -> list[Reminder]:
        """Unsent reminders whose next attempt is due, oldest first, locked until commit.

        With `lease_until` their next attempt moves there, so once committed no other sweeper
        takes them until then; the reminders are returned as they were before.
        """
        ...

    async def save(self, reminder: Reminder) -> None:
        """Store where a claimed reminder's delivery stands."""
        ...

    async def planned_offsets(self, kind: str) -> tuple[timedelta, ...] | None:
        """The offsets reminders of this kind were last planned with (None: never)."""
        ...

    async def remember_offsets(self, kind: str, offsets: tuple[timedelta, ...]) -> None: ...

    async def package_facts(self, sold_package_ids: list[int]) -> dict[int, PackageFacts]:
        """Fresh facts of these sold packages (missing ones are left out)."""
        ...

    async def zones(self, user_ids: list[int]) -> dict[int, str]:
        """The time zone each of these people chose (people without one are left out)."""
        ...

    async def sessions_now(self, session_ids: list[int]) -> dict[int, SessionNow]:
        """These booked sessions as they are now, with their coach's cancellation window
        (missing ones are left out)."""
        ...


class ReminderUnitOfWork(Transaction, Protocol):
    reminders: Reminders


class Notifier(Protocol):
    async def ready(self, count: int) -> None:
        """Wait until `count` more notices may go out (the sweep's share of the send rate).

        The sweep waits here before it opens a transaction, so pacing never holds a lock.
        """
        ...

    async def deliver(self, notice: Notice) -> Delivery:
        """Send one notice to its person and say how it went (never raises for Telegram)."""
        ...
