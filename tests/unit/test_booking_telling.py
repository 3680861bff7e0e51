"""Whom a change to a session is told to, read in the change's own transaction: the other
side, in the zone they read times in and their language."""

from __future__ import annotations

from domain.booking.access import ByHolder
from domain.booking.coach_changes import coach_cancel, coach_move
from domain.booking.holder_changes import book_session
from domain.booking.model import BookingStatus, OneToOne
from domain.booking.schedule import CoachSession
from domain.model import User
from domain.selling.desk import Reader
from tests.unit.booking_scenario import COACH, NOW, TUESDAY_9, by, scenario

CLIENT = 101  # the client of sold package 1


async def test_a_clients_booking_is_told_to_the_coach_in_the_coachs_zone() -> None:
    uow = scenario()
    uow.users.rows[CLIENT] = User(CLIENT, "Anna", "Asia/Tokyo", "de")
    uow.users.rows[COACH].language = "fr"
    await uow.sold.add_holder(1, CLIENT, NOW)  # Anna opened the access link
    told = await book_session(uow, ByHolder(CLIENT, 1), OneToOne(11, TUESDAY_9), NOW)
    assert told.done.starts_at == TUESDAY_9 and told.done.id in uow.bookings.rows.sessions
    assert told.parties.actor == Reader(CLIENT, "Asia/Tokyo", "de")
    assert told.parties.other == Reader(COACH, "Europe/Berlin", "fr")
    assert told.parties.client_name == "Anna"


async def test_the_coachs_cancel_is_told_to_the_client_in_their_own_zone() -> None:
    uow = scenario()
    uow.users.rows[CLIENT] = User(CLIENT, "Anna", "Asia/Tokyo", "de")
    booking = (await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)).done
    changed = await coach_cancel(uow, COACH, booking.id or 0, NOW)
    assert changed.done.unit_returned and changed.was == booking
    assert changed.session.entry.booking.status is BookingStatus.CANCELLED  # as it is after
    assert changed.client == Reader(CLIENT, "Asia/Tokyo", "de")


async def test_a_client_who_never_opened_the_bot_reads_the_coachs_zone_in_english() -> None:
    uow = scenario()
    booking = (await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)).done
    changed = await coach_cancel(uow, COACH, booking.id or 0, NOW)
    assert changed.client == Reader(CLIENT, "Europe/Berlin", "en")


async def test_moving_a_session_to_its_own_time_changes_nothing() -> None:
    uow = scenario()
    booking = (await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)).done
    same = await coach_move(uow, COACH, booking.id or 0, TUESDAY_9, NOW)
    assert isinstance(same, CoachSession) and same.entry.booking == booking
