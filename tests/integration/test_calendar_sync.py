"""Busy times from a coach's published calendar, read by the sync job from a real HTTP
server into the real database: free slots exclude exactly them (with the buffer), the
confirm step refuses a time that became busy, 304 keeps them, a failure keeps them and is
told once, and the recovery once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.errors import SlotTaken
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.calendars.model import ReadError
from tests.integration.booking_seed import NOW, offered, seed_world, sell
from tests.integration.calendar_steps import RecordingBot, connect_feed, sync_job
from tests.integration.catalog_seed import ANNA, MakeUow
from tests.support.calendar_feeds import BERLIN_FEED, FeedState, feed_server


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def on_day(slots: list[datetime], day: int) -> list[datetime]:
    return [s for s in slots if s.day == day and s.month == 12]


def every_half_hour(day: int, first: int = 8, last: int = 19) -> list[datetime]:
    return [at(day, h, m) for h in range(first, last + 1) for m in (0, 30)][:-1]


async def test_free_slots_exclude_exactly_the_feed_busy_times_with_the_buffer(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    with feed_server(FeedState(BERLIN_FEED)) as url:
        await connect_feed(make_uow, url)
        await sync_job(make_uow, NOW).run(RecordingBot())
    slots = await offered(make_uow, sold)
    # Anna (UTC) works 08:00–20:00; the weekly event is 09:00–10:00 UTC on Tue 1 Dec.
    expected = [s for s in every_half_hour(1) if s not in (at(1, 8, 30), at(1, 9), at(1, 9, 30))]
    assert on_day(slots, 1) == expected
    assert on_day(slots, 3) == []  # the all-day event takes 3 Dec in her zone
    assert on_day(slots, 8) == every_half_hour(8)  # the excluded occurrence blocks nothing
    assert on_day(slots, 4) == every_half_hour(4)  # the bot's own event is no busy time

    async with make_uow() as uow:
        availability = await uow.availability.get(ANNA)
        settings = replace(availability.settings, buffer_minutes=15)
        await uow.availability.save(replace(availability, settings=settings))
        await uow.commit()
    slots = await offered(make_uow, sold)
    assert at(1, 8) not in slots and at(1, 10) not in slots and at(1, 10, 30) in slots


async def test_a_time_that_became_busy_is_refused_at_the_confirm_step(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    state = FeedState(BERLIN_FEED)
    with feed_server(state) as url:
        await connect_feed(make_uow, url)
        await sync_job(make_uow, NOW).run(RecordingBot())
        shown = await offered(make_uow, sold)
        assert at(1, 14) in shown
        state.body = BERLIN_FEED.replace(
            b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:new@x\r\nDTSTAMP:20261101T000000Z\r\n"
            b"DTSTART:20261201T140000Z\r\nDTEND:20261201T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR"
        )  # fmt: skip
        state.etag = '"v2"'
        await sync_job(make_uow, NOW).run(RecordingBot())
    with pytest.raises(SlotTaken):
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, at(1, 14)), NOW)


async def test_not_modified_keeps_the_busy_times_and_a_failure_is_told_once(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    state = FeedState(BERLIN_FEED)
    bot = RecordingBot()
    with feed_server(state) as url:
        source = await connect_feed(make_uow, url)
        await sync_job(make_uow, NOW).run(bot)
        first = await _source(make_uow, source.id)
        await sync_job(make_uow, NOW + timedelta(minutes=10)).run(bot)
        assert state.requests[-1].get("If-None-Match") == '"v1"'
        after_304 = await _source(make_uow, source.id)
        assert after_304.busy_count == first.busy_count > 0
        assert after_304.last_read_at == NOW + timedelta(minutes=10)

        state.status = 500
        for minutes in (20, 30, 40):
            await sync_job(make_uow, NOW + timedelta(minutes=minutes)).run(bot)
        failing = await _source(make_uow, source.id)
        assert failing.last_error is ReadError.HTTP_STATUS and failing.failing
        assert failing.busy_count == first.busy_count
        assert len(bot.said) == 1 and "can't read your calendar" in bot.said[0][1]
        slots = await offered(make_uow, sold)
        assert at(1, 9) not in slots  # the last good busy times still block

        state.status = 200
        for minutes in (50, 60):
            await sync_job(make_uow, NOW + timedelta(minutes=minutes)).run(bot)
    recovered = await _source(make_uow, source.id)
    assert recovered.last_error is None and not recovered.failing
    assert [text for _, text in bot.said][1:] == [
        "📅 Your calendar <b>127.0.0.1</b> can be read again; its busy times are up to date."
    ]
    assert all(chat == ANNA for chat, _ in bot.said)


async def _source(make_uow: MakeUow, source_id: int | None):  # type: ignore[no-untyped-def]
    async with make_uow() as uow:
        found = await uow.calendars.get(source_id or 0)
    assert found is not None
    return found
