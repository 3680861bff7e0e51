"""What the reminder use cases need from storage and from the messenger."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from domain.languages import Languages
from domain.reminders.delivery import SessionNow
from domain.reminders.engine import Claims
from domain.reminders.model import PlannedReminder, Reminder
from domain.reminders.planning import PackageFacts, SessionFacts
from domain.transaction import Transaction


class Reminders(Claims[Reminder], Protocol):
    """Reminder rows: planned from sold packages and sessions, claimed and settled by the
    sweep."""

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

    @property
    def users(self) -> Languages:
        """The receivers' languages."""
        ...
