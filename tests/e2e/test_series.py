"""Group series journeys: /newseries with bad input, dates in the coach's time zone (one at a
time or weekly), seats taken, removing dates, editing, deleting, ownership, restarts."""

from __future__ import annotations

from sqlalchemy import update

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind
from domain.catalog.packages import create_package, get_package
from domain.catalog.series import (
    SERIES,
    SeriesDraft,
    create_series,
    list_occurrences,
)
from persistence.db import create_engine
from persistence.models import OccurrenceRow
from tests.e2e.conftest import COACH, OTHER_COACH, BotHarness


async def given_a_series(harness: BotHarness, title: str = "Bootcamp") -> int:
    """The coach (Europe/Berlin) already has a 12-seat, 60-minute series without dates."""
    api = harness.api
    api.send_text(COACH, "/timezone")
    await api.next_message(COACH, "Choose a new one below")
    api.press_button(COACH, "Europe/Berlin")
    await api.next_message(COACH, "times are now shown in Europe/Berlin")
    assert harness.app is not None
    uow = harness.app.deps.uow_factory()
    series = await create_series(uow, COACH, SeriesDraft(title, "", 12, 60))
    assert series.id is not None
    return series.id


async def dates_of(harness: BotHarness, series_id: int) -> list[tuple[str, int]]:
    """(UTC start, seats taken) of every date of the series, from the database."""
    assert harness.app is not None
    uow = harness.app.deps.uow_factory()
    found = await list_occurrences(uow, COACH, series_id)
    return [(f"{o.starts_at:%Y-%m-%d %H:%M}", o.seats_taken) for o in found]


async def seats_taken(harness: BotHarness, series_id: int, seats: int) -> None:
    """Clients booked `seats` seats in every date (booking is the next issue's work)."""
    engine = create_engine(harness.database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                update(OccurrenceRow)
                .where(OccurrenceRow.series_id == series_id)
                .values(seats_taken=seats)
            )
    finally:
        await engine.dispose()


async def add_dates(harness: BotHarness, text: str, added: str) -> None:
    """Press Add dates on the series view, type `text`, expect `added`, press Done."""
    api = harness.api
    api.press_button(COACH, "➕ Add dates")
    await api.next_message(COACH, "read in your time zone (Europe/Berlin)")
    api.send_text(COACH, text)
    await api.next_message(COACH, added)
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Upcoming dates")


async def test_coach_creates_a_series_adds_weekly_dates_and_removes_one(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/timezone")
    await api.next_message(COACH, "Choose a new one below")
    api.press_button(COACH, "Europe/Berlin")
    await api.next_message(COACH, "times are now shown in Europe/Berlin")

    api.send_text(COACH, "/newseries")
    await api.next_message(COACH, "New series. What is its title?")
    api.send_text(COACH, "Morning bootcamp")
    await api.next_message(COACH, "description of the series")
    api.send_text(COACH, "/skip")
    await api.next_message(COACH, "How many seats does one meeting have?")
    api.send_text(COACH, "0")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 500")
    api.send_text(COACH, "501")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 500")
    api.send_text(COACH, "12")
    await api.next_message(COACH, "How long is one session?")
    api.press_button(COACH, "1 h")
    await api.next_message(COACH, "Hide this series")
    api.press_button(COACH, "👁 No, show it")
    summary = await api.next_message(COACH, "New series — please check")
    assert "Capacity: 12 seats per meeting" in summary.content
    api.press_button(COACH, "✅ Save")
    saved = await api.next_message(COACH, "Saved.")
    assert "None yet: press Add dates." in saved.content

    api.press_button(COACH, "➕ Add dates")
    await api.next_message(COACH, "read in your time zone (Europe/Berlin)")
    api.send_text(COACH, "every Tuesday 18:00 for 3 weeks")
    added = await api.next_message(COACH, "Added 3 dates:")
    assert "Tue 01 Dec 2026 18:00" in added.content and "Tue 15 Dec 2026 18:00" in added.content
    api.press_button(COACH, "✅ Done")
    view = await api.next_message(COACH, "Upcoming dates (Europe/Berlin time")
    for day in ("01", "08", "15"):
        assert f"Tue {day} Dec 18:00 — 0/12" in view.content
    assert harness.app is not None
    (series,) = (await SERIES.page(harness.app.deps.uow_factory(), COACH)).items
    assert series.id is not None
    stored = await dates_of(harness, series.id)
    assert [start for start, _ in stored] == [  # 18:00 in Berlin is 17:00 UTC in winter
        "2026-12-01 17:00",
        "2026-12-08 17:00",
        "2026-12-15 17:00",
    ]

    api.press_button(COACH, "➕ Add dates")
    await api.next_message(COACH, "Add dates to Morning bootcamp")
    api.send_text(COACH, "2026-11-20 18:00")
    await api.next_message(COACH, "Sorry, that time has already passed")
    api.send_text(COACH, "31.12.2026 25:00")
    await api.next_message(COACH, "is not a real date and time")
    api.send_text(COACH, "every Tuesday 18:00 for 1 week")
    await api.next_message(COACH, "already meets at all of those times, so nothing was added")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "Stopped adding dates")
    assert len(await dates_of(harness, series.id)) == 3

    api.send_text(COACH, "/series")
    await api.next_message(COACH, "1. Morning bootcamp — 12 seats, 1 h")
    api.press_button(COACH, "1. Morning bootcamp")
    await api.next_message(COACH, "Tue 15 Dec 18:00 — 0/12")
    api.press_button(COACH, "➖ Remove a date")
    await api.next_message(COACH, "Which date of Morning bootcamp do you want to remove?")
    api.press_button(COACH, "Tue 08 Dec 18:00 — 0/12")
    removed = await api.next_message(COACH, "Removed Tue 08 Dec 2026 18:00.")
    assert "Tue 08 Dec 18:00 — 0/12" not in removed.content
    assert "Tue 01 Dec 18:00 — 0/12" in removed.content
    assert [start for start, _ in await dates_of(harness, series.id)] == [
        "2026-12-01 17:00",
        "2026-12-15 17:00",
    ]

    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Coach home")
    api.press_button(COACH, "Series (1)")
    await api.next_message(COACH, "1. Morning bootcamp — 12 seats, 1 h")


async def test_removing_a_date_with_booked_seats_asks_first_and_says_how_many_clients(
    harness: BotHarness,
) -> None:
    api = harness.api
    series_id = await given_a_series(harness)
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Bootcamp")
    await api.next_message(COACH, "None yet")
    await add_dates(harness, "2026-12-03 07:30", "Added 1 date:\nThu 03 Dec 2026 07:30")
    await seats_taken(harness, series_id, 3)
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Bootcamp")
    await api.next_message(COACH, "Thu 03 Dec 07:30 — 3/12")

    api.press_button(COACH, "✏️ Capacity")
    await api.next_message(COACH, "Type the new capacity")
    api.send_text(COACH, "2")
    await api.next_message(COACH, "Sorry, 3 clients already have a seat in one meeting")
    api.send_text(COACH, "20")
    await api.next_message(COACH, "Thu 03 Dec 07:30 — 3/20")

    api.press_button(COACH, "➖ Remove a date")
    await api.next_message(COACH, "Which date")
    api.press_button(COACH, "Thu 03 Dec 07:30 — 3/20")
    question = await api.next_message(COACH, "3 clients booked a seat on Thu 03 Dec 2026 07:30")
    assert "3 clients will be affected" in question.content
    api.press_button(COACH, "Keep")
    await api.next_message(COACH, "Thu 03 Dec 07:30 — 3/20")
    assert await dates_of(harness, series_id) == [("2026-12-03 06:30", 3)]

    api.press_button(COACH, "➖ Remove a date")
    await api.next_message(COACH, "Which date")
    api.press_button(COACH, "Thu 03 Dec 07:30 — 3/20")
    await api.next_message(COACH, "Remove this date anyway?")
    api.press_button(COACH, "🗑 Remove anyway")
    done = await api.next_message(COACH, "Removed Thu 03 Dec 2026 07:30. 3 clients had a seat")
    assert "None yet" in done.content and "➖ Remove a date" not in done.button_labels
    assert await dates_of(harness, series_id) == []


async def test_deleting_a_series_that_is_a_packages_only_item_hides_that_package(
    harness: BotHarness,
) -> None:
    api = harness.api
    series_id = await given_a_series(harness, "Bootcamp")
    draft = PackageDraft()
    draft_set_title(draft, "Bootcamp pass")
    draft_add_item(draft, ItemKind.SERIES, series_id, "8")
    draft_set_price(draft, "0", "XTR")
    assert harness.app is not None
    uow_factory = harness.app.deps.uow_factory
    package = await create_package(uow_factory(), COACH, draft, harness.clock.now)
    assert package.id is not None and not package.hidden

    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Bootcamp")
    await api.next_message(COACH, "Capacity: 12 seats per meeting")
    api.press_button(COACH, "🗑 Delete")
    question = await api.next_message(COACH, "Delete Bootcamp?")
    assert "It is in 1 package and 0 sold packages" in question.content
    assert "1 package holds only this series, so deleting leaves it empty" in question.content
    api.press_button(COACH, "🗑 Delete")
    await api.next_message(COACH, "1 package that held only this series is now hidden.")
    emptied = await get_package(uow_factory(), COACH, package.id)
    assert emptied.hidden and emptied.items == []
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "You have no group series yet")


async def test_another_coach_cannot_see_or_change_a_series_by_forged_buttons(
    harness: BotHarness,
) -> None:
    api = harness.api
    series_id = await given_a_series(harness)
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Bootcamp")
    await api.next_message(COACH, "None yet")
    await add_dates(harness, "2026-12-03 07:30", "Added 1 date")
    ((start, _),) = await dates_of(harness, series_id)
    assert harness.app is not None
    (date,) = await list_occurrences(harness.app.deps.uow_factory(), COACH, series_id)

    api.send_text(OTHER_COACH, "/series")
    await api.next_message(OTHER_COACH, "You have no group series yet")
    answers = []
    for data in (
        f"ser:view:{series_id}",
        f"ser:add:{series_id}",
        f"ser:rm:{series_id}:1",
        f"ser:rmo:{series_id}:{date.id}",
        f"ser:rmok:{series_id}:{date.id}",
        f"ser:rmok:{series_id}:x",
        f"ser:edit:{series_id}:capacity",
        f"ser:delok:{series_id}",
        f"ser:list:{series_id}:oops:extra",
    ):
        api.press_callback(OTHER_COACH, data)
        answers.append((await api.next_message(OTHER_COACH, "I couldn't find that")).content)
    assert len(set(answers)) == 1
    assert await dates_of(harness, series_id) == [(start, 0)]
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "1. Bootcamp — 12 seats, 1 h")


async def test_adding_dates_survives_a_bot_restart(harness: BotHarness) -> None:
    api = harness.api
    series_id = await given_a_series(harness)
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Bootcamp")
    await api.next_message(COACH, "None yet")
    api.press_button(COACH, "➕ Add dates")
    await api.next_message(COACH, "Add dates to Bootcamp")
    await harness.restart()
    api.send_text(COACH, "fri 9:00 for 2 weeks")
    await api.next_message(COACH, "Added 2 dates:\nFri 27 Nov 2026 09:00\nFri 04 Dec 2026 09:00")
    assert len(await dates_of(harness, series_id)) == 2
