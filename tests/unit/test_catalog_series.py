from datetime import UTC, datetime, timedelta

import pytest

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Series, Usage
from domain.catalog.packages import create_package, get_package
from domain.catalog.series import (
    SERIES,
    SeriesDraft,
    add_occurrence,
    add_recurring_occurrences,
    create_series,
    list_occurrences,
    remove_occurrence,
    update_series,
)
from domain.errors import InvalidInput, NotACoach, NotFound
from tests.unit.fakes import FakeUnitOfWork, seed_coach
from tests.unit.worded import refused

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
ANNA, BORIS, CLIENT = 1, 2, 3
BOOTCAMP = SeriesDraft(title="Bootcamp", description="Group", capacity=10, duration_minutes=60)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    seed_coach(uow, ANNA, timezone="Europe/Berlin")
    seed_coach(uow, BORIS, timezone="Asia/Tokyo")
    return uow


async def _series(uow: FakeUnitOfWork, coach_id: int = ANNA) -> tuple[Series, int]:
    series = await create_series(uow, coach_id, BOOTCAMP)
    assert series.id is not None
    return series, series.id


async def test_a_coach_creates_a_series_without_dates(uow: FakeUnitOfWork) -> None:
    series, series_id = await _series(uow)
    assert (series.title, series.capacity, series.duration_minutes) == ("Bootcamp", 10, 60)
    assert await SERIES.get(uow, ANNA, series_id) == series
    assert await list_occurrences(uow, ANNA, series_id) == []


async def test_someone_who_is_not_a_coach_cannot_create_a_series(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotACoach):
        await create_series(uow, CLIENT, BOOTCAMP)


@pytest.mark.parametrize(
    ("capacity", "accepted"), [(0, False), (1, True), (500, True), (501, False)]
)
async def test_a_series_seats_1_to_500(uow: FakeUnitOfWork, capacity: int, accepted: bool) -> None:
    draft = SeriesDraft("Bootcamp", "", capacity, 60)
    if accepted:
        assert (await create_series(uow, ANNA, draft)).capacity == capacity
    else:
        with refused(match="1 to 500 seats"):
            await create_series(uow, ANNA, draft)


@pytest.mark.parametrize(
    ("minutes", "accepted"), [(14, False), (15, True), (480, True), (481, False)]
)
async def test_a_series_meeting_lasts_15_to_480_minutes(
    uow: FakeUnitOfWork, minutes: int, accepted: bool
) -> None:
    draft = SeriesDraft("Bootcamp", "", 10, minutes)
    if accepted:
        assert (await create_series(uow, ANNA, draft)).duration_minutes == minutes
    else:
        with pytest.raises(InvalidInput):
            await create_series(uow, ANNA, draft)


def test_a_series_draft_survives_the_conversation_state() -> None:
    assert SeriesDraft.from_dict(BOOTCAMP.to_dict()) == BOOTCAMP


async def test_series_are_listed_a_page_at_a_time(uow: FakeUnitOfWork) -> None:
    for n in range(3):
        await create_series(uow, ANNA, SeriesDraft(f"Series {n}", "", 5, 60))
    page = await SERIES.page(uow, ANNA, page=2, per_page=2)
    assert [s.title for s in page.items] == ["Series 2"]
    assert (page.page, page.pages, page.total) == (2, 2, 3)


async def test_another_coachs_series_looks_exactly_like_a_missing_one(
    uow: FakeUnitOfWork,
) -> None:
    series, series_id = await _series(uow)
    for attempt in (
        SERIES.get(uow, BORIS, series_id),
        update_series(uow, BORIS, series_id, "capacity", "3", NOW),
        SERIES.set_hidden(uow, BORIS, series_id, True),
        SERIES.usage(uow, BORIS, series_id),
        SERIES.delete(uow, BORIS, series_id, NOW),
        add_occurrence(uow, BORIS, series_id, "2026-12-01 18:00", NOW),
        add_recurring_occurrences(uow, BORIS, series_id, "every tue 18:00 for 2 weeks", NOW),
        list_occurrences(uow, BORIS, series_id),
        remove_occurrence(uow, BORIS, series_id, 1),
        SERIES.get(uow, ANNA, 999),
    ):
        with pytest.raises(NotFound):
            await attempt
    assert await SERIES.get(uow, ANNA, series_id) == series
    assert uow.occurrences.rows == {}


@pytest.mark.parametrize(
    ("field", "text", "attribute", "value"),
    [
        ("title", "Bootcamp II", "title", "Bootcamp II"),
        ("description", "Outdoors", "description", "Outdoors"),
        ("duration", "45 min", "duration_minutes", 45),
        ("capacity", "12", "capacity", 12),
    ],
)
async def test_a_coach_edits_one_field_of_a_series(
    uow: FakeUnitOfWork, field: str, text: str, attribute: str, value: object
) -> None:
    _, series_id = await _series(uow)
    await update_series(uow, ANNA, series_id, field, text, NOW)
    assert getattr(await SERIES.get(uow, ANNA, series_id), attribute) == value


@pytest.mark.parametrize(("field", "text"), [("capacity", "0"), ("capacity", "501"), ("age", "9")])
async def test_an_invalid_series_edit_is_refused(
    uow: FakeUnitOfWork, field: str, text: str
) -> None:
    series, series_id = await _series(uow)
    with pytest.raises(InvalidInput):
        await update_series(uow, ANNA, series_id, field, text, NOW)
    assert await SERIES.get(uow, ANNA, series_id) == series


async def test_capacity_cannot_drop_below_the_seats_taken_in_an_upcoming_meeting(
    uow: FakeUnitOfWork,
) -> None:
    _, series_id = await _series(uow)
    past = await add_occurrence(uow, ANNA, series_id, "2026-12-01 18:00", NOW - timedelta(days=30))
    upcoming = await add_occurrence(uow, ANNA, series_id, "2026-12-08 18:00", NOW)
    assert past.id is not None and upcoming.id is not None
    uow.occurrences.rows[past.id].seats_taken = 9
    uow.occurrences.rows[upcoming.id].seats_taken = 4
    later = datetime(2026, 12, 2, tzinfo=UTC)  # the first meeting is over by then
    with refused(match="4 clients"):
        await update_series(uow, ANNA, series_id, "capacity", "3", later)
    assert (await update_series(uow, ANNA, series_id, "capacity", "4", later)).capacity == 4


async def test_a_meeting_is_typed_in_the_coachs_own_time_zone(uow: FakeUnitOfWork) -> None:
    _, anna_series = await _series(uow, ANNA)
    _, boris_series = await _series(uow, BORIS)
    berlin = await add_occurrence(uow, ANNA, anna_series, "01.12.2026 18:00", NOW)
    tokyo = await add_occurrence(uow, BORIS, boris_series, "01.12.2026 18:00", NOW)
    assert berlin.starts_at == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    assert tokyo.starts_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2026-11-01 18:00", "passed"), ("2027-03-28 02:30", "does not exist"), ("soon", "like")],
)
async def test_a_meeting_in_the_past_or_at_a_nonexistent_time_is_refused(
    uow: FakeUnitOfWork, text: str, reason: str
) -> None:
    _, series_id = await _series(uow)
    with refused(match=reason):
        await add_occurrence(uow, ANNA, series_id, text, NOW)
    assert uow.occurrences.rows == {}


async def test_the_same_meeting_time_cannot_be_added_twice(uow: FakeUnitOfWork) -> None:
    _, series_id = await _series(uow)
    await add_occurrence(uow, ANNA, series_id, "2026-12-01 18:00", NOW)
    with refused(match="already meets"):
        await add_occurrence(uow, ANNA, series_id, "01.12.2026 18:00", NOW)
    assert len(await list_occurrences(uow, ANNA, series_id)) == 1


async def test_weekly_meetings_are_added_and_repeats_are_skipped(uow: FakeUnitOfWork) -> None:
    _, series_id = await _series(uow)
    first = await add_recurring_occurrences(
        uow, ANNA, series_id, "every Tuesday 18:00 for 8 weeks", NOW
    )
    assert len(first) == 8
    assert first[0].starts_at == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    again = await add_recurring_occurrences(
        uow, ANNA, series_id, "every Tuesday 18:00 for 10 weeks", NOW
    )
    assert [o.starts_at for o in again] == [
        first[-1].starts_at + timedelta(weeks=1),
        first[-1].starts_at + timedelta(weeks=2),
    ]
    assert len(await list_occurrences(uow, ANNA, series_id)) == 10


async def test_a_refused_schedule_adds_no_meeting(uow: FakeUnitOfWork) -> None:
    _, series_id = await _series(uow)
    with refused(match="does not exist"):
        await add_recurring_occurrences(
            uow, ANNA, series_id, "every Sunday 02:30 for 30 weeks", NOW
        )
    assert uow.occurrences.rows == {}


async def test_meetings_are_listed_in_start_order_and_can_skip_the_past(
    uow: FakeUnitOfWork,
) -> None:
    _, series_id = await _series(uow)
    late = await add_occurrence(uow, ANNA, series_id, "2026-12-08 18:00", NOW)
    early = await add_occurrence(uow, ANNA, series_id, "2026-12-01 18:00", NOW)
    assert await list_occurrences(uow, ANNA, series_id) == [early, late]
    assert await list_occurrences(uow, ANNA, series_id, after=early.starts_at) == [late]


async def test_removing_a_meeting_tells_how_many_clients_had_a_seat(uow: FakeUnitOfWork) -> None:
    _, series_id = await _series(uow)
    meeting = await add_occurrence(uow, ANNA, series_id, "2026-12-01 18:00", NOW)
    assert meeting.id is not None
    uow.occurrences.rows[meeting.id].seats_taken = 3
    assert await remove_occurrence(uow, ANNA, series_id, meeting.id) == 3
    assert await list_occurrences(uow, ANNA, series_id) == []
    with pytest.raises(NotFound):
        await remove_occurrence(uow, ANNA, series_id, meeting.id)


async def test_a_meeting_of_another_series_cannot_be_removed_through_this_one(
    uow: FakeUnitOfWork,
) -> None:
    _, series_id = await _series(uow)
    _, other_id = await _series(uow)
    meeting = await add_occurrence(uow, ANNA, other_id, "2026-12-01 18:00", NOW)
    assert meeting.id is not None
    with pytest.raises(NotFound):
        await remove_occurrence(uow, ANNA, series_id, meeting.id)
    assert await list_occurrences(uow, ANNA, other_id) == [meeting]


async def test_a_hidden_series_is_still_the_coachs_to_edit(uow: FakeUnitOfWork) -> None:
    _, series_id = await _series(uow)
    assert (await SERIES.set_hidden(uow, ANNA, series_id, True)).hidden
    assert (await update_series(uow, ANNA, series_id, "title", "Secret", NOW)).hidden


async def test_deleting_a_series_removes_it_from_packages_and_sold_packages(
    uow: FakeUnitOfWork,
) -> None:
    _, series_id = await _series(uow)
    draft = PackageDraft()
    draft_set_title(draft, "Bootcamp pass")
    draft_add_item(draft, ItemKind.SERIES, series_id, "8")
    draft_set_price(draft, "0", "XTR")
    package = await create_package(uow, ANNA, draft, NOW)
    assert package.id is not None
    uow.sales.sell(package)
    assert await SERIES.usage(uow, ANNA, series_id) == Usage(
        packages=1, sold_packages=1, packages_left_empty=1
    )

    assert (await SERIES.delete(uow, ANNA, series_id, NOW)).hidden_packages == 1

    with pytest.raises(NotFound):
        await SERIES.get(uow, ANNA, series_id)
    emptied = await get_package(uow, ANNA, package.id)
    assert emptied.items == [] and emptied.hidden  # hidden, not listed with nothing inside
    assert all(not sale.refs for sale in uow.sales.rows.values())
    assert uow.series.rows[series_id].deleted_at == NOW  # soft delete


async def test_a_package_holding_more_than_the_deleted_series_stays_visible(
    uow: FakeUnitOfWork,
) -> None:
    _, series_id = await _series(uow)
    _, other_id = await _series(uow)
    draft = PackageDraft()
    draft_set_title(draft, "Two bootcamps")
    draft_add_item(draft, ItemKind.SERIES, series_id, "4")
    draft_add_item(draft, ItemKind.SERIES, other_id, "4")
    draft_set_price(draft, "0", "XTR")
    package = await create_package(uow, ANNA, draft, NOW)
    assert package.id is not None
    assert (await SERIES.usage(uow, ANNA, series_id)).packages_left_empty == 0

    assert (await SERIES.delete(uow, ANNA, series_id, NOW)).hidden_packages == 0

    kept = await get_package(uow, ANNA, package.id)
    assert not kept.hidden and [i.ref_id for i in kept.items] == [other_id]


def test_a_series_draft_remembers_hidden_and_old_drafts_load_visible() -> None:
    hidden = SeriesDraft("Bootcamp", "", 10, 60, hidden=True)
    assert SeriesDraft.from_dict(hidden.to_dict()) == hidden
    old = {"title": "Bootcamp", "description": "", "capacity": 10, "duration_minutes": 60}
    assert SeriesDraft.from_dict(old).hidden is False
    assert SeriesDraft.from_dict(old) == SeriesDraft("Bootcamp", "", 10, 60)


async def test_a_series_can_be_created_hidden(uow: FakeUnitOfWork) -> None:
    series = await create_series(uow, ANNA, SeriesDraft("Secret", "", 5, 30, hidden=True))
    assert series.id is not None
    assert (await SERIES.get(uow, ANNA, series.id)).hidden
