"""The session bookings a sold package (`domain.selling.model.SoldPackage`) makes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.catalog.model import ItemKind


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


@dataclass
class SessionBooking:
    """One redeemed session: a 1:1 slot (`occurrence_id` None) or a seat in an occurrence."""

    id: int | None
    sold_package_id: int
    entitlement_id: int
    coach_id: int
    kind: ItemKind
    ref_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    booked_at: datetime
    occurrence_id: int | None = None
    status: BookingStatus = BookingStatus.BOOKED
    cancelled_at: datetime | None = None
    revision: int = 0  # grows with each move or cancellation (a calendar's SEQUENCE)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def is_active(self) -> bool:
        return self.status is BookingStatus.BOOKED

    def changed(self, **fields: Any) -> SessionBooking:
        """The booking after a move or a cancellation: its revision grows (the store's
        `move` and `close` count it up alike)."""
        return replace(self, revision=self.revision + 1, **fields)


@dataclass(frozen=True)
class GroupDate:
    """One dated meeting of a coach's series, with its seats taken of its capacity."""

    occurrence_id: int
    series_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    seats_taken: int
    capacity: int


@dataclass(frozen=True)
class ScheduleEntry:
    """One active session with what the coach needs to recognise it."""

    booking: SessionBooking
    package_title: str
    client_name: str | None
    client_id: int | None = None
    client_zone: str | None = None


@dataclass(frozen=True)
class OneToOne:
    """Book a 1:1 session of the entitlement's service starting at `starts_at` (UTC)."""

    entitlement_id: int
    starts_at: datetime


@dataclass(frozen=True)
class GroupSeat:
    """Book a seat in one occurrence of the entitlement's series."""

    entitlement_id: int
    occurrence_id: int


Choice = OneToOne | GroupSeat
