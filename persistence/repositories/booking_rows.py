"""Rows ↔ booking domain objects."""

from __future__ import annotations

from typing import Any

from domain.booking.model import BookingStatus, SessionBooking
from domain.catalog.model import ItemKind
from persistence.models import SessionBookingRow

# Columns named and typed alike on the row and the domain object.
_SAME = (
    "sold_package_id", "entitlement_id", "coach_id", "ref_id", "occurrence_id", "title",
    "starts_at", "ends_at", "booked_at", "cancelled_at", "revision",
)  # fmt: skip


def booking_of(row: SessionBookingRow) -> SessionBooking:
    same = {name: getattr(row, name) for name in _SAME}
    return SessionBooking(
        id=row.id, kind=ItemKind(row.kind), status=BookingStatus(row.status), **same
    )


def row_values(booking: SessionBooking) -> dict[str, Any]:
    same = {name: getattr(booking, name) for name in _SAME}
    return {**same, "kind": booking.kind.value, "status": booking.status.value}
