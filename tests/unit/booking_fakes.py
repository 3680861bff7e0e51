"""In-memory availability and bookings, on top of the catalog fakes (same rollback rules).

The conditional writes behave like the SQL ones: a unit, a seat or a coach's start time is
taken only while there is room.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from domain.booking.availability import Availability
from domain.booking.model import (
    BookingStatus,
    GroupDate,
    ScheduleEntry,
    SessionBooking,
)
from domain.booking.slots import Busy
from domain.catalog.model import ItemKind
from domain.selling.model import SaleKind, SoldItem, SoldPackage, SoldStatus
from tests.unit.fakes import FakeOccurrences, FakeSeriesCatalog, FakeUnitOfWork, FakeUsers
from tests.unit.selling_fakes import FakeSoldPackages
from tests.unit.waitlist_fakes import FakeWaitlists


class FakeAvailabilities:
    def __init__(self) -> None:
        self.rows: dict[int, Availability] = {}
        self.absences: dict[tuple[int, date, date], int] = {}

    async def get(self, coach_id: int) -> Availability:
        return copy.deepcopy(self.rows.get(coach_id, Availability(coach_id)))

    async def save(self, availability: Availability) -> None:
        self.rows[availability.coach_id] = copy.deepcopy(availability)

    async def add_absence(
        self, coach_id: int, first: date, last: date, now: datetime, extended: int
    ) -> bool:
        if (coach_id, first, last) in self.absences:
            return False
        self.absences[(coach_id, first, last)] = extended
        return True


@dataclass
class BookingTables:
    sessions: dict[int, SessionBooking] = field(default_factory=dict)


class FakeBookings:
    """Sold packages are read from and counted in the selling fake's table, one table as in
    the database, so what selling writes (holders, expiry, pauses) is what booking reads."""

    def __init__(
        self,
        occurrences: FakeOccurrences,
        series: FakeSeriesCatalog,
        users: FakeUsers,
        sold: FakeSoldPackages,
    ) -> None:
        self.rows = BookingTables()
        self._users = users
        self._sold = sold
        self._occurrences = occurrences
        self._series = series
        self._ids = itertools.count(1)
        self.locked: list[int] = []

    @property
    def _packages(self) -> dict[int, SoldPackage]:
        return self._sold.rows["sold"]  # type: ignore[no-any-return]

    def sell(self, package: SoldPackage) -> None:
        """Test helper: a committed sold package."""
        self._packages[package.stored_id] = copy.deepcopy(package)
        self._sold.rows["next"] = max(self._sold.rows["next"], package.stored_id + 1)

    async def package(self, sold_package_id: int, lock: bool = False) -> SoldPackage | None:
        return copy.deepcopy(self._packages.get(sold_package_id))

    async def lock_coach(self, coach_id: int) -> None:
        self.locked.append(coach_id)

    async def take_unit(self, entitlement_id: int, starts_at: datetime) -> bool:
        package, item = self._entitlement(entitlement_id)
        if not item.bookable or package.status(starts_at) is not SoldStatus.ACTIVE:
            return False
        self._set_used(package, item, item.used + 1)
        return True

    async def return_unit(self, entitlement_id: int) -> None:
        package, item = self._entitlement(entitlement_id)
        self._set_used(package, item, max(item.used - 1, 0))

    async def take_seat(self, occurrence_id: int) -> bool:
        occurrence = self._occurrences.rows[occurrence_id]
        if occurrence.seats_taken >= self._series.rows[occurrence.series_id].capacity:
            return False
        occurrence.seats_taken += 1
        return True

    async def release_seat(self, occurrence_id: int) -> None:
        occurrence = self._occurrences.rows[occurrence_id]
        occurrence.seats_taken = max(occurrence.seats_taken - 1, 0)

    async def busy(
        self, coach_id: int, start: datetime, end: datetime, excluding: int | None = None
    ) -> list[Busy]:
        sessions = [
            Busy(b.starts_at, b.ends_at)
            for b in self._active()
            if b.coach_id == coach_id and b.occurrence_id is None and b.id != excluding
        ]
        classes = [
            Busy(o.starts_at, o.starts_at + _length(s.duration_minutes))
            for o in self._occurrences.rows.values()
            if (s := self._series.rows[o.series_id]).coach_id == coach_id and not s.deleted_at
        ]
        return sorted(b for b in sessions + classes if b.start < end and b.end > start)

    async def add(self, booking: SessionBooking) -> SessionBooking | None:
        if any(self._clashes(booking, other) for other in self._active()):
            return None
        stored = replace(booking, id=next(self._ids))
        self.rows.sessions[stored.id] = stored  # type: ignore[index]
        return copy.deepcopy(stored)

    async def get(self, booking_id: int) -> SessionBooking | None:
        return copy.deepcopy(self.rows.sessions.get(booking_id))

    async def close(self, booking: SessionBooking) -> bool:
        stored = self.rows.sessions.get(booking.id or 0)
        if stored is None or not stored.is_active:
            return False
        stored.status, stored.cancelled_at = booking.status, booking.cancelled_at
        return True

    async def move(self, booking_id: int, starts_at: datetime, ends_at: datetime) -> bool:
        stored = self.rows.sessions[booking_id]
        moved = replace(stored, starts_at=starts_at, ends_at=ends_at)
        if any(self._clashes(moved, o) for o in self._active() if o.id != booking_id):
            return False
        self.rows.sessions[booking_id] = moved
        return True

    async def upcoming_for_package(
        self, sold_package_id: int, now: datetime
    ) -> list[SessionBooking]:
        found = [b for b in self._active() if b.sold_package_id == sold_package_id]
        return copy.deepcopy(sorted((b for b in found if b.ends_at > now), key=_start))

    async def for_coach(
        self, coach_id: int, start: datetime, end: datetime
    ) -> list[SessionBooking]:
        found = [b for b in self._active() if b.coach_id == coach_id]
        return copy.deepcopy(sorted((b for b in found if start <= b.starts_at < end), key=_start))

    async def schedule(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> list[ScheduleEntry]:
        found = [self._entry(b) for b in await self.for_coach(coach_id, start, end)]
        return found[:limit]

    async def group_dates(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> list[GroupDate]:
        series = {s.id: s for s in self._series.rows.values() if s.coach_id == coach_id}
        found = [
            GroupDate(
                o.id or 0,
                o.series_id,
                series[o.series_id].title,
                o.starts_at,
                o.starts_at + _length(series[o.series_id].duration_minutes),
                o.seats_taken,
                series[o.series_id].capacity,
            )
            for o in self._occurrences.rows.values()
            if o.series_id in series
            and series[o.series_id].deleted_at is None
            and start <= o.starts_at < end
        ]
        return sorted(found, key=lambda d: (d.starts_at, d.occurrence_id))[:limit]

    async def on_occurrence(self, occurrence_id: int) -> list[ScheduleEntry]:
        return [self._entry(b) for b in self._active() if b.occurrence_id == occurrence_id]

    async def entry(self, booking_id: int) -> ScheduleEntry | None:
        booking = self.rows.sessions.get(booking_id)
        return self._entry(copy.deepcopy(booking)) if booking else None

    def _entry(self, booking: SessionBooking) -> ScheduleEntry:
        package = self._packages[booking.sold_package_id]
        client = self._users.rows.get(package.client_id or 0)
        name, zone = (client.first_name, client.timezone) if client else (None, None)
        return ScheduleEntry(booking, package.title, name, package.client_id, zone)

    def _active(self) -> list[SessionBooking]:
        return [b for b in self.rows.sessions.values() if b.status is BookingStatus.BOOKED]

    @staticmethod
    def _clashes(new: SessionBooking, old: SessionBooking) -> bool:
        """The store's unique rules: one active 1:1 per coach start, one seat per package."""
        if new.occurrence_id is None and old.occurrence_id is None:
            return new.coach_id == old.coach_id and new.starts_at == old.starts_at
        same_seat = new.occurrence_id == old.occurrence_id
        return same_seat and new.sold_package_id == old.sold_package_id

    def _entitlement(self, entitlement_id: int) -> tuple[SoldPackage, SoldItem]:
        for package in self._packages.values():
            item = package.item(entitlement_id)
            if item is not None:
                return package, item
        raise LookupError(entitlement_id)

    def _set_used(self, package: SoldPackage, item: SoldItem, used: int) -> None:
        items = [replace(e, used=used) if e.id == item.id else e for e in package.items]
        self._packages[package.stored_id] = replace(package, items=list(items))


def _length(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)


def _start(booking: SessionBooking) -> datetime:
    return booking.starts_at


class BookingFakeUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.availability = FakeAvailabilities()
        self.bookings = FakeBookings(self.occurrences, self.series, self.users, self.sold)
        self.waitlist = FakeWaitlists(self.occurrences, self.series, self.users)
        self.seat_offers = self.waitlist.deliveries


def an_item(
    entitlement_id: int, kind: ItemKind, ref_id: int, quantity: int, used: int = 0
) -> SoldItem:
    return SoldItem(kind, ref_id, f"{kind.value} {ref_id}", quantity, used, id=entitlement_id)


def a_sold_package(
    sold_id: int, coach_id: int, client_id: int | None, title: str, items: list[SoldItem],
    expires_at: datetime | None = None,
) -> SoldPackage:  # fmt: skip
    """A sold package as the store would return it; what booking ignores left blank."""
    return SoldPackage(
        id=sold_id, coach_id=coach_id, package_id=0, client_id=client_id, kind=SaleKind.PAID,
        title=title, description="", price_minor=0, currency="EUR",
        access_token=f"token-{sold_id}", purchased_at=datetime.min.replace(tzinfo=UTC),
        expires_at=expires_at, items=items,
    )  # fmt: skip
