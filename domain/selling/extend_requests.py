"""A holder asks the coach to extend a sold package (the button on an expiry reminder).

Only a holder of the package may ask (anyone else: NotFound, like any unknown id). The coach
is told once per package and expiry date within `ASK_AGAIN_AFTER`: the database decides which
of two concurrent asks is the first (see `SoldPackages.ask_to_extend`). The coach extends with
the expiry change selling already has, so the client is told and reminders follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.selling.model import SoldPackage
from domain.selling.rules import extended, fits, left_summary

ASK_AGAIN_AFTER = timedelta(hours=24)
EXTEND_BY_DAYS = (7, 30)


class Asked(StrEnum):
    NEW = "new"  # the coach is to be told
    ALREADY = "already"  # asked recently for this expiry: the coach is not told again
    NOTHING_TO_EXTEND = "nothing"  # no expiry any more, or nothing left to book


@dataclass(frozen=True)
class ExtendAsk:
    """An ask and what the coach is offered: `options` are (days, new expiry) pairs, each
    counted from the current expiry, or from now when it has passed. The coach reads it in
    their zone and language (read in the ask's transaction)."""

    outcome: Asked
    asked_at: datetime
    sold: SoldPackage
    asker_name: str
    coach_zone: str
    coach_language: str
    sessions_left: int
    options: tuple[tuple[int, datetime], ...]


async def ask_to_extend(uow: UnitOfWork, asker_id: int, sold_id: int, now: datetime) -> ExtendAsk:
    """The holder's coach is asked (once a day per expiry) to extend the package."""
    async with uow:
        sold = await uow.sold.get(sold_id)
        if sold is None or not await uow.sold.is_holder(sold_id, asker_id):
            raise NotFound()
        coach = await uow.coaches.get(sold.coach_id)
        asker = await uow.users.get(asker_id)
        if coach is None or asker is None:
            raise NotFound()
        left, _ = left_summary(sold.items)
        outcome = Asked.NOTHING_TO_EXTEND
        if sold.expires_at is not None and left > 0:
            first = await uow.sold.ask_to_extend(
                sold_id, asker_id, sold.expires_at, now, now - ASK_AGAIN_AFTER
            )
            outcome = Asked.NEW if first else Asked.ALREADY
        language = (await uow.users.languages([coach.user_id]))[coach.user_id]
        await uow.commit()
    options = tuple(
        (days, extended(sold.expires_at, timedelta(days=days), now))
        for days in EXTEND_BY_DAYS
        if fits(sold.expires_at, timedelta(days=days), now)
    )
    zone = coach.timezone
    return ExtendAsk(outcome, now, sold, asker.first_name, zone, language, left, options)


async def coach_not_reached(uow: UnitOfWork, ask: ExtendAsk) -> None:
    """The coach could not be told (they blocked the bot): the ask is forgotten, so asking
    again later is not mistaken for a repeat."""
    assert ask.sold.id is not None
    async with uow:
        await uow.sold.forget_ask(ask.sold.id, ask.asked_at)
        await uow.commit()
