"""A Telegram payment becomes a sold package, once per charge id (rule 12), or, when it
differs from its invoice or pays for none, a payment needing attention, never a sale
(rule 16). The `successful_payment` handler and the Stars reconciliation job both come here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from domain.accounts import ensure_user
from domain.model import Coach, User
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.model import EventKind, PaymentIssue, PendingPurchase, SaleKind
from domain.selling.purchases import Sale, new_sold, record_sale
from domain.selling.tokens import parse_invoice_payload

ATTENTION_SHOWN = 5


@dataclass(frozen=True)
class Payment:
    """What Telegram reports in `successful_payment` (or a Stars transaction)."""

    payload: str
    total_amount: int
    currency: str
    charge_id: str
    provider_charge_id: str


@dataclass(frozen=True)
class Flagged:
    """A payment kept for its coach (None when it names no invoice) and the operator to
    sort out; the payer is told so. `languages`: the payer's and the coach's."""

    issue: PaymentIssue
    coach: Coach | None
    payer: User
    languages: dict[int, str]


@dataclass(frozen=True)
class Attention:
    """The coach's payments needing attention: how many, and the newest few."""

    total: int
    newest: list[PaymentIssue]


async def record_payment(
    uow: UnitOfWork,
    buyer_id: int,
    first_name: str,
    payment: Payment,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Sale | Flagged | None:
    """The payer gets the sold package of the pending purchase, exactly once per charge id;
    a payment whose amount or currency is not the invoice's is Flagged instead. None when
    this charge was recorded before (Telegram redelivered it, or the job found it first)."""
    key = parse_invoice_payload(payment.payload)
    async with uow:
        buyer = await ensure_user(uow, buyer_id, first_name)
        pending = await uow.pending.by_key(key) if key is not None else None
        outcome: Sale | Flagged | None
        if pending is not None and _as_invoiced(pending, payment):
            sold = new_sold(pending.snapshot, buyer_id, SaleKind.PAID, now)
            sold.charge_id = payment.charge_id
            sold.provider_charge_id = payment.provider_charge_id or None
            outcome = await record_sale(uow, sold, buyer, EventKind.PURCHASED, reminders)
        else:
            outcome = await _flag(uow, buyer, payment, pending, now)
        await uow.commit()
    return outcome


async def unrecorded_charges(uow: UnitOfWork, charge_ids: Collection[str]) -> set[str]:
    """Those of `charge_ids` that are neither a sold package nor a payment needing attention."""
    wanted = set(charge_ids)
    if not wanted:
        return set()
    async with uow:
        sold = await uow.sold.known_charges(wanted)
        flagged = await uow.payment_issues.known_charges(wanted)
    return wanted - sold - flagged


async def attention_of(uow: UnitOfWork, coach_id: int, limit: int = ATTENTION_SHOWN) -> Attention:
    """The coach's payments needing attention, read in the caller's transaction."""
    total = await uow.payment_issues.count_for_coach(coach_id)
    newest = await uow.payment_issues.list_for_coach(coach_id, limit) if total else []
    return Attention(total, newest)


def _as_invoiced(pending: PendingPurchase, payment: Payment) -> bool:
    snap = pending.snapshot
    return (payment.total_amount, payment.currency) == (snap.price_minor, snap.currency)


async def _flag(
    uow: UnitOfWork,
    payer: User,
    payment: Payment,
    pending: PendingPurchase | None,
    now: datetime,
) -> Flagged | None:
    snap = pending.snapshot if pending is not None else None
    issue = PaymentIssue(
        charge_id=payment.charge_id,
        provider_charge_id=payment.provider_charge_id or None,
        payer_id=payer.telegram_id,
        coach_id=snap.coach_id if snap else None,
        title=snap.title if snap else "",
        expected_minor=snap.price_minor if snap else None,
        expected_currency=snap.currency if snap else "",
        paid_minor=payment.total_amount,
        paid_currency=payment.currency,
        received_at=now,
    )
    stored = await uow.payment_issues.add(issue)
    if stored is None:
        return None
    coach = await uow.coaches.get(snap.coach_id) if snap else None
    people = [payer.telegram_id, *([coach.user_id] if coach is not None else [])]
    return Flagged(stored, coach, payer, await uow.users.languages(people))
