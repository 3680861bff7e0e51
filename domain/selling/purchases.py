"""Use cases of buying: a free package at once, a paid one through a Telegram invoice (a
pending purchase and the pre-checkout answer; the payment itself is in `payments`), and a
coach's grant.

Every new sold package is created here (`record_sale`, payments too), so work that follows a
sale (reminders) has one place to hook into.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.accounts import ensure_user
from domain.catalog.access import own_package
from domain.catalog.model import Package
from domain.catalog.rules import is_public_id
from domain.errors import InvalidInput, NotFound
from domain.model import Coach, User
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.errors import (
    CheckoutRefused,
    NothingToSell,
    PaymentUnavailable,
    PriceChanged,
)
from domain.selling.model import (
    EventKind,
    PendingPurchase,
    SaleEvent,
    SaleKind,
    Snapshot,
    SoldPackage,
)
from domain.selling.rules import expires_at, invoiceable, snapshot
from domain.selling.tokens import new_access_token, new_purchase_key, parse_invoice_payload

NOTE_MAX = 200
# An invoice is paid within this time of being sent or not at all; its pending purchase is
# kept a day longer (domain/retention.py), so a payment accepted at pre-checkout (Telegram
# sends it seconds later) always finds it.
PAYABLE_FOR = timedelta(days=6)


@dataclass(frozen=True)
class Sale:
    """A new sold package, its coach (for the notice) and its buyer (None for a grant),
    with the languages they read (read in the sale's transaction, so telling them needs no
    second read)."""

    sold: SoldPackage
    coach: Coach
    buyer: User | None
    languages: dict[int, str]


async def buy_free(
    uow: UnitOfWork,
    buyer_id: int,
    first_name: str,
    public_id: str,
    request_key: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Sale | None:
    """The client gets a free package at once; None when this button already did it."""
    async with uow:
        buyer = await ensure_user(uow, buyer_id, first_name)
        package = await _for_sale(uow, public_id)
        if package.price_minor != 0:
            raise PriceChanged()
        sold = new_sold(snapshot(package), buyer_id, SaleKind.FREE, now, request_key=request_key)
        sale = await record_sale(uow, sold, buyer, EventKind.PURCHASED, reminders)
        await uow.commit()
    return sale


async def start_invoice(
    uow: UnitOfWork,
    buyer_id: int,
    first_name: str,
    public_id: str,
    request_key: str,
    has_provider: bool,
    now: datetime,
) -> PendingPurchase | None:
    """The client gets an invoice for the package as it is now (the pending purchase holds
    that snapshot); None when this button already sent one."""
    async with uow:
        await ensure_user(uow, buyer_id, first_name)
        package = await _for_sale(uow, public_id)
        if package.price_minor == 0:
            raise PriceChanged()
        if not invoiceable(package.price_minor, package.currency, has_provider):
            coach = await uow.coaches.get(package.coach_id)
            raise PaymentUnavailable(coach.display_name if coach else None)
        pending = PendingPurchase(
            None, new_purchase_key(), request_key, buyer_id, snapshot(package), now
        )
        stored = await uow.pending.add(pending)
        await uow.commit()
    return stored


async def check_pre_checkout(
    uow: UnitOfWork, payload: str, total: int, currency: str, now: datetime
) -> None:
    """Telegram asks before charging: CheckoutRefused(code) unless the pending purchase is
    known and younger than `PAYABLE_FOR`, its package still sold, and amount and currency are
    the snapshot's."""
    key = parse_invoice_payload(payload)
    if key is None:
        raise CheckoutRefused("invoice_unknown")
    async with uow:
        pending = await uow.pending.by_key(key)
        if pending is None or now - pending.created_at > PAYABLE_FOR:
            raise CheckoutRefused("invoice_unknown")
        package = await uow.packages.by_public_id(pending.snapshot.public_id)
    if package is None or package.deleted_at is not None:
        raise CheckoutRefused("package_not_sold")
    if (total, currency) != (pending.snapshot.price_minor, pending.snapshot.currency):
        raise CheckoutRefused("price_changed")


async def grant(
    uow: UnitOfWork,
    coach_id: int,
    package_id: int,
    note: str,
    request_key: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Sale | None:
    """The coach gets a sold package (and its access link) for someone who paid elsewhere;
    validity counts from now. None when this message already granted it."""
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise InvalidInput("note", "note_too_long", limit=NOTE_MAX)
    async with uow:
        package = await own_package(uow, coach_id, package_id)
        if not package.items:
            raise NothingToSell()
        sold = new_sold(snapshot(package), None, SaleKind.GRANT, now, request_key=request_key)
        sold.note = note
        sale = await record_sale(uow, sold, None, EventKind.GRANTED, reminders)
        await uow.commit()
    return sale


async def _for_sale(uow: UnitOfWork, public_id: str) -> Package:
    """A live package (hidden ones too: their link is how they are sold) with items."""
    package = await uow.packages.by_public_id(public_id) if is_public_id(public_id) else None
    if package is None or package.deleted_at is not None:
        raise NotFound()
    if not package.items:
        raise NothingToSell()
    return package


def new_sold(
    snap: Snapshot,
    client_id: int | None,
    kind: SaleKind,
    now: datetime,
    request_key: str | None = None,
) -> SoldPackage:
    return SoldPackage(
        id=None,
        coach_id=snap.coach_id,
        package_id=snap.package_id,
        client_id=client_id,
        kind=kind,
        title=snap.title,
        description=snap.description,
        price_minor=snap.price_minor,
        currency=snap.currency,
        access_token=new_access_token(),
        purchased_at=now,
        expires_at=expires_at(now, snap.validity_days),
        items=list(snap.items),
        request_key=request_key,
        payer_id=client_id if kind is SaleKind.PAID else None,
    )


async def earlier_sale(
    uow: UnitOfWork, request_key: str | None = None, charge_id: str | None = None
) -> Sale | None:
    """The sale a request key or charge id already made, to be said again when the process
    died after storing it and before saying so (the inbox hands the update back)."""
    async with uow:
        sold = await uow.sold.by_request(request_key, charge_id)
        if sold is None:
            return None
        buyer = await uow.users.get(sold.client_id) if sold.client_id is not None else None
        return await _sale(uow, sold, buyer)


async def record_sale(
    uow: UnitOfWork,
    sold: SoldPackage,
    buyer: User | None,
    event: EventKind,
    reminders: ReminderOffsets | None,
) -> Sale | None:
    """Store a new sold package with its first history line, holder and expiry reminders,
    if the database has not seen its request key or charge id."""
    stored = await uow.sold.add(sold)
    if stored is None or stored.id is None:
        return None
    await uow.sold.add_event(SaleEvent(stored.id, event, sold.purchased_at, note=sold.note))
    if buyer is not None:
        await uow.sold.add_holder(stored.id, buyer.telegram_id, sold.purchased_at)
    if reminders is not None:
        await replan_package_reminders(uow, stored.id, sold.purchased_at, reminders.expiry)
    return await _sale(uow, stored, buyer)


async def _sale(uow: UnitOfWork, sold: SoldPackage, buyer: User | None) -> Sale:
    coach = await uow.coaches.get(sold.coach_id)
    assert coach is not None, "a package always has its coach"
    people = [coach.user_id, *([buyer.telegram_id] if buyer is not None else [])]
    return Sale(sold, coach, buyer, await uow.users.languages(people))
