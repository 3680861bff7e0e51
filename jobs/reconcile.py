"""Telegram Stars reconciliation as a JobQueue interval job: a Stars payment whose
`successful_payment` update never reached the bot (lost, or the bot was down too long) is
still recorded, through the same use case, once per charge id (rule 12)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import StarTransaction, TransactionPartnerUser, User
from telegram.constants import StarTransactionsLimit
from telegram.constants import TransactionPartnerUser as UserTransaction
from telegram.ext import CallbackContext, JobQueue

from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.payments import Flagged, Payment, record_payment, unrecorded_charges
from domain.selling.purchases import Sale
from jobs.repeating import repeat_alone

log = logging.getLogger(__name__)
RECONCILE_JOB = "stars-reconcile"
INTERVAL_SECONDS = 600
FIRST_SECONDS = 60
PAGE = int(StarTransactionsLimit.MAX_LIMIT)  # the most one getStarTransactions returns
STARS = "XTR"


def incoming_payments(found: Sequence[StarTransaction]) -> dict[str, tuple[User, Payment]]:
    """The invoice payments among the transactions, by charge id (a Stars transaction's id
    is the `telegram_payment_charge_id` of its `successful_payment`)."""
    payments: dict[str, tuple[User, Payment]] = {}
    for transaction in found:
        source = transaction.source
        if (
            isinstance(source, TransactionPartnerUser)
            and source.transaction_type == UserTransaction.INVOICE_PAYMENT
            and source.invoice_payload is not None
        ):
            charge = transaction.id
            payment = Payment(source.invoice_payload, transaction.amount, STARS, charge, "")
            payments[charge] = (source.user, payment)
    return payments


@dataclass(frozen=True)
class ReconcileDeps:
    uow_factory: Callable[[bool], UnitOfWork]  # a writer when given True
    clock: Callable[[], datetime]
    reminders: ReminderOffsets
    # Says a recorded payment to those it concerns, as after `successful_payment` (the bot's
    # notices; given the job's context, which carries the bot).
    announce: Callable[[Any, Sale | Flagged | None], Awaitable[None]]


class ReconcileStars:
    """Payers whose Stars payment the bot never heard of get their package (or are told the
    payment needs attention), like after `successful_payment`."""

    def __init__(self, deps: ReconcileDeps) -> None:
        self._deps = deps

    async def __call__(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        offset, completed = 0, 0
        while True:
            page = await context.bot.get_star_transactions(offset=offset, limit=PAGE)
            found = page.transactions
            completed += await self._complete(context, incoming_payments(found))
            if len(found) < PAGE:
                break
            offset += len(found)
        if completed:
            log.warning(
                "Stars reconciliation recorded %d payment(s) the bot had missed", completed
            )

    async def _complete(
        self,
        context: CallbackContext[Any, Any, Any, Any],
        payments: dict[str, tuple[User, Payment]],
    ) -> int:
        deps = self._deps
        missing = await unrecorded_charges(deps.uow_factory(False), payments)
        done = 0
        for charge in sorted(missing):
            payer, payment = payments[charge]
            try:
                outcome = await record_payment(
                    deps.uow_factory(True),
                    payer.id,
                    payer.first_name,
                    payment,
                    deps.clock(),
                    deps.reminders,
                )
                await deps.announce(context, outcome)
            except Exception:  # noqa: BLE001 - one bad charge must not stop the others
                log.exception("Stars payment %s could not be reconciled", charge)
                continue
            done += outcome is not None
        return done


def schedule_stars_reconciliation(queue: JobQueue[Any], deps: ReconcileDeps) -> None:
    """Every INTERVAL_SECONDS, from FIRST_SECONDS after start-up."""
    repeat_alone(
        queue, ReconcileStars(deps), RECONCILE_JOB, every=INTERVAL_SECONDS, first=FIRST_SECONDS
    )
