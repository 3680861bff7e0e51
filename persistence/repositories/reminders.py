"""Reminder rows: planned by the domain, claimed and settled by the sweep."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.booking.model import BookingStatus
from domain.reminders.delivery import SessionNow
from domain.reminders.model import PlannedReminder, Reminder, ReminderKind
from domain.reminders.planning import PackageFacts, SessionFacts
from persistence.models import (
    CoachAvailabilityRow,
    EntitlementRow,
    ReminderOffsetsRow,
    ReminderRow,
    SessionBookingRow,
    SoldPackageRow,
    UserRow,
)
from persistence.repositories import leased
from persistence.repositories.rows import domain_of, values_of
from persistence.repositories.sold import expired, live_item, sessions_left
from persistence.upsert import insert_or_ignore

_CHUNK = 500


def _reminder(row: ReminderRow) -> Reminder:
    plan = domain_of(PlannedReminder, row, kind=ReminderKind(row.kind))
    return leased.delivered(Reminder, row, plan=plan)


# Columns named and typed alike on the row and the planned reminder.
_PLAN_SAME = (
    "key", "recipient_id", "sold_package_id", "session_id", "title", "event_at", "due_at",
    "stale_at",
)  # fmt: skip


def _values(plan: PlannedReminder) -> dict[str, Any]:
    return values_of(
        plan, _PLAN_SAME, kind=plan.kind.value, next_attempt_at=plan.due_at, attempts=0
    )


class SqlReminders:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _where(self, *conditions: Any) -> list[Reminder]:
        stmt = select(ReminderRow).where(*conditions).order_by(ReminderRow.due_at, ReminderRow.id)
        return [_reminder(row) for row in await self._session.scalars(stmt)]

    async def for_packages(self, sold_package_ids: list[int]) -> list[Reminder]:
        if not sold_package_ids:
            return []
        return await self._where(
            ReminderRow.sold_package_id.in_(sold_package_ids), ReminderRow.session_id.is_(None)
        )

    async def packages_expiring_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[int]:
        stmt = (
            select(SoldPackageRow.id)
            .where(
                SoldPackageRow.id > after_id,
                SoldPackageRow.expires_at.is_not(None),
                ~expired(moment),
            )
            .order_by(SoldPackageRow.id)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def for_sessions(self, session_ids: list[int]) -> list[Reminder]:
        if not session_ids:
            return []
        return await self._where(ReminderRow.session_id.in_(session_ids))

    async def sessions_starting_after(
        self, moment: datetime, after_id: int, limit: int
    ) -> list[SessionFacts]:
        # The coach is reminded of a group meeting through its active seat with the lowest id.
        seat = aliased(SessionBookingRow)
        earlier_seat = (
            select(seat.id)
            .where(
                seat.occurrence_id == SessionBookingRow.occurrence_id,
                seat.status == BookingStatus.BOOKED.value,
                seat.id < SessionBookingRow.id,
            )
            .exists()
        )
        stmt = (
            select(SessionBookingRow, SoldPackageRow.client_id, ~earlier_seat)
            .join(SoldPackageRow, SoldPackageRow.id == SessionBookingRow.sold_package_id)
            .where(
                SessionBookingRow.id > after_id,
                SessionBookingRow.status == BookingStatus.BOOKED.value,
                SessionBookingRow.starts_at > moment,
            )
            .order_by(SessionBookingRow.id)
            .limit(limit)
        )
        return [
            domain_of(
                SessionFacts,
                row,
                session_id=row.id,
                client_id=client_id,
                active=True,
                remind_coach=bool(remind_coach),
            )
            for row, client_id, remind_coach in await self._session.execute(stmt)
        ]

    async def add(self, plans: list[PlannedReminder]) -> None:
        # ON CONFLICT DO NOTHING on the unique key: a concurrent replan of the same thing
        # cannot store a reminder twice.
        for first in range(0, len(plans), _CHUNK):
            values = [_values(plan) for plan in plans[first : first + _CHUNK]]
            stmt = insert_or_ignore(self._session, ReminderRow, ["key"]).values(values)
            await self._session.execute(stmt)

    async def delete_pending(self, ids: list[int]) -> None:
        if ids:
            await self._session.execute(
                delete(ReminderRow).where(ReminderRow.id.in_(ids), ReminderRow.outcome.is_(None))
            )

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[Reminder]:
        keys = (ReminderRow.id,)
        return await leased.claim_due(self._session, keys, _reminder, now, limit, lease_until)

    async def save(self, reminder: Reminder) -> None:
        await leased.save(self._session, ReminderRow, ReminderRow.id == reminder.id, reminder)

    async def planned_offsets(self, kind: str) -> tuple[timedelta, ...] | None:
        row = await self._session.get(ReminderOffsetsRow, kind)
        if row is None:
            return None
        return tuple(timedelta(seconds=int(part)) for part in row.seconds.split(",") if part)

    async def remember_offsets(self, kind: str, offsets: tuple[timedelta, ...]) -> None:
        seconds = ",".join(str(int(offset.total_seconds())) for offset in offsets)
        await self._session.merge(ReminderOffsetsRow(kind=kind, seconds=seconds))

    async def package_facts(self, sold_package_ids: list[int]) -> dict[int, PackageFacts]:
        if not sold_package_ids:
            return {}
        stmt = (
            select(
                SoldPackageRow.id,
                SoldPackageRow.coach_id,
                SoldPackageRow.client_id,
                SoldPackageRow.title,
                SoldPackageRow.expires_at,
                sessions_left(),
                SoldPackageRow.refunded_at.is_not(None) | SoldPackageRow.paused_at.is_not(None),
            )
            .outerjoin(
                EntitlementRow,
                (EntitlementRow.sold_package_id == SoldPackageRow.id) & live_item(),
            )
            .where(SoldPackageRow.id.in_(sold_package_ids))
            .group_by(SoldPackageRow.id)
        )
        rows = await self._session.execute(stmt)
        return {
            row[0]: PackageFacts(row[0], row[1], row[2], row[3], row[4], int(row[5]), bool(row[6]))
            for row in rows
        }

    async def zones(self, user_ids: list[int]) -> dict[int, str]:
        stmt = select(UserRow.telegram_id, UserRow.timezone).where(
            UserRow.telegram_id.in_(user_ids), UserRow.timezone.is_not(None)
        )
        return {user_id: zone for user_id, zone in await self._session.execute(stmt) if zone}

    async def sessions_now(self, session_ids: list[int]) -> dict[int, SessionNow]:
        if not session_ids:
            return {}
        stmt = (
            select(
                SessionBookingRow.id,
                SessionBookingRow.starts_at,
                SessionBookingRow.status,
                CoachAvailabilityRow.cancel_window_minutes,
            )
            .outerjoin(
                CoachAvailabilityRow,
                CoachAvailabilityRow.coach_id == SessionBookingRow.coach_id,
            )
            .where(SessionBookingRow.id.in_(session_ids))
        )
        return {
            session_id: SessionNow(
                session_id,
                starts_at,
                status == BookingStatus.BOOKED.value,
                None if minutes is None else timedelta(minutes=minutes),
            )
            for session_id, starts_at, status, minutes in await self._session.execute(stmt)
        }
