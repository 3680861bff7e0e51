"""The unit of work booking needs: the catalog's plus availability, bookings and waitlists."""

from __future__ import annotations

from typing import Protocol

from domain.booking.ports import Availabilities, Bookings
from domain.booking.waitlist_ports import Waitlists
from domain.ports import UnitOfWork


class BookingUnitOfWork(UnitOfWork, Protocol):
    availability: Availabilities
    bookings: Bookings
    waitlist: Waitlists
