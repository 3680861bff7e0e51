"""An in-memory waitlist with the SQL one's rules: one open place per package and date,
state changes only from the expected state (rolled back with the fake unit of work)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime

from domain.booking.waitlist import SeatOffer, WaitDate, WaitlistEntry, WaitState
from domain.booking.waitlist_ports import OfferFacts
from tests.unit.fakes import FakeOccurrences, FakeSeriesCatalog, FakeUsers

_OPEN = (WaitState.WAITING, WaitState.OFFERED)


class FakeOfferDeliveries:
    """The offers' delivery state (a repo of its own, so the unit of work rolls it back)."""

    def __init__(self) -> None:
        self.rows: dict[int, SeatOffer] = {}


class FakeWaitlists:
    def __init__(
        self, occurrences: FakeOccurrences, series: FakeSeriesCatalog, users: FakeUsers
    ) -> None:
        self.rows: dict[int, WaitlistEntry] = {}
        self.deliveries = FakeOfferDeliveries()
        self._occurrences, self._series, self._users = occurrences, series, users
        self._ids = itertools.count(1)

    async def add(self, entry: WaitlistEntry) -> WaitlistEntry | None:
        if any(
            e.occurrence_id == entry.occurrence_id
            and e.sold_package_id == entry.sold_package_id
            and e.state in _OPEN
            for e in self.rows.values()
        ):
            return None
        stored = replace(entry, id=next(self._ids), state=WaitState.WAITING)
        self.rows[stored.stored_id] = stored
        return stored

    async def get(self, entry_id: int) -> WaitlistEntry | None:
        return self.rows.get(entry_id)

    async def date(self, occurrence_id: int) -> WaitDate | None:
        occurrence = self._occurrences.rows.get(occurrence_id)
        if occurrence is None:
            return None
        series = self._series.rows[occurrence.series_id]
        return WaitDate(
            occurrence_id, series.coach_id, occurrence.series_id, series.title,
            occurrence.starts_at, occurrence.seats_taken, series.capacity,
        )  # fmt: skip

    async def line(self, occurrence_id: int) -> list[WaitlistEntry]:
        return self._open(lambda e: e.occurrence_id == occurrence_id)

    async def of_package(self, sold_package_id: int) -> list[WaitlistEntry]:
        return self._open(lambda e: e.sold_package_id == sold_package_id)

    def _open(self, keep: object) -> list[WaitlistEntry]:
        found = [e for e in self.rows.values() if e.state in _OPEN and keep(e)]  # type: ignore[operator]
        return sorted(found, key=lambda e: e.stored_id)

    async def names(self, user_ids: list[int]) -> dict[int, str]:
        return {u: self._users.rows[u].first_name for u in user_ids if u in self._users.rows}

    async def offer(self, entry_id: int, hold_until: datetime, now: datetime) -> bool:
        entry = self.rows.get(entry_id)
        if entry is None or entry.state is not WaitState.WAITING:
            return False
        self.rows[entry_id] = replace(entry, state=WaitState.OFFERED, hold_until=hold_until)
        self.deliveries.rows[entry_id] = SeatOffer(entry_id, now)
        return True

    async def close(
        self, entry_id: int, expected: WaitState, state: WaitState, now: datetime
    ) -> bool:
        entry = self.rows.get(entry_id)
        if entry is None or entry.state is not expected:
            return False
        self.rows[entry_id] = replace(entry, state=state, closed_at=now)
        return True

    async def lapsed(self, now: datetime, limit: int) -> list[WaitlistEntry]:
        found = [
            e for e in self.rows.values()
            if e.state is WaitState.OFFERED and e.hold_until is not None and e.hold_until <= now
        ]  # fmt: skip
        return sorted(found, key=lambda e: (e.hold_until, e.stored_id))[:limit]

    async def free_with_line(self, now: datetime, limit: int) -> list[WaitDate]:
        dates = [await self.date(o) for o in self._occurrences.rows]
        return [
            d for d in dates
            if d is not None and d.starts_at > now and not d.full
            and any(e.state is WaitState.WAITING for e in await self.line(d.occurrence_id))
        ][:limit]  # fmt: skip

    async def claim_due(self, now: datetime, limit: int, lease_until: datetime) -> list[SeatOffer]:
        offers = self.deliveries.rows
        due = [o for o in offers.values() if o.outcome is None and o.next_attempt_at <= now]
        for offer in due[:limit]:
            offers[offer.id] = replace(offer, next_attempt_at=lease_until)
        return due[:limit]

    async def save(self, item: SeatOffer) -> None:
        self.deliveries.rows[item.id] = item

    async def facts(self, entry_ids: list[int]) -> list[OfferFacts]:
        found = []
        for entry_id in entry_ids:
            entry = self.rows.get(entry_id)
            date = None if entry is None else await self.date(entry.occurrence_id)
            if entry is not None and date is not None:
                user = self._users.rows.get(entry.user_id)
                found.append(OfferFacts(entry, date, user.timezone if user else None, "UTC"))
        return found
