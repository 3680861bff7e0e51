"""The unit of work booking needs: the catalog's plus availability and bookings."""

from __future__ import annotations

from typing import Protocol

from domain.booking.ports import Availabilities, Bookings
from domain.ports import UnitOfWork


class BookingUnitOfWork(UnitOfWork, Protocol):
    availability: Availabilities
    bookings: Bookings
