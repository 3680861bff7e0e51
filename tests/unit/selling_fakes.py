"""In-memory fakes of the selling ports; `rows` holds all their state so the fake unit of
work rolls it back like a transaction."""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from domain.model import User
from domain.selling.model import (
    Holder,
    PaymentIssue,
    PendingPurchase,
    SaleEvent,
    SoldFilter,
    SoldPackage,
)
from domain.selling.rules import EXPIRING_WITHIN


class HasUsers(Protocol):
    rows: dict[int, User]


def _matches(sold: SoldPackage, which: SoldFilter, now: datetime) -> bool:
    state = sold.status(now).value
    if which is SoldFilter.ALL:
        return True
    if which is SoldFilter.EXPIRING:
        soon = now + EXPIRING_WITHIN
        return state == "active" and sold.expires_at is not None and sold.expires_at <= soon
    return state == which.value


class FakeSoldPackages:
    def __init__(self, users: HasUsers | None = None) -> None:
        self._users = users
        self.rows: dict[str, Any] = {
            "sold": {},
            "holders": {},
            "events": [],
            "next": 1,
            "asks": {},
            "refund_claims": {},
        }

    @property
    def _sold(self) -> dict[int, SoldPackage]:
        return self.rows["sold"]  # type: ignore[no-any-return]

    async def add(self, sold: SoldPackage) -> SoldPackage | None:
        for other in self._sold.values():
            if (sold.request_key and other.request_key == sold.request_key) or (
                sold.charge_id and other.charge_id == sold.charge_id
            ):
                return None
        stored = replace(copy.deepcopy(sold), id=self.rows["next"])
        self.rows["next"] += 1
        self._sold[stored.id] = stored  # type: ignore[index]
        return copy.deepcopy(stored)

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        return {s.charge_id for s in self._sold.values() if s.charge_id in charge_ids}

    async def get(self, sold_id: int) -> SoldPackage | None:
        sold = copy.deepcopy(self._sold.get(sold_id))
        if sold is not None and sold.id is not None:
            sold.refund_claimed_at = self.rows["refund_claims"].get(sold.id)
        return sold

    async def by_token(self, token: str, lock: bool = False) -> SoldPackage | None:
        found = [
            s for s in self._sold.values() if s.access_token == token and s.refunded_at is None
        ]
        return copy.deepcopy(found[0]) if found else None

    async def set_expiry(self, sold_id: int, old: datetime | None, new: datetime | None) -> bool:
        sold = self._sold[sold_id]
        if sold.expires_at != old:
            return False
        sold.expires_at = new
        return True

    async def replace_token(self, sold_id: int, old: str, new: str) -> bool:
        sold = self._sold[sold_id]
        if sold.access_token != old:
            return False
        sold.access_token = new
        return True

    async def claim_refund(self, sold_id: int, now: datetime, lapsed_before: datetime) -> bool:
        claims = self.rows["refund_claims"]
        claimed = claims.get(sold_id)
        if self._sold[sold_id].refunded_at is not None or (
            claimed is not None and claimed >= lapsed_before
        ):
            return False
        claims[sold_id] = now
        return True

    async def release_refund(self, sold_id: int) -> None:
        self.rows["refund_claims"].pop(sold_id, None)

    async def mark_refunded(self, sold_id: int, now: datetime) -> bool:
        sold = self._sold[sold_id]
        if sold.refunded_at is not None:
            return False
        sold.refunded_at = now
        self.rows["refund_claims"].pop(sold_id, None)
        return True

    async def claim_client(self, sold_id: int, user_id: int) -> None:
        if self._sold[sold_id].client_id is None:
            self._sold[sold_id].client_id = user_id

    async def replace_client(self, sold_id: int, old: int | None, new: int | None) -> bool:
        if self._sold[sold_id].client_id != old:
            return False
        self._sold[sold_id].client_id = new
        return True

    async def add_holder(self, sold_id: int, user_id: int, now: datetime) -> None:
        self.rows["holders"].setdefault((sold_id, user_id), now)

    async def is_holder(self, sold_id: int, user_id: int) -> bool:
        return (sold_id, user_id) in self.rows["holders"]

    async def holders(self, sold_id: int) -> list[int]:
        return sorted(u for s, u in self.rows["holders"] if s == sold_id)

    async def holder_list(self, sold_id: int) -> list[Holder]:
        found = [(at, u) for (s, u), at in self.rows["holders"].items() if s == sold_id]
        users = self._users.rows if self._users is not None else {}
        return [
            Holder(u, users[u].first_name, at, users[u].timezone)
            if u in users
            else Holder(u, "", at)
            for at, u in sorted(found)
        ]

    async def drop_holders(self, sold_id: int) -> None:
        for key in [k for k in self.rows["holders"] if k[0] == sold_id]:
            del self.rows["holders"][key]

    async def remove_holder(self, sold_id: int, user_id: int) -> bool:
        return self.rows["holders"].pop((sold_id, user_id), None) is not None

    def _held(self, user_id: int) -> list[SoldPackage]:
        ids = {s for s, u in self.rows["holders"] if u == user_id}
        return [self._sold[i] for i in sorted(ids, reverse=True)]

    async def count_held(self, user_id: int) -> int:
        return len(self._held(user_id))

    async def list_held(self, user_id: int, offset: int, limit: int) -> list[SoldPackage]:
        return copy.deepcopy(self._held(user_id)[offset : offset + limit])

    def _coach(self, coach_id: int, which: SoldFilter, now: datetime) -> list[SoldPackage]:
        found = [s for s in self._sold.values() if s.coach_id == coach_id]
        return [s for s in sorted(found, key=lambda s: -(s.id or 0)) if _matches(s, which, now)]

    async def count_for_coach(self, coach_id: int, which: SoldFilter, now: datetime) -> int:
        return len(self._coach(coach_id, which, now))

    async def list_for_coach(
        self, coach_id: int, which: SoldFilter, now: datetime, offset: int, limit: int
    ) -> list[SoldPackage]:
        return copy.deepcopy(self._coach(coach_id, which, now)[offset : offset + limit])

    async def add_event(self, event: SaleEvent) -> None:
        self.rows["events"].append(event)

    async def events(self, sold_id: int) -> list[SaleEvent]:
        return [e for e in self.rows["events"] if e.sold_package_id == sold_id]

    async def ask_to_extend(
        self, sold_id: int, asker_id: int, expires_at: datetime, now: datetime, since: datetime
    ) -> bool:
        last = self.rows["asks"].get(sold_id)
        if last is not None and last[1] == expires_at and last[0] > since:
            return False
        self.rows["asks"][sold_id] = (now, expires_at, asker_id)
        return True

    async def forget_ask(self, sold_id: int, asked_at: datetime) -> None:
        last = self.rows["asks"].get(sold_id)
        if last is not None and last[0] == asked_at:
            del self.rows["asks"][sold_id]

    def use(self, sold_id: int, index: int, used: int) -> None:
        """Test helper: as if `used` sessions of item `index` were booked."""
        sold = self._sold[sold_id]
        sold.items[index] = replace(sold.items[index], used=used)


class FakePendingPurchases:
    def __init__(self) -> None:
        self.rows: dict[str, PendingPurchase] = {}

    async def add(self, pending: PendingPurchase) -> PendingPurchase | None:
        if any(p.request_key == pending.request_key for p in self.rows.values()):
            return None
        stored = replace(pending, id=len(self.rows) + 1)
        self.rows[pending.key] = stored
        return stored

    async def by_key(self, key: str) -> PendingPurchase | None:
        return self.rows.get(key)


class FakePaymentIssues:
    def __init__(self) -> None:
        self.rows: dict[str, PaymentIssue] = {}

    async def add(self, issue: PaymentIssue) -> PaymentIssue | None:
        if issue.charge_id in self.rows:
            return None
        stored = replace(issue, id=len(self.rows) + 1)
        self.rows[issue.charge_id] = stored
        return stored

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        return set(self.rows) & set(charge_ids)

    async def count_for_coach(self, coach_id: int) -> int:
        return sum(1 for i in self.rows.values() if i.coach_id == coach_id)

    async def list_for_coach(self, coach_id: int, limit: int) -> list[PaymentIssue]:
        mine = [i for i in self.rows.values() if i.coach_id == coach_id]
        return sorted(mine, key=lambda i: i.id or 0, reverse=True)[:limit]
