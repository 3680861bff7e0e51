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


def sold_values(sold: SoldPackage) -> dict[str, Any]:
    return {
        "package_id": sold.package_id,
        "coach_id": sold.coach_id,
        "client_id": sold.client_id,
        "kind": sold.kind.value,
        "title": sold.title,
        "description": sold.description,
        "price_minor": sold.price_minor,
        "currency": sold.currency,
        "access_token": sold.access_token,
        "purchased_at": sold.purchased_at,
        "expires_at": sold.expires_at,
        "request_key": sold.request_key,
        "telegram_charge_id": sold.charge_id,
        "provider_charge_id": sold.provider_charge_id,
        "note": sold.note,
        "payer_id": sold.payer_id,
        "refunded_at": sold.refunded_at,
        "paused_at": sold.paused_at,
    }


def sold_of(row: SoldPackageRow, items: list[SoldItem], client_name: str) -> SoldPackage:
    return SoldPackage(
        id=row.id,
        coach_id=row.coach_id,
        package_id=row.package_id,
        client_id=row.client_id,
        kind=SaleKind(row.kind),
        title=row.title,
        description=row.description,
        price_minor=row.price_minor,
        currency=row.currency,
        access_token=row.access_token,
        purchased_at=row.purchased_at,
        expires_at=row.expires_at,
        items=items,
        request_key=row.request_key,
        charge_id=row.telegram_charge_id,
        provider_charge_id=row.provider_charge_id,
        payer_id=row.payer_id,
        refunded_at=row.refunded_at,
        refund_claimed_at=row.refund_claimed_at,
        paused_at=row.paused_at,
        note=row.note,
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
