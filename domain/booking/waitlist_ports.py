"""The store of waitlists. The line and its offers are guarded by the store: one open place
per package and date (`add`), and state changes that happen only from the state expected
(`offer`, `close`), so an offer taken while its hold lapses has one outcome."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.booking.waitlist import SeatOffer, WaitDate, WaitlistEntry, WaitState


@dataclass(frozen=True)
class OfferFacts:
    """An offer as it stands now, with its date and the zones to say it in."""

    entry: WaitlistEntry
    date: WaitDate
    user_zone: str | None
    coach_zone: str


class Waitlists(Protocol):
    async def add(self, entry: WaitlistEntry) -> WaitlistEntry | None:
        """Store a waiting entry; None if the package already has an open one for the date."""
        ...

    async def get(self, entry_id: int) -> WaitlistEntry | None: ...

    async def date(self, occurrence_id: int) -> WaitDate | None:
        """The group date with its seats taken and its series' capacity."""
        ...

    async def line(self, occurrence_id: int) -> builtins.list[WaitlistEntry]:
        """The date's open entries (waiting and offered), in line order."""
        ...

    async def of_package(self, sold_package_id: int) -> builtins.list[WaitlistEntry]:
        """The package's open entries, in line order."""
        ...

    async def names(self, user_ids: builtins.list[int]) -> dict[int, str]:
        """First names of people (for the coach's view of a line)."""
        ...

    async def offer(self, entry_id: int, hold_until: datetime, now: datetime) -> bool:
        """waiting → offered until `hold_until`, its message due now; False if not waiting."""
        ...

    async def close(
        self, entry_id: int, expected: WaitState, state: WaitState, now: datetime
    ) -> bool:
        """`expected` → `state` (closed at `now`); False when it was not in `expected`."""
        ...

    async def lapsed(self, now: datetime, limit: int) -> builtins.list[WaitlistEntry]:
        """Offers whose hold has run out, oldest hold first."""
        ...

    async def free_with_line(self, now: datetime, limit: int) -> builtins.list[WaitDate]:
        """Dates starting after `now` with a free seat and someone waiting."""
        ...

    async def claim_due(
        self, now: datetime, limit: int, lease_until: datetime
    ) -> builtins.list[SeatOffer]:
        """Offer messages due, oldest first (see domain/reminders/engine.py `Claims`)."""
        ...

    async def save(self, item: SeatOffer) -> None: ...

    async def facts(self, entry_ids: builtins.list[int]) -> builtins.list[OfferFacts]: ...
