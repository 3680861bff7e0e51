"""The date use cases the series screens call, one transaction each: adding one date or a
weekly schedule (told apart by the text), and removing a date (asking first when seats
are taken)."""

from datetime import UTC, datetime

import pytest

from domain.catalog.dates import add_dates, remove_date
from domain.catalog.series import SeriesDraft, create_series, list_occurrences
from domain.errors import NotFound
from tests.unit.fakes import FakeUnitOfWork, seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
ANNA, BORIS = 1, 2


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    seed_coach(uow, ANNA, timezone="Europe/Berlin")
    seed_coach(uow, BORIS, timezone="Asia/Tokyo")
    return uow


async def _series_id(uow: FakeUnitOfWork) -> int:
    series = await create_series(uow, ANNA, SeriesDraft("Bootcamp", "", 10, 60))
    assert series.id is not None
    return series.id


async def test_one_date_or_a_schedule_is_added_in_one_transaction(uow: FakeUnitOfWork) -> None:
    series_id = await _series_id(uow)
    before = uow.transactions
    one = await add_dates(uow, ANNA, series_id, "01.12.2026 18:00", NOW)
    assert uow.transactions == before + 1
    assert one.timezone == "Europe/Berlin"
    assert [o.starts_at for o in one.added] == [datetime(2026, 12, 1, 17, 0, tzinfo=UTC)]
    weekly = await add_dates(uow, ANNA, series_id, "every Tuesday 18:00 for 3 weeks", NOW)
    assert len(weekly.added) == 2  # 1 December is already there
    assert len(await list_occurrences(uow, ANNA, series_id)) == 3


async def test_a_date_with_seats_taken_is_removed_only_once_confirmed(
    uow: FakeUnitOfWork,
) -> None:
    series_id = await _series_id(uow)
    added = await add_dates(uow, ANNA, series_id, "every Tuesday 18:00 for 2 weeks", NOW)
    booked, free = added.added
    assert booked.id is not None and free.id is not None
    uow.occurrences.rows[booked.id].seats_taken = 2
    before = uow.transactions
    asked = await remove_date(uow, ANNA, series_id, booked.id, NOW, confirmed=False)
    assert uow.transactions == before + 1
    assert not asked.removed and asked.occurrence.seats_taken == 2
    assert asked.after.timezone == "Europe/Berlin"
    assert [o.id for o in asked.after.upcoming] == [booked.id, free.id]  # nothing changed
    gone = await remove_date(uow, ANNA, series_id, booked.id, NOW, confirmed=True)
    assert gone.removed and [o.id for o in gone.after.upcoming] == [free.id]
    quiet = await remove_date(uow, ANNA, series_id, free.id, NOW, confirmed=False)
    assert quiet.removed and quiet.after.upcoming == []  # nobody booked: no question
    assert await list_occurrences(uow, ANNA, series_id) == []


async def test_another_coach_cannot_remove_a_date(uow: FakeUnitOfWork) -> None:
    series_id = await _series_id(uow)
    added = await add_dates(uow, ANNA, series_id, "01.12.2026 18:00", NOW)
    meeting_id = added.added[0].id
    assert meeting_id is not None
    with pytest.raises(NotFound):
        await remove_date(uow, BORIS, series_id, meeting_id, NOW, confirmed=True)
    with pytest.raises(NotFound):
        await remove_date(uow, ANNA, series_id, meeting_id + 99, NOW, confirmed=True)
    assert len(await list_occurrences(uow, ANNA, series_id)) == 1
