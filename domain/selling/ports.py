"""Storage ports of selling. Tokens are looked up through a unique index, never listed."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from domain.selling.model import (
    Holder,
    PaymentIssue,
    PendingPurchase,
    SaleEvent,
    SoldFilter,
    SoldPackage,
)


class SoldPackages(Protocol):
    async def add(self, sold: SoldPackage) -> SoldPackage | None:
        """Store it with its items; None (and nothing stored) when its `request_key` or
        `charge_id` is already recorded: the database decides, under any concurrency."""
        ...

    async def get(self, sold_id: int) -> SoldPackage | None: ...

    async def by_request(
        self, request_key: str | None = None, charge_id: str | None = None
    ) -> SoldPackage | None:
        """The sold package a request key (or a Telegram charge id) made, if any."""
        ...

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        """Those of `charge_ids` a sold package was recorded for."""
        ...

    async def by_token(self, token: str, lock: bool = False) -> SoldPackage | None:
        """`lock`: hold the sold package's row lock exclusively until commit, as every
        change to its holders does (opening adds one)."""
        ...

    async def set_expiry(self, sold_id: int, old: datetime | None, new: datetime | None) -> bool:
        """Move the expiry only if it is still `old`; False when someone changed it first."""
        ...

    async def replace_token(self, sold_id: int, old: str, new: str) -> bool:
        """Swap the access token only if it is still `old`."""
        ...

    async def claim_refund(self, sold_id: int, now: datetime, lapsed_before: datetime) -> bool:
        """Claim the right to ask for its refund: only if it is not refunded and nobody
        claimed it since `lapsed_before`; of two claims at once, one wins."""
        ...

    async def release_refund(self, sold_id: int) -> None:
        """Give a claim back (the refund was refused)."""
        ...

    async def mark_refunded(self, sold_id: int, now: datetime) -> bool:
        """Mark it refunded; False when it already was."""
        ...

    async def claim_client(self, sold_id: int, user_id: int) -> None:
        """A granted package's first holder (not the coach) becomes its client."""
        ...

    async def replace_client(self, sold_id: int, old: int | None, new: int | None) -> bool:
        """Make `new` the client only if it is still `old` (a grant changing hands)."""
        ...

    async def add_holder(self, sold_id: int, user_id: int, now: datetime) -> None:
        """Remember who opened it (for /mypackages); opening again changes nothing."""
        ...

    async def is_holder(self, sold_id: int, user_id: int) -> bool: ...

    async def holders(self, sold_id: int) -> builtins.list[int]: ...

    async def holder_list(self, sold_id: int) -> builtins.list[Holder]:
        """Who holds it, with names, the first to open it first."""
        ...

    async def drop_holders(self, sold_id: int) -> None:
        """Forget everyone who held the link (after its token was replaced, which locked
        the sold package until commit)."""
        ...

    async def remove_holder(self, sold_id: int, user_id: int) -> bool:
        """Forget one holder under an exclusive lock on the sold package, so an action that
        checked holding under the shared lock (see the booking port's `package`) commits
        first, and any later one finds them gone; False when they were no holder."""
        ...

    async def count_held(self, user_id: int) -> int: ...

    async def list_held(self, user_id: int, offset: int, limit: int) -> builtins.list[SoldPackage]:
        """Newest first."""
        ...

    async def count_for_coach(self, coach_id: int, which: SoldFilter, now: datetime) -> int: ...

    async def list_for_coach(
        self, coach_id: int, which: SoldFilter, now: datetime, offset: int, limit: int
    ) -> builtins.list[SoldPackage]:
        """Newest first, with `client_name` filled."""
        ...

    async def add_event(self, event: SaleEvent) -> None: ...

    async def ask_to_extend(
        self, sold_id: int, asker_id: int, expires_at: datetime, now: datetime, since: datetime
    ) -> bool:
        """Record an ask to extend the package expiring at `expires_at`; False when one was
        already recorded after `since` for that same expiry (the database decides, so of two
        concurrent asks exactly one is first)."""
        ...

    async def forget_ask(self, sold_id: int, asked_at: datetime) -> None:
        """Drop the ask recorded at `asked_at` (a later one is kept)."""
        ...

    async def events(self, sold_id: int) -> builtins.list[SaleEvent]:
        """Oldest first."""
        ...


class PendingPurchases(Protocol):
    async def add(self, pending: PendingPurchase) -> PendingPurchase | None:
        """None when an invoice was already sent for its `request_key`."""
        ...

    async def by_key(self, key: str) -> PendingPurchase | None: ...


class PaymentIssues(Protocol):
    async def add(self, issue: PaymentIssue) -> PaymentIssue | None:
        """Keep it; None (and nothing stored) when its charge id is already kept."""
        ...

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        """Those of `charge_ids` kept as payments needing attention."""
        ...

    async def count_for_coach(self, coach_id: int) -> int: ...

    async def list_for_coach(self, coach_id: int, limit: int) -> builtins.list[PaymentIssue]:
        """Newest first."""
        ...
