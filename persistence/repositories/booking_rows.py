"""Rows ↔ booking domain objects."""

from __future__ import annotations

from typing import Any

from domain.booking.model import BookablePackage, BookingStatus, Entitlement, SessionBooking
from domain.catalog.model import ItemKind
from persistence.models import EntitlementRow, SessionBookingRow, SoldPackageRow


def package_of(sold: SoldPackageRow, items: list[EntitlementRow]) -> BookablePackage:
    return BookablePackage(
        id=sold.id,
        coach_id=sold.coach_id,
        client_id=sold.client_id,
        title=sold.title,
        active=sold.status == "active",
        expires_at=sold.expires_at,
        entitlements=tuple(_entitlement(item) for item in items),
    )


def _entitlement(row: EntitlementRow) -> Entitlement:
    kind = ItemKind.SERVICE if row.service_id is not None else ItemKind.SERIES
    ref_id = row.service_id if row.service_id is not None else row.series_id
    assert ref_id is not None
    return Entitlement(
        id=row.id,
        kind=kind,
        ref_id=ref_id,
        title=row.title,
        quantity=row.quantity,
        used=row.used,
        removed=row.removed_at is not None,
    )


# Columns named and typed alike on the row and the domain object.
_SAME = (
    "sold_package_id", "entitlement_id", "coach_id", "ref_id", "occurrence_id", "title",
    "starts_at", "ends_at", "booked_at", "cancelled_at",
)  # fmt: skip


def booking_of(row: SessionBookingRow) -> SessionBooking:
    same = {name: getattr(row, name) for name in _SAME}
    return SessionBooking(
        id=row.id, kind=ItemKind(row.kind), status=BookingStatus(row.status), **same
    )


def row_values(booking: SessionBooking) -> dict[str, Any]:
    same = {name: getattr(booking, name) for name in _SAME}
    return {**same, "kind": booking.kind.value, "status": booking.status.value}
