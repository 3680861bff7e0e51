"""Storage ports of booking. Every counter and capacity is guarded by the store itself:
`take_unit` and `take_seat` succeed for exactly as many callers as there is room, however
many run at once, and `add_one_to_one` never lets two active sessions of a coach start at
the same moment."""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import Protocol

from domain.booking.availability import Availability
from domain.booking.model import GroupDate, ScheduleEntry, SessionBooking
from domain.booking.slots import Busy
from domain.selling.model import SoldPackage


class Availabilities(Protocol):
    async def get(self, coach_id: int) -> Availability:
        """The coach's availability; defaults (no hours yet) if never saved."""
        ...

    async def save(self, availability: Availability) -> None: ...

    async def add_absence(
        self, coach_id: int, first: date, last: date, now: datetime, extended: int
    ) -> bool:
        """Record the coach's absence once; False (nothing stored) when those very dates
        were declared before, so their packages are never extended twice."""
        ...


class Bookings(Protocol):
    async def package(self, sold_package_id: int, lock: bool = False) -> SoldPackage | None:
        """`lock`: hold the sold package's row lock shared until commit. Revoking its link
        and changing its holders take it exclusively, so an action that checks holding
        after taking it cannot commit after a revocation it did not see."""
        ...

    async def lock_coach(self, coach_id: int) -> None:
        """Serialise the booking writes of one coach until the transaction ends; every
        booking write takes it before any other row."""
        ...

    async def take_unit(self, entitlement_id: int, starts_at: datetime) -> bool:
        """used += 1 if a unit is left, the item is still offered, the package is active
        and `starts_at` is before its expiry; False otherwise."""
        ...

    async def return_unit(self, entitlement_id: int) -> None: ...

    async def take_seat(self, occurrence_id: int) -> bool:
        """seats_taken += 1 if below the series' capacity; False otherwise."""
        ...

    async def release_seat(self, occurrence_id: int) -> None: ...

    async def busy(
        self, coach_id: int, start: datetime, end: datetime, excluding: int | None = None
    ) -> builtins.list[Busy]:
        """The coach's active 1:1 sessions (but booking `excluding`) and group occurrences
        overlapping [start, end)."""
        ...

    async def add(self, booking: SessionBooking) -> SessionBooking | None:
        """Store an active booking; None if the coach already has a 1:1 at that start
        (or the package already has this seat)."""
        ...

    async def get(self, booking_id: int) -> SessionBooking | None: ...

    async def close(self, booking: SessionBooking) -> bool:
        """Write `status`/`cancelled_at` if the stored booking is still active."""
        ...

    async def move(self, booking_id: int, starts_at: datetime, ends_at: datetime) -> bool:
        """Move an active 1:1 booking; False if another session holds that start."""
        ...

    async def upcoming_for_package(
        self, sold_package_id: int, now: datetime
    ) -> builtins.list[SessionBooking]: ...

    async def for_coach(
        self, coach_id: int, start: datetime, end: datetime
    ) -> builtins.list[SessionBooking]:
        """Active sessions of the coach starting in [start, end), in start order."""
        ...

    async def schedule(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> builtins.list[ScheduleEntry]:
        """Like `for_coach`, with each session's package title and client name."""
        ...

    async def group_dates(
        self, coach_id: int, start: datetime, end: datetime, limit: int | None = None
    ) -> builtins.list[GroupDate]:
        """The dates of the coach's series (deleted ones left out) starting in [start, end),
        in start order, with seats taken and capacity: booked or not."""
        ...

    async def on_occurrence(self, occurrence_id: int) -> builtins.list[ScheduleEntry]:
        """The active seats of an occurrence. Locks the occurrence first, so no seat can be
        taken in it until the transaction ends."""
        ...

    async def entry(self, booking_id: int) -> ScheduleEntry | None:
        """One session (any status) with its package title and client name."""
        ...
