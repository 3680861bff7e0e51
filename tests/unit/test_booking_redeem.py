"""Redeeming a sold package: 1:1 slots and group seats, each refusal with its own reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.booking.errors import (
    AlreadyBooked,
    ItemNoLongerOffered,
    NothingLeftToBook,
    OccurrenceUnavailable,
    PackageExpired,
    SeriesFull,
    SlotTaken,
)
from domain.booking.holder import dates_for, open_package, package_screen
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne
from domain.errors import NotFound
from tests.unit.booking_scenario import (
    COACH,
    LESSON,
    NOW,
    TUESDAY_9,
    by,
    left,
    scenario,
    slots,
)


async def test_booking_a_free_slot_takes_one_unit_and_reserves_the_time() -> None:
    uow = scenario()
    assert (await slots(uow, 11))[0] == TUESDAY_9
    booking = (await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)).done
    assert booking.id is not None and booking.ends_at == TUESDAY_9 + timedelta(hours=1)
    assert await left(uow, 11) == 2 and uow.commits == 1
    assert uow.bookings.locked == [COACH]
    assert TUESDAY_9 not in await slots(uow, 11)


async def test_an_unknown_token_or_someone_not_holding_the_package_finds_nothing() -> None:
    with pytest.raises(NotFound):
        await open_package(scenario(), 999, "Stranger", "n" * 43, NOW)
    with pytest.raises(NotFound):
        await package_screen(scenario(), 999, 1, NOW)
    with pytest.raises(NotFound):  # another coach's sold package looks the same
        await package_screen(scenario(), COACH + 1, 1, NOW)
    assert (await package_screen(scenario(), COACH, 1, NOW)).view.sold.id == 1


@pytest.mark.parametrize(
    "start",
    [
        TUESDAY_9 + timedelta(minutes=10),  # not on the step
        NOW + timedelta(hours=1),  # inside the minimum notice
        datetime(2026, 12, 1, 20, 0, tzinfo=UTC),  # outside working hours
    ],
)
async def test_a_time_that_is_not_a_free_slot_is_refused_and_nothing_written(
    start: datetime,
) -> None:
    uow = scenario()
    with pytest.raises(SlotTaken):
        await book_session(uow, by(), OneToOne(11, start), NOW)
    assert await left(uow, 11) == 3 and not uow.bookings.rows.sessions


async def test_the_same_or_an_overlapping_slot_cannot_be_booked_from_another_package() -> None:
    uow = scenario()
    await book_session(uow, by(1), OneToOne(11, TUESDAY_9), NOW)
    for start in (TUESDAY_9, TUESDAY_9 + timedelta(minutes=30)):
        with pytest.raises(SlotTaken):
            await book_session(uow, by(2), OneToOne(21, start), NOW)
    assert await left(uow, 21, sold_id=2) == 3


async def test_after_the_last_unit_nothing_is_left_to_book() -> None:
    uow = scenario(quantity=1)
    await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)
    with pytest.raises(NothingLeftToBook):
        later = TUESDAY_9 + timedelta(hours=2)
        await book_session(uow, by(), OneToOne(11, later), NOW)


async def test_expired_package_and_sessions_after_expiry_are_refused() -> None:
    uow = scenario(expires_at=NOW)
    with pytest.raises(PackageExpired):
        await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)
    uow = scenario(expires_at=TUESDAY_9)
    assert await slots(uow, 11) == []
    with pytest.raises(PackageExpired):
        await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)
    assert await left(uow, 11) == 3


async def test_a_deleted_service_is_refused() -> None:
    uow = scenario()
    uow.services.rows[LESSON].deleted_at = NOW
    with pytest.raises(ItemNoLongerOffered):
        await book_session(uow, by(), OneToOne(11, TUESDAY_9), NOW)
    assert await left(uow, 11) == 3 and not uow.bookings.rows.sessions


async def test_a_removed_entitlement_is_no_longer_offered() -> None:
    uow = scenario()
    sold = uow.sold.rows["sold"]
    sold[1] = replace(sold[1], items=[replace(e, removed=True) for e in sold[1].items])
    with pytest.raises(ItemNoLongerOffered):
        await slots(uow, 11)


async def test_an_item_of_another_kind_or_package_is_not_found() -> None:
    uow = scenario()
    with pytest.raises(NotFound):
        await slots(uow, 12)  # the series item
    with pytest.raises(NotFound):
        await book_session(uow, by(), OneToOne(21, TUESDAY_9), NOW)


async def test_group_seats_are_taken_until_the_occurrence_is_full() -> None:
    uow = scenario(seats=2)
    dates = await dates_for(uow, by().user_id, 1, 12, NOW)
    series, occurrences = dates.series, dates.occurrences
    assert series.title == "Yoga" and [o.id for o in occurrences] == [1]  # the past one is gone
    for sold_id in (1, 2):
        seat = GroupSeat(10 * sold_id + 2, 1)
        booking = (await book_session(uow, by(sold_id), seat, NOW)).done
        assert booking.occurrence_id == 1
    with pytest.raises(SeriesFull):
        await book_session(uow, by(3), GroupSeat(32, 1), NOW)
    assert uow.occurrences.rows[1].seats_taken == 2 and await left(uow, 32, sold_id=3) == 3


async def test_one_package_holds_one_seat_per_occurrence() -> None:
    uow = scenario()
    await book_session(uow, by(), GroupSeat(12, 1), NOW)
    with pytest.raises(AlreadyBooked):
        await book_session(uow, by(), GroupSeat(12, 1), NOW)
    assert uow.occurrences.rows[1].seats_taken == 1 and await left(uow, 12) == 2


async def test_past_and_unknown_occurrences_are_unavailable() -> None:
    uow = scenario()
    for occurrence_id in (2, 99):
        with pytest.raises(OccurrenceUnavailable):
            await book_session(uow, by(), GroupSeat(12, occurrence_id), NOW)


async def test_group_class_time_is_not_offered_for_one_to_one_sessions() -> None:
    uow = scenario()
    offered = await slots(uow, 11)
    class_start = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    assert class_start - timedelta(hours=1) not in offered  # would run into the class
    assert class_start - timedelta(hours=2) in offered
