"""Waitlists of full group dates: who waits, in which order, and an offer's hold.

A holder with a unit left joins the waitlist of a full date. When a seat frees (a
cancellation, a capacity raised, an offer lapsed or declined), the first in line whose
package can still pay for it gets an offer: the seat is counted as taken at once (so nobody
else can book it) and held for them until `hold_until`; taking it uses a unit like any
booking. Nobody is offered a seat that starts inside the coach's minimum notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.model import DEFAULT_LANGUAGE
from domain.reminders.model import Delivery

DEFAULT_HOLD = timedelta(minutes=120)


class WaitState(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"  # a seat is held for them until hold_until
    TAKEN = "taken"
    LAPSED = "lapsed"  # the hold ran out
    DECLINED = "declined"
    LEFT = "left"


@dataclass(frozen=True)
class WaitlistEntry:
    """One package's place in the line of one date (`id` order is the line)."""

    id: int | None
    occurrence_id: int
    coach_id: int
    sold_package_id: int
    entitlement_id: int
    user_id: int  # who joined: the offer goes to them
    joined_at: datetime
    state: WaitState = WaitState.WAITING
    hold_until: datetime | None = None
    closed_at: datetime | None = None

    @property
    def stored_id(self) -> int:
        assert self.id is not None
        return self.id

    @property
    def is_open(self) -> bool:
        return self.state in (WaitState.WAITING, WaitState.OFFERED)


@dataclass(frozen=True)
class WaitDate:
    """A group date as the waitlist needs it."""

    occurrence_id: int
    coach_id: int
    series_id: int
    title: str
    starts_at: datetime
    seats_taken: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.seats_taken >= self.capacity


@dataclass(frozen=True)
class InLine:
    """A waitlist place as its holder or the coach sees it."""

    entry: WaitlistEntry
    title: str
    starts_at: datetime
    position: int  # 1 = next to be offered (0 while offered)
    name: str | None = None


def may_offer(starts_at: datetime, now: datetime, notice: timedelta) -> bool:
    """No offer for a seat that starts inside the minimum notice."""
    return starts_at - notice > now


def hold_end(now: datetime, hold: timedelta, starts_at: datetime) -> datetime:
    """Until when an offer made now holds its seat: the hold, but never past the start."""
    return min(now + hold, starts_at)


def positions(line: list[WaitlistEntry]) -> dict[int, int]:
    """Each waiting entry's place in line (1 first); offered ones are 0."""
    places, waiting = {}, 0
    for entry in line:
        if entry.state is WaitState.WAITING:
            waiting += 1
            places[entry.stored_id] = waiting
        elif entry.state is WaitState.OFFERED:
            places[entry.stored_id] = 0
    return places


@dataclass(frozen=True)
class SeatOffer(Delivery):
    """An offer's message and where its delivery stands (the engine's row)."""

    id: int
    next_attempt_at: datetime


@dataclass(frozen=True)
class OfferNotice:
    """What the offer message says: the seat, until when it is held, in the person's zone."""

    entry_id: int
    user_id: int
    title: str
    starts_at: datetime
    hold_until: datetime
    zone: str
    language: str = DEFAULT_LANGUAGE  # the person's
