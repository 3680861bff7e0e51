"""The same time every week: weekly starts keep the coach's wall clock across DST, no more
weeks than sessions left or before expiry, all booked or none, and the weeks not free named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.booking.errors import NothingLeftToBook, WeeksNotFree
from domain.booking.holder_changes import book_session, book_weekly_sessions, cancel_own_session
from domain.booking.model import OneToOne, SessionBooking
from domain.booking.weekly import (
    MAX_WEEKS,
    chosen_weeks,
    most_weeks,
    plan_weeks,
    weekly_starts,
    weeks_mask,
)
from domain.errors import InvalidInput
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.booking_scenario import NOW, TUESDAY_9, by, left, scenario, slots, upcoming

WEEK = timedelta(weeks=1)
BERLIN = "Europe/Berlin"
ALL_THREE = 0b111  # the first three weeks from TUESDAY_9


async def _weekly(uow: BookingFakeUnitOfWork, mask: int) -> list[SessionBooking]:
    """The client books the weeks `mask` chooses from TUESDAY_9 (lesson item 11)."""
    return (await book_weekly_sessions(uow, by(), 11, TUESDAY_9, mask, NOW)).done


def test_a_weekly_time_keeps_the_coachs_wall_clock_across_the_dst_change() -> None:
    first = datetime(2027, 3, 23, 8, 0, tzinfo=UTC)  # Tue 09:00 in Berlin (CET)
    starts = weekly_starts(first, 3, BERLIN)
    assert starts == [first, datetime(2027, 3, 30, 7, 0, tzinfo=UTC),  # 09:00 CEST
                      datetime(2027, 4, 6, 7, 0, tzinfo=UTC)]  # fmt: skip
    assert weekly_starts(first, 3, "UTC")[1] == first + WEEK


def test_the_weeks_on_offer_stop_at_the_sessions_left_and_the_last_free_time() -> None:
    free = [TUESDAY_9 + n * WEEK for n in range(20)]
    assert most_weeks(TUESDAY_9, 3, free, BERLIN) == 3
    assert most_weeks(TUESDAY_9, 50, free, BERLIN) == MAX_WEEKS
    before_expiry = [s for s in free if s < TUESDAY_9 + 2 * WEEK]
    assert most_weeks(TUESDAY_9, 50, before_expiry, BERLIN) == 2
    assert most_weeks(TUESDAY_9, 0, free, BERLIN) == 0


def test_the_plan_names_the_weeks_not_free_and_the_mask_carries_the_free_ones() -> None:
    free = [TUESDAY_9, TUESDAY_9 + 2 * WEEK]
    plan = plan_weeks(TUESDAY_9, 3, free, BERLIN)
    assert plan.not_free == [TUESDAY_9 + WEEK]
    assert plan.free_starts == free
    mask = weeks_mask(TUESDAY_9, plan.free_starts, BERLIN)
    assert mask == 0b101 and chosen_weeks(TUESDAY_9, mask, BERLIN) == free
    with pytest.raises(InvalidInput):
        chosen_weeks(TUESDAY_9, 0, BERLIN)
    with pytest.raises(InvalidInput):
        chosen_weeks(TUESDAY_9, 2**MAX_WEEKS, BERLIN)


async def test_three_weeks_are_booked_in_one_go() -> None:
    uow = scenario(quantity=3)
    booked = await _weekly(uow, ALL_THREE)
    assert [b.starts_at for b in booked] == weekly_starts(TUESDAY_9, 3, BERLIN)
    assert len({b.id for b in booked}) == 3 and await left(uow, 11) == 0


async def test_a_week_taken_by_someone_else_books_nothing_and_is_named() -> None:
    uow = scenario(quantity=3)
    await book_session(uow, by(2), OneToOne(21, TUESDAY_9 + WEEK), NOW)
    with pytest.raises(WeeksNotFree) as refused:
        await _weekly(uow, ALL_THREE)
    assert refused.value.starts == (TUESDAY_9 + WEEK,)
    assert await left(uow, 11) == 3 and await upcoming(uow) == []
    plan = plan_weeks(TUESDAY_9, 3, await slots(uow, 11), BERLIN)
    booked = await _weekly(uow, weeks_mask(TUESDAY_9, plan.free_starts, BERLIN))  # the free ones
    assert [b.starts_at for b in booked] == [TUESDAY_9, TUESDAY_9 + 2 * WEEK]


async def test_more_weeks_than_sessions_left_books_none() -> None:
    uow = scenario(quantity=2)
    with pytest.raises(NothingLeftToBook):
        await _weekly(uow, ALL_THREE)
    assert await left(uow, 11) == 2 and await upcoming(uow) == []


async def test_a_week_after_expiry_is_not_free() -> None:
    uow = scenario(quantity=3, expires_at=TUESDAY_9 + WEEK + timedelta(hours=1))
    assert most_weeks(TUESDAY_9, 3, await slots(uow, 11), BERLIN) == 2
    with pytest.raises(WeeksNotFree) as refused:
        await _weekly(uow, ALL_THREE)
    assert refused.value.starts == (TUESDAY_9 + 2 * WEEK,)


async def test_cancelling_one_week_leaves_the_others() -> None:
    uow = scenario(quantity=3)
    booked = await _weekly(uow, ALL_THREE)
    await cancel_own_session(uow, by(), booked[1].id or 0, NOW)
    rest = await upcoming(uow)
    assert [b.starts_at for b in rest] == [TUESDAY_9, TUESDAY_9 + 2 * WEEK]
    assert await left(uow, 11) == 1
