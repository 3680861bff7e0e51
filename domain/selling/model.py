"""Sold packages and what leads to them: snapshots taken at purchase time (rule 3).

`SoldPackage` is the one model of a `sold_package` row with its entitlements: selling,
booking and reminders all read it, and `sold_status` is the one status rule (its SQL twin is
`persistence.repositories.sold.status_at`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.catalog.model import ItemKind


class SaleKind(StrEnum):
    """How the sold package came to be."""

    FREE = "free"
    PAID = "paid"
    GRANT = "grant"


class SoldStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    USED_UP = "used_up"
    PAUSED = "paused"
    REFUNDED = "refunded"


def sold_status(
    expires_at: datetime | None,
    anything_left: bool,
    at: datetime,
    refunded_at: datetime | None = None,
    paused_at: datetime | None = None,
) -> SoldStatus:
    """Refunded once refunded (it wins over everything); paused while paused (its clock is
    stopped, so a passed expiry does not count yet); expired once `expires_at` has come;
    used up when no item still offered has a session left; else active."""
    if refunded_at is not None and at >= refunded_at:
        return SoldStatus.REFUNDED
    if paused_at is not None and at >= paused_at:
        return SoldStatus.PAUSED
    if expires_at is not None and at >= expires_at:
        return SoldStatus.EXPIRED
    return SoldStatus.ACTIVE if anything_left else SoldStatus.USED_UP


class SoldFilter(StrEnum):
    """The coach desk's filters."""

    ALL = "all"
    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    USED_UP = "used_up"


class EventKind(StrEnum):
    """What a sold package's history records."""

    PURCHASED = "purchased"
    GRANTED = "granted"
    EXPIRY_CHANGED = "expiry_changed"
    LINK_REVOKED = "link_revoked"
    HOLDER_REMOVED = "holder_removed"
    BOOKED = "booked"
    REFUNDED = "refunded"
    TRANSFERRED = "transferred"
    PAUSED = "paused"
    RESUMED = "resumed"
    ABSENCE = "absence_extended"


@dataclass(frozen=True)
class SoldItem:
    """One entitlement: `quantity` sessions of a service or series, `used` taken; `removed`
    once its service or series was deleted (rule 6). `id` None until stored."""

    kind: ItemKind
    ref_id: int
    title: str
    quantity: int
    used: int = 0
    removed: bool = False
    id: int | None = None

    @property
    def left(self) -> int:
        return self.quantity - self.used

    @property
    def bookable(self) -> bool:
        return not self.removed and self.left > 0

    @property
    def stored_id(self) -> int:
        assert self.id is not None, "an entitlement read from the store"
        return self.id


@dataclass(frozen=True)
class Snapshot:
    """What a package was when it was sold (or when its invoice was sent)."""

    package_id: int
    public_id: str
    coach_id: int
    title: str
    description: str
    price_minor: int
    currency: str
    validity_days: int | None
    items: tuple[SoldItem, ...]


@dataclass
class SoldPackage:
    """One purchase of a package. `request_key` makes a pressed button or a redelivered
    update create it once; `charge_id` does the same for a Telegram payment (rule 12)."""

    id: int | None
    coach_id: int
    package_id: int
    client_id: int | None
    kind: SaleKind
    title: str
    description: str
    price_minor: int
    currency: str
    access_token: str
    purchased_at: datetime
    expires_at: datetime | None
    items: list[SoldItem] = field(default_factory=list)
    request_key: str | None = None
    charge_id: str | None = None
    provider_charge_id: str | None = None
    note: str = ""
    client_name: str = ""
    payer_id: int | None = None  # who paid (a refund goes back to them)
    refunded_at: datetime | None = None
    refund_claimed_at: datetime | None = None  # a refund being asked (see selling.refunds)
    paused_at: datetime | None = None

    @property
    def stored_id(self) -> int:
        assert self.id is not None, "a sold package read from the store"
        return self.id

    def has_expired(self, at: datetime) -> bool:
        return self.status(at) is SoldStatus.EXPIRED

    def status(self, at: datetime) -> SoldStatus:
        anything_left = any(i.bookable for i in self.items)
        return sold_status(self.expires_at, anything_left, at, self.refunded_at, self.paused_at)

    def item(self, item_id: int) -> SoldItem | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True)
class PendingPurchase:
    """An invoice sent and not yet paid: the snapshot it was sent for, named by `key`."""

    id: int | None
    key: str
    request_key: str
    buyer_id: int
    snapshot: Snapshot
    created_at: datetime


@dataclass(frozen=True)
class SaleEvent:
    """One line of a sold package's history."""

    sold_package_id: int
    kind: EventKind
    at: datetime
    expires_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class Holder:
    """Someone who opened a sold package's current access link, and when they first did."""

    user_id: int
    name: str
    since: datetime
    zone: str | None = None  # the one they chose, if any


@dataclass(frozen=True)
class PaymentIssue:
    """A payment that is no sale (rule 16): its amount or currency differs from its invoice,
    or it names no pending purchase (then `coach_id` is None). Kept once per charge id."""

    charge_id: str
    provider_charge_id: str | None
    payer_id: int
    coach_id: int | None
    title: str
    expected_minor: int | None
    expected_currency: str
    paid_minor: int
    paid_currency: str
    received_at: datetime
    id: int | None = None
