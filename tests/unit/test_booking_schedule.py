"""The coach's schedule: their active sessions one local week at a time, by day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.booking.holder_changes import book_session, cancel_own_session
from domain.booking.model import GroupSeat, OneToOne
from domain.booking.schedule import coach_may_move, coach_schedule, session_view
from domain.errors import NotACoach, NotFound
from domain.model import User
from tests.unit.booking_scenario import COACH, NOW, TUESDAY_9, YOGA, by, scenario


async def test_sessions_are_grouped_by_the_coachs_days_a_week_at_a_time() -> None:
    uow = scenario()
    uow.users.rows[101] = User(101, "Anna")
    await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)
    await book_session(uow, by(2), GroupSeat(22, 1), NOW)
    next_week = (
        await book_session(uow, by(1), OneToOne(11, TUESDAY_9 + timedelta(days=7)), NOW)
    ).done
    gone = (await book_session(uow, by(3), OneToOne(31, TUESDAY_9 + timedelta(hours=2)), NOW)).done
    await cancel_own_session(uow, by(3), gone.id or 0, NOW)

    week = await coach_schedule(uow, COACH, 0, NOW)
    assert week.monday == date(2026, 11, 30) and week.zone == "Europe/Berlin"
    assert [(day, [e.booking.title for e in entries]) for day, entries in week.days] == [
        (date(2026, 12, 1), ["service 1"]),
        (date(2026, 12, 3), ["series 1"]),
    ]
    first = week.days[0][1][0]
    assert first.client_name == "Anna" and first.package_title == "Starter"
    assert week.days[1][1][0].client_name is None  # a client who never opened the bot
    assert not week.has_previous and week.has_next

    following = await coach_schedule(uow, COACH, 1, NOW)
    assert [e.booking.id for _, entries in following.days for e in entries] == [next_week.id]
    assert following.has_previous and not following.has_next
    assert (await coach_schedule(uow, COACH, -3, NOW)).week == 0


async def test_a_session_opens_only_for_its_coach() -> None:
    uow = scenario()
    booking = (await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)).done
    found = await session_view(uow, COACH, booking.id or 0)
    assert found.entry.booking.id == booking.id and found.coach.user_id == COACH
    with pytest.raises(NotACoach):
        await session_view(uow, COACH + 1, booking.id or 0)
    with pytest.raises(NotFound):
        await session_view(uow, COACH, 999)


async def test_the_week_lists_its_group_dates_booked_or_not() -> None:
    uow = scenario()
    empty = await coach_schedule(uow, COACH, 0, NOW)
    [date_of_series] = empty.group_dates
    assert (date_of_series.title, date_of_series.seats_taken) == ("Yoga", 0)
    assert date_of_series.ends_at - date_of_series.starts_at == timedelta(minutes=60)
    assert empty.days == ()  # no session booked: the date alone
    await book_session(uow, by(2), GroupSeat(22, 1), NOW)
    [taken] = (await coach_schedule(uow, COACH, 0, NOW)).group_dates
    assert taken.seats_taken == 1 and taken.capacity == date_of_series.capacity
    assert (await coach_schedule(uow, COACH, 1, NOW)).group_dates == ()


async def test_the_coach_may_move_an_upcoming_one_to_one_session_only() -> None:
    uow = scenario()
    one = (await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)).done
    seat = (await book_session(uow, by(2), GroupSeat(22, 1), NOW)).done
    assert coach_may_move(one, NOW) and not coach_may_move(seat, NOW)
    assert not coach_may_move(one, TUESDAY_9)  # begun
    gone = (await cancel_own_session(uow, by(1), one.id or 0, NOW)).done
    assert not coach_may_move(gone.booking, NOW)


async def test_a_sunday_night_seat_runs_on_into_the_next_weeks_monday() -> None:
    uow = scenario()
    late = uow.occurrences.add(YOGA, datetime(2026, 12, 6, 22, 30, tzinfo=UTC))  # 23:30 Berlin
    seat = (await book_session(uow, by(2), GroupSeat(22, late.id or 0), NOW)).done

    week = await coach_schedule(uow, COACH, 0, NOW)
    assert [e.booking.id for e in week.days[-1][1]] == [seat.id]  # listed on its Sunday
    assert week.runs_on and not week.has_next  # the next week has only its last half hour
    assert (week.carried, week.carried_dates) == ((), ())

    following = await coach_schedule(uow, COACH, 1, NOW)
    assert following.days == () and following.group_dates == ()  # nothing starts there
    assert [e.booking.id for e in following.carried] == [seat.id]
    assert [d.occurrence_id for d in following.carried_dates] == [late.id]
    assert not following.runs_on
