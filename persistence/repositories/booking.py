"""Session bookings and the counters they consume, written so the database keeps the rules
under concurrency:

- a unit: `UPDATE entitlement SET used = used + 1 WHERE used < quantity ... RETURNING`;
- a seat: `UPDATE series_occurrence SET seats_taken = seats_taken + 1 WHERE seats_taken <
  (the series' capacity) RETURNING`;
- a coach's 1:1 start: a partial unique index on active (coach_id, starts_at), and a lock on
  the coach row so the overlap check and the insert happen as one step.
"""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, exists, select, text, update
from sqlalchemy.exc import IntegrityError

from domain.booking.model import BookingStatus, SessionBooking
from domain.booking.slots import Busy
from domain.selling.model import SoldPackage, SoldStatus
from persistence.models import (
    ACTIVE_ONE_TO_ONE,
    ACTIVE_SEAT,
    CoachRow,
    EntitlementRow,
    OccurrenceRow,
    SeriesRow,
    SessionBookingRow,
    SoldPackageRow,
)
from persistence.repositories.booking_rows import booking_of, row_values
from persistence.repositories.booking_schedule import SqlScheduleEntries
from persistence.repositories.calendars import calendar_busy, enqueue_write
from persistence.repositories.sold import is_, load_sold
from persistence.upsert import insert_or_ignore

_BOOKED = BookingStatus.BOOKED.value


class SqlBookings(SqlScheduleEntries):
    """Schedule reads (with package and client) are inherited from `SqlScheduleEntries`."""

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    async def package(self, sold_package_id: int, lock: bool = False) -> SoldPackage | None:
        return await self._package(SoldPackageRow.id == sold_package_id, lock)

    async def _package(self, where: ColumnElement[bool], lock: bool) -> SoldPackage | None:
        found = await load_sold(self._session, where, lock="share" if lock else None)
        return found[0] if found else None

    async def lock_coach(self, coach_id: int) -> None:
        if self._dialect == "postgresql":
            stmt = select(CoachRow.user_id).where(CoachRow.user_id == coach_id).with_for_update()
            await self._session.execute(stmt)
        else:  # SQLite locks the whole database on the first write: make one
            await self._session.execute(
                update(CoachRow).where(CoachRow.user_id == coach_id).values(user_id=coach_id)
            )

    async def take_unit(self, entitlement_id: int, starts_at: datetime) -> bool:
        live_package = exists().where(
            SoldPackageRow.id == EntitlementRow.sold_package_id, is_(SoldStatus.ACTIVE, starts_at)
        )
        stmt = (
            update(EntitlementRow)
            .where(
                EntitlementRow.id == entitlement_id,
                EntitlementRow.used < EntitlementRow.quantity,
                EntitlementRow.removed_at.is_(None),
                live_package,
            )
            .values(used=EntitlementRow.used + 1)
            .returning(EntitlementRow.id)
        )
        return (await self._session.execute(stmt)).first() is not None

    async def return_unit(self, entitlement_id: int) -> None:
        await self._session.execute(
            update(EntitlementRow)
            .where(EntitlementRow.id == entitlement_id, EntitlementRow.used > 0)
            .values(used=EntitlementRow.used - 1)
        )

    async def take_seat(self, occurrence_id: int) -> bool:
        capacity = (
            select(SeriesRow.capacity)
            .where(SeriesRow.id == OccurrenceRow.series_id)
            .scalar_subquery()
        )
        stmt = (
            update(OccurrenceRow)
            .where(OccurrenceRow.id == occurrence_id, OccurrenceRow.seats_taken < capacity)
            .values(seats_taken=OccurrenceRow.seats_taken + 1)
            .returning(OccurrenceRow.id)
        )
        return (await self._session.execute(stmt)).first() is not None

    async def release_seat(self, occurrence_id: int) -> None:
        await self._session.execute(
            update(OccurrenceRow)
            .where(OccurrenceRow.id == occurrence_id, OccurrenceRow.seats_taken > 0)
            .values(seats_taken=OccurrenceRow.seats_taken - 1)
        )

    async def busy(
        self, coach_id: int, start: datetime, end: datetime, excluding: int | None = None
    ) -> builtins.list[Busy]:
        sessions = await self._session.execute(
            select(SessionBookingRow.starts_at, SessionBookingRow.ends_at).where(
                SessionBookingRow.coach_id == coach_id,
                SessionBookingRow.status == _BOOKED,
                SessionBookingRow.kind == "service",
                SessionBookingRow.id != (excluding or 0),
                SessionBookingRow.starts_at < end,
                SessionBookingRow.ends_at > start,
            )
        )
        classes = await self._session.execute(
            select(OccurrenceRow.starts_at, SeriesRow.duration_minutes)
            .join(SeriesRow, SeriesRow.id == OccurrenceRow.series_id)
            .where(
                SeriesRow.coach_id == coach_id,
                SeriesRow.deleted_at.is_(None),
                OccurrenceRow.starts_at < end,
                OccurrenceRow.starts_at > start - timedelta(days=1),
            )
        )
        found = [Busy(s, e) for s, e in sessions]
        found += [Busy(s, s + timedelta(minutes=m)) for s, m in classes]
        found += await calendar_busy(self._session, coach_id, start, end)
        return sorted(b for b in found if b.end > start)

    async def add(self, booking: SessionBooking) -> SessionBooking | None:
        """INSERT … ON CONFLICT DO NOTHING on the partial unique index that applies."""
        one_to_one = booking.occurrence_id is None
        key = ["coach_id", "starts_at"] if one_to_one else ["occurrence_id", "sold_package_id"]
        where = text(ACTIVE_ONE_TO_ONE if one_to_one else ACTIVE_SEAT)
        stmt = (
            insert_or_ignore(self._session, SessionBookingRow, key, where)
            .values(**row_values(booking))
            .returning(SessionBookingRow.id)
        )
        new_id = (await self._session.execute(stmt)).scalar()
        if new_id is None:
            return None
        booking.id = new_id
        await enqueue_write(self._session, new_id)
        return booking

    async def get(self, booking_id: int) -> SessionBooking | None:
        row = await self._session.get(SessionBookingRow, booking_id)
        return booking_of(row) if row else None

    async def close(self, booking: SessionBooking) -> bool:
        stmt = (
            update(SessionBookingRow)
            .where(SessionBookingRow.id == booking.id, SessionBookingRow.status == _BOOKED)
            .values(
                status=booking.status.value,
                cancelled_at=booking.cancelled_at,
                revision=SessionBookingRow.revision + 1,
            )
            .returning(SessionBookingRow.id)
        )
        closed = (await self._session.execute(stmt)).first() is not None
        if closed and booking.id is not None:
            await enqueue_write(self._session, booking.id)
        return closed

    async def move(self, booking_id: int, starts_at: datetime, ends_at: datetime) -> bool:
        stmt = (
            update(SessionBookingRow)
            .where(SessionBookingRow.id == booking_id, SessionBookingRow.status == _BOOKED)
            .values(starts_at=starts_at, ends_at=ends_at, revision=SessionBookingRow.revision + 1)
            .returning(SessionBookingRow.id)
        )
        try:
            moved = (await self._session.execute(stmt)).first() is not None
        except IntegrityError:  # another session holds that start; the caller rolls back
            return False
        if moved:
            await enqueue_write(self._session, booking_id)
        return moved

    async def upcoming_for_package(
        self, sold_package_id: int, now: datetime
    ) -> builtins.list[SessionBooking]:
        return await self._list(
            _active().where(
                SessionBookingRow.sold_package_id == sold_package_id,
                SessionBookingRow.ends_at > now,
            )
        )

    async def for_coach(
        self, coach_id: int, start: datetime, end: datetime
    ) -> builtins.list[SessionBooking]:
        return await self._list(
            _active().where(
                SessionBookingRow.coach_id == coach_id,
                and_(SessionBookingRow.starts_at >= start, SessionBookingRow.starts_at < end),
            )
        )

    async def _list(self, stmt: Select[SessionBookingRow]) -> builtins.list[SessionBooking]:
        ordered = stmt.order_by(SessionBookingRow.starts_at, SessionBookingRow.id)
        return [booking_of(row) for row in await self._session.scalars(ordered)]


def _active() -> Select[SessionBookingRow]:
    return select(SessionBookingRow).where(SessionBookingRow.status == _BOOKED)
