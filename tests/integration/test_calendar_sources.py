"""Connecting and disconnecting calendar sources on the real database: at most five, one
receiving bookings, and a disconnected source's busy times and pending writes go with it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.calendars.use_cases import calendars_of, connect_calendar, disconnect_calendar
from domain.errors import InvalidInput, NotFound
from persistence.db import session_factory
from persistence.models import CalendarBusyRow
from tests.integration.booking_seed import NOW, seed_world
from tests.integration.calendar_steps import RecordingBot, connect_feed, sync_job
from tests.integration.catalog_seed import ANNA, BORIS, MakeUow
from tests.support.calendar_feeds import BERLIN_FEED, FeedState, feed_server


async def busy_rows(engine: AsyncEngine) -> int:
    async with session_factory(engine)() as session:
        return await session.scalar(select(func.count()).select_from(CalendarBusyRow)) or 0


async def test_at_most_five_sources_and_disconnecting_takes_their_busy_times(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    await seed_world(make_uow)
    with feed_server(FeedState(BERLIN_FEED)) as url:
        first = await connect_feed(make_uow, url)
        for _ in range(4):
            await connect_feed(make_uow, url)
        with pytest.raises(InvalidInput) as refused:
            await connect_feed(make_uow, url)
        assert refused.value.code == "calendars_too_many"
        await sync_job(make_uow, NOW).run(RecordingBot())
    assert await busy_rows(engine) > 0
    with pytest.raises(NotFound):  # another coach's source
        await disconnect_calendar(make_uow(), BORIS, first.id or 0)
    for source in await calendars_of(make_uow(), ANNA):
        await disconnect_calendar(make_uow(), ANNA, source.id or 0)
    assert await busy_rows(engine) == 0
    assert await calendars_of(make_uow(), ANNA) == []


async def test_only_one_source_receives_bookings(make_uow: MakeUow) -> None:
    await seed_world(make_uow)
    with feed_server(FeedState(BERLIN_FEED)) as url:
        source = await connect_feed(make_uow, url)
        async with make_uow() as uow:
            await uow.calendars.save(replace(source, target="https://dav.example.com/a/"))
            await uow.commit()
        second = replace(source, id=None, target="https://dav.example.com/b/")
        with pytest.raises(InvalidInput) as refused:
            await connect_calendar(make_uow(), second)
    assert refused.value.code == "calendar_target_taken"
