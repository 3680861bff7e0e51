"""What the bot keeps only for a while, and for how long.

- A claimed button press: `presses.KEPT_FOR` (one day); older claims no longer count.
- A pending purchase (an invoice sent and not paid): `PENDING_KEPT_FOR`, 7 days. An invoice
  older than `PAYABLE_FOR` (6 days) is already refused at checkout (nothing is charged; the
  client presses Buy again), so no payment accepted in time finds its purchase gone.
- A coach digest with nothing sent (skipped: nothing to report; undeliverable; failed):
  `UNSENT_DIGESTS_KEPT_FOR`, 7 days after its day. A digest is only ever sent on its own
  local day, so its row is needed no longer than that; a week is left for looking into
  failures. Sent digests are kept.
- A Telegram update, once answered: `INBOX_KEPT_FOR`, an hour. Telegram sends an update again
  only when it was not confirmed, i.e. right after a restart, so an hour is ample, and the
  inbox stays small.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Protocol

from domain.presses import KEPT_FOR as PRESSES_KEPT_FOR
from domain.selling.purchases import PAYABLE_FOR
from domain.transaction import Transaction

PENDING_KEPT_FOR = PAYABLE_FOR + timedelta(days=1)
UNSENT_DIGESTS_KEPT_FOR = timedelta(days=7)
INBOX_KEPT_FOR = timedelta(hours=1)


class Retention(Protocol):
    """Deletes rows past their time; each returns how many it deleted."""

    async def forget_presses_before(self, before: datetime) -> int: ...

    async def forget_pending_before(self, before: datetime) -> int: ...

    async def forget_unsent_digests_before(self, before: date) -> int: ...


class RetentionUnitOfWork(Transaction, Protocol):
    retention: Retention


async def forget_old_rows(
    uow_factory: Callable[[], RetentionUnitOfWork], now: datetime
) -> dict[str, int]:
    """Deletes presses, pending purchases and unsent digests past their time (see the module
    docstring), each kind in its own transaction; returns how many of each."""
    steps: dict[str, Callable[[Retention], Awaitable[int]]] = {
        "presses": lambda r: r.forget_presses_before(now - PRESSES_KEPT_FOR),
        "pending purchases": lambda r: r.forget_pending_before(now - PENDING_KEPT_FOR),
        "unsent digests": lambda r: r.forget_unsent_digests_before(
            (now - UNSENT_DIGESTS_KEPT_FOR).date()
        ),
    }
    forgotten: dict[str, int] = {}
    for kind, step in steps.items():
        async with uow_factory() as uow:
            forgotten[kind] = await step(uow.retention)
            await uow.commit()
    return forgotten
