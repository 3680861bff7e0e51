"""Whom a change to a session is told to, read in the change's own transaction: the person
who made it (the zone they read its time in and their language) and the other side (the
coach when a holder acted, else the client), so telling them needs no second read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.booking.model import SessionBooking
from domain.booking.uow import BookingUnitOfWork
from domain.errors import NotFound
from domain.selling.desk import Reader
from domain.timezones import viewer_zone

T = TypeVar("T")


@dataclass(frozen=True)
class Parties:
    """The person who changed the session, the other side to tell (None: no one, say a
    coach's own session without a client) and the client's name the coach knows them by."""

    actor: Reader
    other: Reader | None
    client_name: str | None


@dataclass(frozen=True)
class Told(Generic[T]):
    """What a change did, and its parties."""

    done: T
    parties: Parties


async def parties_of(uow: BookingUnitOfWork, booking: SessionBooking, actor_id: int) -> Parties:
    """The parties of a change `actor_id` made to `booking`, inside the caller's unit of work:
    each reads times in their own zone, else the coach's (rule 14; the coach in theirs)."""
    entry = await uow.bookings.entry(booking.id or 0)
    coach = await uow.coaches.get(booking.coach_id)
    if entry is None or coach is None:
        raise NotFound()
    by_coach = actor_id == booking.coach_id
    actor = None if by_coach else await uow.users.get(actor_id)
    actor_zone = viewer_zone(actor.timezone if actor else None, coach.timezone, is_coach=by_coach)
    other: tuple[int, str] | None = None
    if not by_coach:
        other = (booking.coach_id, coach.timezone)
    elif entry.client_id is not None and entry.client_id != actor_id:
        other = (entry.client_id, viewer_zone(entry.client_zone, coach.timezone))
    ids = [actor_id] + ([other[0]] if other else [])
    languages = await uow.users.languages(ids)
    return Parties(
        Reader(actor_id, actor_zone, languages[actor_id]),
        Reader(other[0], other[1], languages[other[0]]) if other else None,
        entry.client_name,
    )


async def telling(uow: BookingUnitOfWork, done: T, booking: SessionBooking, actor: int) -> Told[T]:
    """Inside a change's open unit of work: reads its parties, then commits it all."""
    parties = await parties_of(uow, booking, actor)
    await uow.commit()
    return Told(done, parties)
