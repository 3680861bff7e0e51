"""Booking use cases leave session reminders for client and coach, and the package's expiry
reminders matching the sessions left, in their transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.booking.coach_changes import coach_cancel, coach_no_show
from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import GroupSeat, OneToOne, SessionBooking
from domain.booking.series_dates import remove_series_date
from domain.reminders.model import Outcome, ReminderKind
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.booking_scenario import COACH, NOW, TUESDAY_9, YOGA, by, scenario
from tests.unit.reminder_hook_fakes import (
    OFFSETS,
    LiveReminders,
    booked_facts,
    expiry_rows,
    rows,
)

HOUR = timedelta(hours=1)
CLIENT = 101  # sold package 1's client in the scenario
EXPIRES = datetime(2027, 1, 31, 12, 0, tzinfo=UTC)
YOGA_DATE = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)  # occurrence 1


def reminding(quantity: int = 3) -> tuple[BookingFakeUnitOfWork, LiveReminders]:
    uow = scenario(quantity=quantity, expires_at=EXPIRES)
    reminders = booked_facts(uow)
    uow.reminders = reminders  # type: ignore[assignment]
    return uow, reminders


def session_rows(session: SessionBooking, starts_at: datetime) -> set[object]:
    return {
        (ReminderKind.SESSION, person, session.id, starts_at - HOUR) for person in (CLIENT, COACH)
    }


async def _book(uow: BookingFakeUnitOfWork, at: datetime = TUESDAY_9) -> SessionBooking:
    return (await book_session(uow, by(), OneToOne(11, at), NOW, OFFSETS)).done


async def test_booking_reminds_client_and_coach_once() -> None:
    uow, reminders = reminding()
    session = await _book(uow)
    assert rows(reminders) == session_rows(session, TUESDAY_9) | expiry_rows(CLIENT, EXPIRES)


async def test_nothing_left_means_no_expiry_reminders_and_a_cancel_brings_them_back() -> None:
    uow, reminders = reminding(quantity=1)
    await book_session(uow, by(), GroupSeat(12, 1), NOW, OFFSETS)  # yoga used up
    session = await _book(uow)  # lesson used up: nothing left
    assert rows(reminders) & expiry_rows(CLIENT, EXPIRES) == set()
    await cancel_own_session(uow, by(), session.id or 0, NOW, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, EXPIRES) | {
        (ReminderKind.SESSION, person, 1, YOGA_DATE - HOUR) for person in (CLIENT, COACH)
    }


async def test_reschedule_moves_the_session_reminders() -> None:
    uow, reminders = reminding()
    session = await _book(uow)
    later = TUESDAY_9 + 2 * HOUR
    await move_own_session(uow, by(), session.id or 0, later, NOW, OFFSETS)
    assert rows(reminders) == session_rows(session, later) | expiry_rows(CLIENT, EXPIRES)


async def test_a_no_show_drops_what_was_left_to_send() -> None:
    uow, reminders = reminding()
    session = await _book(uow)  # its reminder was never swept: still unsent
    await coach_no_show(uow, COACH, session.id or 0, TUESDAY_9 + HOUR / 6, OFFSETS)
    assert {r[0] for r in rows(reminders)} == {ReminderKind.EXPIRY, ReminderKind.EXPIRED}


async def test_removing_a_series_date_cancels_its_seat_reminders() -> None:
    uow, reminders = reminding()
    seat = (await book_session(uow, by(), GroupSeat(12, 1), NOW, OFFSETS)).done
    assert (ReminderKind.SESSION, CLIENT, seat.id, YOGA_DATE - HOUR) in rows(reminders)
    await remove_series_date(uow, COACH, YOGA, 1, NOW, reminders=OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, EXPIRES)


async def test_the_coach_cancelling_from_the_desk_drops_them_too() -> None:
    uow, reminders = reminding()
    session = await _book(uow)
    await coach_cancel(uow, COACH, session.id or 0, NOW, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, EXPIRES)


def coach_rows(reminders: LiveReminders) -> set[tuple[ReminderKind, int, int | None, datetime]]:
    return {row for row in rows(reminders) if row[1] == COACH}


async def three_seats() -> tuple[BookingFakeUnitOfWork, LiveReminders, list[SessionBooking]]:
    uow = scenario(quantity=3, seats=3, expires_at=EXPIRES)
    reminders = booked_facts(uow)
    uow.reminders = reminders  # type: ignore[assignment]
    seats = [
        (await book_session(uow, by(sold), GroupSeat(10 * sold + 2, 1), NOW, OFFSETS)).done
        for sold in (1, 2, 3)
    ]
    return uow, reminders, seats


async def test_the_coach_is_reminded_of_a_group_meeting_once_not_once_per_seat() -> None:
    uow, reminders, seats = await three_seats()
    reminded = {row[1] for row in rows(reminders) if row[0] is ReminderKind.SESSION}
    assert reminded == {COACH, 101, 102, 103}
    assert coach_rows(reminders) == {(ReminderKind.SESSION, COACH, seats[0].id, YOGA_DATE - HOUR)}
    await coach_cancel(uow, COACH, seats[0].id or 0, NOW, OFFSETS)
    assert coach_rows(reminders) == {(ReminderKind.SESSION, COACH, seats[1].id, YOGA_DATE - HOUR)}
    await coach_cancel(uow, COACH, seats[2].id or 0, NOW, OFFSETS)
    assert coach_rows(reminders) == {(ReminderKind.SESSION, COACH, seats[1].id, YOGA_DATE - HOUR)}
    await coach_cancel(uow, COACH, seats[1].id or 0, NOW, OFFSETS)
    assert coach_rows(reminders) == set()


async def test_a_coach_reminder_already_sent_is_not_sent_again_for_another_seat() -> None:
    uow, reminders, seats = await three_seats()
    (coach_reminder,) = [r for r in reminders.rows.values() if r.plan.recipient_id == COACH]
    reminders.rows[coach_reminder.id] = coach_reminder.settled(Outcome.SENT, YOGA_DATE - HOUR)
    await coach_cancel(uow, COACH, seats[0].id or 0, YOGA_DATE - HOUR, OFFSETS)
    assert coach_rows(reminders) == {(ReminderKind.SESSION, COACH, seats[0].id, YOGA_DATE - HOUR)}
