"""A coach's availability: settings row, working-hour rows and days-off rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.availability import (
    Availability,
    BookingSettings,
    CancelPolicy,
    DaysOff,
    TimeRange,
)
from persistence.models import AbsenceRow, CoachAvailabilityRow, DaysOffRow, WorkingHoursRow
from persistence.upsert import insert_or_ignore

_MINUTE = timedelta(minutes=1)


class SqlAvailabilities:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, coach_id: int) -> Availability:
        row = await self._session.get(CoachAvailabilityRow, coach_id)
        hours = await self._session.scalars(
            select(WorkingHoursRow)
            .where(WorkingHoursRow.coach_id == coach_id)
            .order_by(WorkingHoursRow.weekday, WorkingHoursRow.start_minute)
        )
        weekly: dict[int, list[TimeRange]] = defaultdict(list)
        for item in hours:
            weekly[item.weekday].append(TimeRange(item.start_minute, item.end_minute))
        days_off = await self._session.scalars(
            select(DaysOffRow)
            .where(DaysOffRow.coach_id == coach_id)
            .order_by(DaysOffRow.first_day, DaysOffRow.last_day)
        )
        return Availability(
            coach_id=coach_id,
            weekly={day: tuple(ranges) for day, ranges in weekly.items()},
            days_off=tuple(DaysOff(d.first_day, d.last_day) for d in days_off),
            settings=_settings(row) if row else BookingSettings(),
        )

    async def save(self, availability: Availability) -> None:
        """Replace the coach's settings, hours and days off with these."""
        coach_id = availability.coach_id
        row = await self._session.get(CoachAvailabilityRow, coach_id)
        if row is None:
            row = CoachAvailabilityRow(coach_id=coach_id)
            self._session.add(row)
        _write_settings(row, availability.settings)
        await self._session.execute(
            delete(WorkingHoursRow).where(WorkingHoursRow.coach_id == coach_id)
        )
        await self._session.execute(delete(DaysOffRow).where(DaysOffRow.coach_id == coach_id))
        self._session.add_all(
            WorkingHoursRow(coach_id=coach_id, weekday=day, start_minute=r.start, end_minute=r.end)
            for day, ranges in availability.weekly.items()
            for r in ranges
        )
        self._session.add_all(
            DaysOffRow(coach_id=coach_id, first_day=d.first, last_day=d.last)
            for d in availability.days_off
        )
        await self._session.flush()

    async def add_absence(
        self, coach_id: int, first: date, last: date, now: datetime, extended: int
    ) -> bool:
        stmt = insert_or_ignore(self._session, AbsenceRow).values(
            coach_id=coach_id, first_day=first, last_day=last, declared_at=now, extended=extended
        )
        return await self._session.scalar(stmt.returning(AbsenceRow.id)) is not None


def _settings(row: CoachAvailabilityRow) -> BookingSettings:
    return BookingSettings(
        notice=row.notice_minutes * _MINUTE,
        horizon_days=row.horizon_days,
        buffer_minutes=row.buffer_minutes,
        step_minutes=row.step_minutes,
        cancel_window=row.cancel_window_minutes * _MINUTE,
        cancel_policy=CancelPolicy(row.cancel_policy),
    )


def _write_settings(row: CoachAvailabilityRow, settings: BookingSettings) -> None:
    row.notice_minutes = settings.notice // _MINUTE
    row.horizon_days = settings.horizon_days
    row.buffer_minutes = settings.buffer_minutes
    row.step_minutes = settings.step_minutes
    row.cancel_window_minutes = settings.cancel_window // _MINUTE
    row.cancel_policy = settings.cancel_policy.value
