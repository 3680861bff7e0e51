"""The waitlist sweep (a JobQueue job): offers whose hold ran out lapse and their seat goes
to the next in line; dates with a free seat and a line (a capacity raised, an offer made
while nobody could pay) offer it; then every offer's message is sent once, as a kind of the
bulk delivery engine (domain/reminders/engine.py), built from the facts at send time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Unpack

from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import OfferNotice, SeatOffer, WaitState
from domain.booking.waitlist_offers import lapse_offer, offer_free_seats
from domain.booking.waitlist_ports import OfferFacts, Waitlists
from domain.reminders.engine import Kind, Notifier, Options, Sweep, deliver_due
from domain.timezones import viewer_zone


async def sweep_waitlists(
    uow_factory: Callable[[], BookingUnitOfWork],
    notifier: Notifier[OfferNotice],
    clock: Callable[[], datetime],
    hold: timedelta,
    *,
    batch_size: int = 50,
    **options: Unpack[Options],
) -> Counter[str]:
    """Lapses, new offers, then the offers' messages; counts per outcome."""
    report = await pass_on_seats(uow_factory, clock(), hold, batch_size)
    sweep = Sweep(OFFERS, uow_factory, notifier, clock, batch_size, **options)
    report.update(await deliver_due(sweep))
    return +report


async def pass_on_seats(
    uow_factory: Callable[[], BookingUnitOfWork], now: datetime, hold: timedelta, limit: int
) -> Counter[str]:
    """Each lapsed offer in its own transaction (it may have been taken meanwhile: then it
    stays taken), then each date with a free seat and a line."""
    report: Counter[str] = Counter()
    async with uow_factory() as uow:
        lapsed = await uow.waitlist.lapsed(now, limit)
    for entry in lapsed:
        if await lapse_offer(uow_factory(), entry, now, hold):
            report["lapsed"] += 1
    async with uow_factory() as uow:
        dates = await uow.waitlist.free_with_line(now, limit)
    for date in dates:
        uow = uow_factory()
        async with uow:
            await uow.bookings.lock_coach(date.coach_id)
            offered = await offer_free_seats(uow, date.occurrence_id, now, hold)
            await uow.commit()
        report["offered"] += len(offered)
    return +report


def _claims(uow: BookingUnitOfWork) -> Waitlists:
    return uow.waitlist


async def offer_notices(
    uow: BookingUnitOfWork, offers: list[SeatOffer], now: datetime
) -> list[OfferNotice | None]:
    """Each offer's message from fresh facts; None once it is no longer open."""
    facts = {f.entry.stored_id: f for f in await uow.waitlist.facts([o.id for o in offers])}
    found = [_notice(facts.get(offer.id), now) for offer in offers]
    languages = await uow.users.languages(sorted({n.user_id for n in found if n is not None}))
    return [
        None if n is None else replace(n, language=languages.get(n.user_id, n.language))
        for n in found
    ]


def _notice(facts: OfferFacts | None, now: datetime) -> OfferNotice | None:
    if facts is None or facts.entry.state is not WaitState.OFFERED:
        return None
    entry, until = facts.entry, facts.entry.hold_until
    if until is None or until <= now:
        return None
    zone = viewer_zone(facts.user_zone, facts.coach_zone)
    return OfferNotice(
        entry.stored_id, entry.user_id, facts.date.title, facts.date.starts_at, until, zone
    )


OFFERS: Kind[BookingUnitOfWork, SeatOffer, OfferNotice] = Kind(_claims, offer_notices)
