"""Rows ⇄ domain objects of selling, and the insert that lets the database refuse a duplicate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.catalog.model import ItemKind
from domain.selling.model import (
    EventKind,
    SaleEvent,
    SaleKind,
    SoldItem,
    SoldPackage,
)
from persistence.models import (
    EntitlementRow,
    SoldPackageEventRow,
    SoldPackageRow,
)
from persistence.repositories.rows import domain_of, values_of

# Columns named and typed alike on the row and the sold package.
_SOLD_SAME = (
    "package_id", "coach_id", "client_id", "title", "description", "price_minor", "currency",
    "access_token", "purchased_at", "expires_at", "request_key", "provider_charge_id", "note",
    "payer_id", "refunded_at", "paused_at",
)  # fmt: skip


def sold_values(sold: SoldPackage) -> dict[str, Any]:
    return values_of(sold, _SOLD_SAME, kind=sold.kind.value, telegram_charge_id=sold.charge_id)


def sold_of(row: SoldPackageRow, items: list[SoldItem], client_name: str) -> SoldPackage:
    return domain_of(
        SoldPackage,
        row,
        kind=SaleKind(row.kind),
        items=items,
        charge_id=row.telegram_charge_id,
        client_name=client_name,
    )


def item_of(row: EntitlementRow) -> SoldItem:
    kind = ItemKind.SERVICE if row.service_id is not None else ItemKind.SERIES
    ref_id = row.service_id if row.service_id is not None else row.series_id
    assert ref_id is not None, "an entitlement names exactly one service or series"
    removed = row.removed_at is not None
    return SoldItem(kind, ref_id, row.title, row.quantity, row.used, removed, row.id)


def entitlement_rows(sold_id: int, items: Sequence[SoldItem]) -> list[EntitlementRow]:
    return [
        EntitlementRow(
            sold_package_id=sold_id,
            service_id=item.ref_id if item.kind is ItemKind.SERVICE else None,
            series_id=item.ref_id if item.kind is ItemKind.SERIES else None,
            title=item.title,
            quantity=item.quantity,
            used=item.used,
        )
        for item in items
    ]


def event_row(event: SaleEvent) -> SoldPackageEventRow:
    return SoldPackageEventRow(
        sold_package_id=event.sold_package_id,
        kind=event.kind.value,
        at=event.at,
        expires_at=event.expires_at,
        note=event.note,
    )


def event_of(row: SoldPackageEventRow) -> SaleEvent:
    return SaleEvent(row.sold_package_id, EventKind(row.kind), row.at, row.expires_at, row.note)
