"""Reminder storage whose package facts are read from the other fakes of the same unit of
work, as the SQL repository reads them from the sold package and entitlement tables."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from domain.reminders.model import ReminderKind
from domain.reminders.planning import PackageFacts
from domain.reminders.use_cases import ReminderOffsets
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.reminder_fakes import FakeReminders

OFFSETS = ReminderOffsets((timedelta(days=7), timedelta(days=1)), (timedelta(hours=1),))


class LiveReminders(FakeReminders):
    """Package facts computed by `facts_of` from the other fakes at the time they are read."""

    def __init__(self, facts_of: Callable[[int], Awaitable[PackageFacts | None]]) -> None:
        super().__init__()
        self._facts_of = facts_of

    async def package_facts(self, sold_package_ids: list[int]) -> dict[int, PackageFacts]:
        found = {i: await self._facts_of(i) for i in sold_package_ids}
        return {i: facts for i, facts in found.items() if facts is not None}


def sold_facts(uow: FakeUnitOfWork) -> LiveReminders:
    """Facts of packages sold through the selling fakes (`uow.sold`)."""

    async def facts_of(sold_id: int) -> PackageFacts | None:
        sold = await uow.sold.get(sold_id)
        if sold is None:
            return None
        left = sum(item.left for item in sold.items if not item.removed)
        withdrawn = sold.refunded_at is not None or sold.paused_at is not None
        return PackageFacts(
            sold_id, sold.coach_id, sold.client_id, sold.title, sold.expires_at, left, withdrawn
        )

    return LiveReminders(facts_of)


def booked_facts(uow: BookingFakeUnitOfWork) -> LiveReminders:
    """Facts of packages held by the booking fakes (`uow.bookings`)."""

    async def facts_of(sold_id: int) -> PackageFacts | None:
        package = await uow.bookings.package(sold_id)
        if package is None:
            return None
        left = sum(e.left for e in package.items if not e.removed)
        withdrawn = package.refunded_at is not None or package.paused_at is not None
        return PackageFacts(
            sold_id,
            package.coach_id,
            package.client_id,
            package.title,
            package.expires_at,
            left,
            withdrawn,
        )

    return LiveReminders(facts_of)


def rows(reminders: FakeReminders) -> set[tuple[ReminderKind, int, int | None, datetime]]:
    """What is stored: (kind, recipient, session, due) of every reminder, sent or not."""
    return {
        (r.plan.kind, r.plan.recipient_id, r.plan.session_id, r.plan.due_at)
        for r in reminders.rows.values()
    }


def expiry_rows(
    client: int, expires_at: datetime
) -> set[tuple[ReminderKind, int, int | None, datetime]]:
    """The two expiry reminders (7 days, 1 day) and the expired notice of OFFSETS."""
    return {
        (ReminderKind.EXPIRY, client, None, expires_at - timedelta(days=7)),
        (ReminderKind.EXPIRY, client, None, expires_at - timedelta(days=1)),
        (ReminderKind.EXPIRED, client, None, expires_at),
    }
